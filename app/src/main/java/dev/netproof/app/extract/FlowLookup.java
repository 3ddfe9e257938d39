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
    private static final String COLUMNS = "uid, orig_h, orig_p, resp_h, resp_p, ip_proto, ts_ns, duration, vlan";

    private FlowLookup() {}

    static List<FlowKeyRow> byUid(Connection c, String uid) throws SQLException {
        return rows(c, SqlFragment.of("SELECT " + COLUMNS + " FROM flows WHERE uid = ? ORDER BY ts_ns", uid));
    }

    static List<FlowKeyRow> byFilter(Connection c, Filter filter, TimeRange range) throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT " + COLUMNS + " FROM flows WHERE")
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
