package dev.netproof.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query-string parameters of a request; the last value wins when a name repeats. Bounded in size. */
public final class Params {
    static final int MAX_QUERY_LENGTH = 16_384;

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    public static Params parse(String rawQuery) throws BadRequest {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return new Params(m);
        if (rawQuery.length() > MAX_QUERY_LENGTH) throw new BadRequest("query string longer than " + MAX_QUERY_LENGTH);
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                m.put(k, v);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query string: " + e.getMessage());
            }
        }
        return new Params(m);
    }

    public String get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    public int getInt(String name, int dflt) throws BadRequest {
        String v = get(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("parameter '" + name + "' must be an integer, was '" + v + "'");
        }
    }
}
