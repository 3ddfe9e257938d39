package dev.netproof.query.format;

import java.io.IOException;
import java.util.Map;

/**
 * Rows as JSON lines: one object per line, keys in the row's order (Zeek names for flows), like
 * Zeek's JSON logs. Stateless.
 */
public final class JsonLines {
    private JsonLines() {}

    /** Writes one row and a newline. */
    public static void write(Appendable out, Map<String, ?> row) throws IOException {
        Json.write(out, row);
        out.append('\n');
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
