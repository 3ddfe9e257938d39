package dev.netproof.query;

import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * DNS transactions matching a filter (over {@link FieldRegistry#dns()}'s fields) and a time range,
 * oldest first, as Zeek dns.log-shaped maps: {@link EventSearch} over {@link EventKind#DNS}. The
 * quality summary covers the range and the sources of the matching rows. An immutable request.
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

    private EventSearch events() {
        return new EventSearch(EventKind.DNS, filter, range, limit);
    }

    public SqlFragment where() {
        return events().where();
    }

    /** The statement; one row past the limit tells whether the answer was cut. */
    public SqlFragment sql() {
        return events().sql();
    }

    public Answer<Map<String, Object>> run(Connection c) throws SQLException {
        return events().run(c);
    }
}
