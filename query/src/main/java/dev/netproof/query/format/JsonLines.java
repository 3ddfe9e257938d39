package dev.netproof.query.format;

import java.io.IOException;
import java.util.Map;

/**
 * Rows as JSON lines: one object per line, keys in the row's order (Zeek names for flows), like
 * Zeek's JSON logs. Stateless.
 */
public final class JsonLines {
    private JsonLines() {}

    /**
     * Writes one row and a newline: made in a buffer and handed to {@code out} in one call, since a
     * {@code PrintWriter} locks on every call and a flow row is about sixty of them.
     */
    public static void write(Appendable out, Map<String, ?> row) throws IOException {
        if (out instanceof StringBuilder sb) {
            Json.write(sb, row);
            sb.append('\n');
            return;
        }
        StringBuilder line = new StringBuilder(512);
        Json.write(line, row);
        out.append(line.append('\n'));
    }

    /** Writes every row, one per line. */
    public static void writeAll(Appendable out, Iterable<? extends Map<String, ?>> rows) throws IOException {
        for (Map<String, ?> row : rows) write(out, row);
    }

    /** One row as a line, without the newline. */
    public static String line(Map<String, ?> row) {
        return Json.write(row);
    }
}
