package dev.netproof.store.internal;

import java.util.List;

/**
 * JSON array text of strings or numbers, for list columns that go through {@link TableFeed} as
 * text and are cast by the insert ({@code x::JSON::VARCHAR[]}).
 */
public final class JsonText {
    private JsonText() {}

    public static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder(2 + 16 * values.size()).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            quote(sb, values.get(i));
        }
        return sb.append(']').toString();
    }

    public static String numbers(List<? extends Number> values) {
        StringBuilder sb = new StringBuilder(2 + 8 * values.size()).append('[');
        for (int i = 0; i < values.size(); i++) sb.append(i > 0 ? "," : "").append(values.get(i).longValue());
        return sb.append(']').toString();
    }

    /** A JSON object of text values, in the map's order; a null value is JSON null. */
    public static String object(java.util.Map<String, String> values) {
        StringBuilder sb = new StringBuilder(2 + 24 * values.size()).append('{');
        for (var e : values.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            quote(sb, e.getKey());
            sb.append(':');
            if (e.getValue() == null) sb.append("null"); else quote(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c)); else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
