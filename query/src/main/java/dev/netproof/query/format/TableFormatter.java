package dev.netproof.query.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rows as a fixed-width text table for the command line: a header line of field names, then one
 * line per row; columns two spaces apart; a column whose values are all numbers (or null) is
 * right-aligned, header included, any other left-aligned; no trailing blanks. Cells read like Zeek's ASCII logs: a missing or null value is {@code -}, an empty string
 * {@code (empty)}, doubles have six decimals. Control characters in text are escaped so that a row
 * stays on one line. Stateless.
 */
public final class TableFormatter {
    private TableFormatter() {}

    private static final String GAP = "  ";

    /** The table of {@code rows} with the union of their keys as columns, in first-seen order. */
    public static String format(List<? extends Map<String, ?>> rows) {
        Set<String> cols = new LinkedHashSet<>();
        for (Map<String, ?> r : rows) cols.addAll(r.keySet());
        return format(List.copyOf(cols), rows);
    }

    /** The table of {@code rows} with exactly these columns. */
    public static String format(List<String> columns, List<? extends Map<String, ?>> rows) {
        StringBuilder sb = new StringBuilder();
        try {
            write(sb, columns, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public static void write(Appendable out, List<String> columns, List<? extends Map<String, ?>> rows)
            throws IOException {
        int n = columns.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        boolean[] text = new boolean[n];
        String[][] cells = new String[rows.size()][n];
        for (int c = 0; c < n; c++) width[c] = columns.get(c).length();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, ?> row = rows.get(r);
            for (int c = 0; c < n; c++) {
                Object v = row.get(columns.get(c));
                if (v instanceof Number) numeric[c] = true;
                else if (v != null) text[c] = true;
                cells[r][c] = cell(v);
                width[c] = Math.max(width[c], cells[r][c].length());
            }
        }
        for (int c = 0; c < n; c++) numeric[c] &= !text[c];
        line(out, columns.toArray(String[]::new), width, numeric);
        for (String[] row : cells) line(out, row, width, numeric);
    }

    private static void line(Appendable out, String[] cells, int[] width, boolean[] numeric) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) sb.append(GAP);
            String s = cells[c];
            int pad = width[c] - s.length();
            if (numeric[c]) sb.repeat(' ', pad).append(s);
            else sb.append(s).repeat(' ', pad);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        out.append(sb, 0, end).append('\n');
    }

    /** How one value reads in a cell. */
    public static String cell(Object v) {
        return switch (v) {
            case null -> "-";
            case Double d -> String.format(Locale.ROOT, "%.6f", d);
            case Float f -> String.format(Locale.ROOT, "%.6f", f);
            case String s when s.isEmpty() -> "(empty)";
            case String s -> escape(s);
            default -> escape(v.toString());
        };
    }

    private static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) sb = new StringBuilder(s.substring(0, i));
                sb.append(String.format("\\x%02x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
