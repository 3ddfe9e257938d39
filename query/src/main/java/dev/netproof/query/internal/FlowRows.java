package dev.netproof.query.internal;

import dev.netproof.core.model.TcpFields;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code flows} rows into maps keyed by Zeek conn.log names, in Zeek order. {@code ts} is
 * epoch seconds and {@code duration} seconds, both doubles at microsecond precision like Zeek;
 * {@code vlan}/{@code inner_vlan} are left out when the flow had no tag (as Zeek's JSON does).
 */
public final class FlowRows {
    private FlowRows() {}

    /** Output field names, in order. */
    public static final List<String> FIELDS = List.of(
            "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "duration",
            "orig_bytes", "resp_bytes", "conn_state", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts",
            "resp_ip_bytes", "vlan", "inner_vlan", "community_id", "close_reason", "source", "orig_name", "resp_name");

    /** The select list matching {@link #read}. */
    public static final String COLUMNS = "ts_ns, uid, orig_h, orig_p, resp_h, resp_p, proto, duration, "
            + "orig_bytes, resp_bytes, conn_state, history, orig_pkts, orig_ip_bytes, resp_pkts, resp_ip_bytes, "
            + "vlan, inner_vlan, community_id, close_reason, source, orig_name, resp_name, "
            + String.join(", ", TcpFields.columns().stream().map(c -> c[0]).toList())
            + ", tcp_health_label, tcp_lifecycle_labels";

    /** Column index (1-based) of the first TCP column in {@link #COLUMNS}. */
    private static final int TCP_FIRST = 24;

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(32);
        Rows.putConnection(m, rs);
        m.put("proto", rs.getString(7));
        m.put("duration", micros(rs.getDouble(8)));
        m.put("orig_bytes", rs.getLong(9));
        m.put("resp_bytes", rs.getLong(10));
        m.put("conn_state", rs.getString(11));
        m.put("history", rs.getString(12));
        m.put("orig_pkts", rs.getLong(13));
        m.put("orig_ip_bytes", rs.getLong(14));
        m.put("resp_pkts", rs.getLong(15));
        m.put("resp_ip_bytes", rs.getLong(16));
        int vlan = rs.getInt(17);
        if (!rs.wasNull()) m.put("vlan", vlan);
        int inner = rs.getInt(18);
        if (!rs.wasNull()) m.put("inner_vlan", inner);
        m.put("community_id", rs.getString(19));
        m.put("close_reason", rs.getString(20));
        m.put("source", rs.getString(21));
        Rows.putString(m, "orig_name", rs, 22);
        Rows.putString(m, "resp_name", rs, 23);
        rs.getObject(TCP_FIRST);
        if (!rs.wasNull()) m.put("tcp", tcp(rs));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The {@code tcp} object: connection fields (lifecycle as its labels, health as its class), then
     * {@code orig} and {@code resp}, with dotted names ({@code rtt.mean}) nested. Absent values are left out.
     */
    private static Map<String, Object> tcp(ResultSet rs) throws SQLException {
        Map<String, Object> t = new LinkedHashMap<>();
        int i = TCP_FIRST;
        for (TcpFields.Field<?> f : TcpFields.CONNECTION) {
            Object v = rs.getObject(i++);
            if (v != null) put(t, f.name(), v);
        }
        int directionFirst = i;
        int n = TcpFields.DIRECTION.size();
        for (String side : new String[] {"orig", "resp"}) {
            Map<String, Object> d = new LinkedHashMap<>();
            for (TcpFields.Field<?> f : TcpFields.DIRECTION) {
                Object v = rs.getObject(i++);
                if (v != null) put(d, f.name(), v);
            }
            t.put(side, d);
        }
        String health = rs.getString(directionFirst + 2 * n);
        String lifecycle = rs.getString(directionFirst + 2 * n + 1);
        t.put("health", health);
        t.put("lifecycle", lifecycle == null || lifecycle.isEmpty() ? List.of() : List.of(lifecycle.split(",")));
        return t;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> m, String dotted, Object v) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            m.put(dotted, v);
            return;
        }
        Map<String, Object> inner = (Map<String, Object>) m.computeIfAbsent(dotted.substring(0, dot), k -> new LinkedHashMap<>());
        put(inner, dotted.substring(dot + 1), v);
    }

    /** Nanoseconds since the epoch as seconds, truncated to microseconds. */
    public static double seconds(long nanos) {
        return Math.floorDiv(nanos, 1000L) / 1e6;
    }

    private static double micros(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }
}
