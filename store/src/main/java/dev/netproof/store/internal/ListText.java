package dev.netproof.store.internal;

import java.util.List;

/**
 * Lists as text for list columns that go through {@link TableFeed} (which writes scalars and text)
 * and become lists in the insert's select list ({@link #sql}). Cheaper for DuckDB than JSON: the
 * usual list is its values joined by the ASCII record separator and split by {@code string_split};
 * only a list whose strings hold that separator goes as JSON. One leading letter says which:
 * {@code E} empty, {@code S} split, {@code J} JSON.
 */
public final class ListText {
    private static final char SEPARATOR = '\u001e';

    private ListText() {}

    // Both loop over an array of the values, not the list: lists come in several classes (List.of makes two), and the
    // loops over them met profile_predicate deoptimizations, most likely a check of the list's class hoisted before the
    // loop that the next class fails; each method was compiled two or three times an ingest, once now (JFR).

    public static String strings(List<String> values) {
        if (values.isEmpty()) return "E";
        Object[] a = values.toArray();
        int size = 1;
        for (Object o : a) {
            String v = (String) o;
            if (v.indexOf(SEPARATOR) >= 0) return "J" + JsonText.strings(values);
            size += v.length() + 1;
        }
        StringBuilder b = new StringBuilder(size).append('S');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) b.append(SEPARATOR);
            b.append((String) a[i]);
        }
        return b.toString();
    }

    public static String numbers(List<? extends Number> values) {
        if (values.isEmpty()) return "E";
        Object[] a = values.toArray();
        StringBuilder b = new StringBuilder(1 + 8 * a.length).append('S');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) b.append(',');
            b.append(((Number) a[i]).longValue());
        }
        return b.toString();
    }

    /** The select-list expression turning {@code column}'s text into a list of {@code type} (VARCHAR[] or BIGINT[]). */
    public static String sql(String column, String type) {
        return switch (type) {
            case "VARCHAR[]" -> "CASE WHEN " + column + " = 'E' THEN []::VARCHAR[] WHEN " + column
                    + "[1] = 'S' THEN string_split(" + column + "[2:], chr(30)) ELSE " + column + "[2:]::JSON::VARCHAR[] END";
            case "BIGINT[]" -> "CASE WHEN " + column + " = 'E' THEN []::BIGINT[] ELSE string_split(" + column
                    + "[2:], ',')::BIGINT[] END";
            default -> throw new IllegalArgumentException("no list text for " + type);
        };
    }
}
