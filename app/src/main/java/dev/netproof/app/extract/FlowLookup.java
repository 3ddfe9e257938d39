package dev.netproof.app.extract;

import dev.netproof.core.model.IpAddress;
import dev.netproof.query.FlowSearch;
import dev.netproof.query.TimeRange;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Finds the flows an extraction is about in the store's {@code flows} view, by uid or by filter. */
final class FlowLookup {
    /** More flows than this in one extraction is an error: narrow the filter or the range. */
    static final int MAX_FLOWS = 100_000;
    /**
     * A closed TCP connection's row ends at the close, but the flow table keeps counting its trailing
     * ACKs and retransmissions for {@code closeLinger} (5 s by default) after it: a TCP flow's packets are
     * looked for that much longer, though never into the next row of the same key.
     */
    static final long TCP_LINGER_NANOS = 5_000_000_000L;
    private static final String COLUMNS = "uid, orig_h, orig_p, resp_h, resp_p, ip_proto, ts_ns, duration, vlan, "
            + "(SELECT min(n.ts_ns) FROM flows n WHERE n.orig_h = f.orig_h AND n.orig_p = f.orig_p AND n.resp_h = f.resp_h "
            + "AND n.resp_p = f.resp_p AND n.ip_proto = f.ip_proto AND n.ts_ns > f.ts_ns) AS next_ts";

    private FlowLookup() {}

    static List<FlowKeyRow> byUid(Connection c, String uid) throws SQLException {
        return rows(c, SqlFragment.of("SELECT " + COLUMNS + " FROM flows f WHERE uid = ? ORDER BY ts_ns", uid));
    }

    static List<FlowKeyRow> byFilter(Connection c, Filter filter, TimeRange range) throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT " + COLUMNS + " FROM flows f WHERE")
                .append(FlowSearch.of(filter).withRange(range).where())
                .append(SqlFragment.of("ORDER BY ts_ns LIMIT ?", (long) MAX_FLOWS + 1));
        return rows(c, q);
    }

    private static List<FlowKeyRow> rows(Connection c, SqlFragment q) throws SQLException {
        List<FlowKeyRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            q.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ts = rs.getLong(7);
                    long last = ts + Math.round(rs.getDouble(8) * 1e9);
                    if (rs.getInt(6) == 6) {
                        long next = rs.getLong(10);
                        last = rs.wasNull() ? last + TCP_LINGER_NANOS : Math.max(last, Math.min(last + TCP_LINGER_NANOS, next - 1));
                    }
                    int vlan = rs.getInt(9);
                    if (rs.wasNull()) vlan = -1;
                    out.add(new FlowKeyRow(rs.getString(1), IpAddress.parse(rs.getString(2)), rs.getInt(3),
                            IpAddress.parse(rs.getString(4)), rs.getInt(5), rs.getInt(6), vlan, ts, last));
                }
            }
        }
        return out;
    }
}
