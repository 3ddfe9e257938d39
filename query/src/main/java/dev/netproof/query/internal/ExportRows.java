package dev.netproof.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code export_flows} rows into maps keyed by the table's column names (akvorado's and nfdump's
 * notions: one direction, {@code src_*}/{@code dst_*}), with times in epoch seconds and the counts as
 * exported; {@code scaled_bytes}/{@code scaled_packets} multiply them by the sampling rate, when known.
 * Fields not exported are left out.
 */
public final class ExportRows {
    private ExportRows() {}

    public static final String COLUMNS = "ts_ns, end_ns, received_ns, format, exporter, domain, src_addr, dst_addr, src_port, "
            + "dst_port, proto, tcp_flags, tos, bytes, packets, sampling_rate, in_if, out_if, vlan, direction, src_as, dst_as, "
            + "next_hop, src_mask, dst_mask, mpls_labels, "
            + "extra::JSON::STRUCT(enterprise BIGINT, element INTEGER, \"value\" VARCHAR)[], source, end_reason, ip_version";

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(40);
        m.put("ts", FlowRows.seconds(rs.getLong(1)));
        long end = rs.getLong(2);
        if (!rs.wasNull()) m.put("end", FlowRows.seconds(end));
        m.put("received", FlowRows.seconds(rs.getLong(3)));
        m.put("format", rs.getString(4));
        m.put("exporter", rs.getString(5));
        m.put("domain", rs.getLong(6));
        Rows.putString(m, "src_addr", rs, 7);
        Rows.putString(m, "dst_addr", rs, 8);
        m.put("src_port", rs.getInt(9));
        m.put("dst_port", rs.getInt(10));
        Rows.putInt(m, "proto", rs, 11);
        m.put("tcp_flags", rs.getInt(12));
        m.put("tos", rs.getInt(13));
        long bytes = rs.getLong(14);
        long packets = rs.getLong(15);
        long rate = rs.getLong(16);
        m.put("bytes", bytes);
        m.put("packets", packets);
        m.put("sampling_rate", rate);
        if (rate > 0) {
            m.put("scaled_bytes", bytes * rate);
            m.put("scaled_packets", packets * rate);
        }
        putLong(m, "in_if", rs, 17);
        putLong(m, "out_if", rs, 18);
        Rows.putInt(m, "vlan", rs, 19);
        Rows.putString(m, "direction", rs, 20);
        m.put("src_as", rs.getLong(21));
        m.put("dst_as", rs.getLong(22));
        Rows.putString(m, "next_hop", rs, 23);
        Rows.putInt(m, "src_mask", rs, 24);
        Rows.putInt(m, "dst_mask", rs, 25);
        Rows.putInt(m, "end_reason", rs, 29);
        Rows.putInt(m, "ip_version", rs, 30);
        Rows.putList(m, "mpls_labels", rs, 26);
        var extra = Rows.structs(rs.getArray(27), "enterprise", "element", "value");
        if (!extra.isEmpty()) m.put("extra", extra);
        m.put("source", rs.getString(28));
        return Collections.unmodifiableMap(m);
    }

    private static void putLong(Map<String, Object> m, String name, ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        if (!rs.wasNull()) m.put(name, v);
    }
}
