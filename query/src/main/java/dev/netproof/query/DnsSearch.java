package dev.netproof.query;

import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.internal.DnsRows;
import dev.netproof.query.internal.Involved;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DNS transactions matching a filter (over {@link FieldRegistry#dns()}'s fields) and a time range,
 * oldest first, as Zeek dns.log-shaped maps. The quality summary covers the range and the sources
 * of the matching rows. An immutable request.
 *
 * @param limit 1 to {@link FlowSearch#MAX_LIMIT}
 */
public record DnsSearch(Filter filter, TimeRange range, int limit) {
    public DnsSearch {
        if (filter == null) filter = Filter.ALL;
        if (range == null) range = TimeRange.ALL;
        if (limit < 1 || limit > FlowSearch.MAX_LIMIT) {
            throw new QueryException("dns: limit must be 1 to " + FlowSearch.MAX_LIMIT + ", got " + limit);
        }
    }

    /** Parses {@code filter} over the DNS fields (null or blank: all). */
    public static DnsSearch of(String filter) {
        return new DnsSearch(Filter.parse(filter == null ? "" : filter, FieldRegistry.dns()), TimeRange.ALL,
                FlowSearch.DEFAULT_LIMIT);
    }

    public DnsSearch withRange(TimeRange r) {
        return new DnsSearch(filter, r, limit);
    }

    public DnsSearch withLimit(int n) {
        return new DnsSearch(filter, range, n);
    }

    public SqlFragment where() {
        return SqlFragment.and(filter.toSql(), range.toSql("ts_ns"));
    }

    /** The statement; one row past the limit tells whether the answer was cut. */
    public SqlFragment sql() {
        return SqlFragment.of("SELECT " + DnsRows.COLUMNS + " FROM dns_events WHERE").append(where())
                .append(SqlFragment.of("ORDER BY ts_ns, uid, trans_id LIMIT ?", (long) limit + 1));
    }

    public Answer<Map<String, Object>> run(Connection c) throws SQLException {
        SqlFragment q = sql();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean limited = false;
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rows.size() == limit) {
                    limited = true;
                    break;
                }
                rows.add(DnsRows.read(rs));
            }
        }
        QualitySummary quality = QualityQuery.summary(c, range, Involved.sources(c, "dns_events", where()));
        return new Answer<>(rows, limited, quality, q.sql(), q.params());
    }
}
