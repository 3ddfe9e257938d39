package dev.netproof.query.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Column readers the row readers share: each puts a value only when it is not NULL (or not empty, for lists). */
final class Rows {
    private Rows() {}

    /**
     * The endpoints of a transaction table ({@code dns_events}, {@code http_events}) in {@link #putConnection}'s
     * order: the address text made from the numbers where the row has none ({@code Schema.EVENT_ORIG_H}).
     */
    static final String ADDRESSES = dev.netproof.store.Schema.EVENT_ORIG_H + " AS orig_h, orig_p, "
            + dev.netproof.store.Schema.EVENT_RESP_H + " AS resp_h, resp_p";

    /**
     * Zeek's {@code ts}, {@code uid} and connection id from columns 1-6 ({@code ts_ns, uid, orig_h, orig_p,
     * resp_h, resp_p}), which every table with endpoints starts with.
     */
    static void putConnection(Map<String, Object> m, ResultSet rs) throws SQLException {
        m.put("ts", FlowRows.seconds(rs.getLong(1)));
        m.put("uid", rs.getString(2));
        m.put("id.orig_h", rs.getString(3));
        m.put("id.orig_p", rs.getInt(4));
        m.put("id.resp_h", rs.getString(5));
        m.put("id.resp_p", rs.getInt(6));
    }

    static void putString(Map<String, Object> m, String name, ResultSet rs, int i) throws SQLException {
        String v = rs.getString(i);
        if (v != null) m.put(name, v);
    }

    static void putInt(Map<String, Object> m, String name, ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        if (!rs.wasNull()) m.put(name, v);
    }

    /** A DOUBLE of seconds, rounded to the microsecond. */
    static void putSeconds(Map<String, Object> m, String name, ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        if (!rs.wasNull()) m.put(name, Math.round(v * 1e6) / 1e6);
    }

    static void putList(Map<String, Object> m, String name, ResultSet rs, int i) throws SQLException {
        List<Object> l = list(rs.getArray(i));
        if (!l.isEmpty()) m.put(name, l);
    }

    static List<Object> list(Array a) throws SQLException {
        return a == null ? List.of() : List.of((Object[]) a.getArray());
    }

    /** A list of structs as maps with {@code names} for the struct's fields, in order. */
    static List<Map<String, Object>> structs(Array a, String... names) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (a == null) return out;
        for (Object o : (Object[]) a.getArray()) {
            Object[] values = ((Struct) o).getAttributes();
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (values[i] != null) m.put(names[i], values[i]);
            }
            out.add(m);
        }
        return out;
    }
}
