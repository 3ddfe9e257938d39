package dev.netproof.query;

import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.internal.Involved;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transaction records of one {@link EventKind} matching a filter (over the kind's fields) and a time
 * range, oldest first, as maps with Zeek's log field names. The quality summary covers the range and
 * the sources of the matching rows. An immutable request.
 *
 * @param limit 1 to {@link FlowSearch#MAX_LIMIT}
 */
public record EventSearch(EventKind kind, Filter filter, TimeRange range, int limit) {
    public EventSearch {
        if (kind == null) throw new QueryException("an event search needs a kind");
        if (filter == null) filter = Filter.ALL;
        if (range == null) range = TimeRange.ALL;
        if (limit < 1 || limit > FlowSearch.MAX_LIMIT) {
            throw new QueryException(kind.label() + ": limit must be 1 to " + FlowSearch.MAX_LIMIT + ", got " + limit);
        }
    }

    /** Parses {@code filter} over the kind's fields (null or blank: all). */
    public static EventSearch of(EventKind kind, String filter) {
        return new EventSearch(kind, Filter.parse(filter == null ? "" : filter, kind.fields()), TimeRange.ALL,
                FlowSearch.DEFAULT_LIMIT);
    }

    public EventSearch withRange(TimeRange r) {
        return new EventSearch(kind, filter, r, limit);
    }

    public EventSearch withLimit(int n) {
        return new EventSearch(kind, filter, range, n);
    }

    public SqlFragment where() {
        return SqlFragment.and(filter.toSql(), range.toSql("ts_ns"));
    }

    /** The statement; one row past the limit tells whether the answer was cut. */
    public SqlFragment sql() {
        return SqlFragment.of("SELECT " + kind.columns() + " FROM " + kind.table() + " WHERE").append(where())
                .append(SqlFragment.of("ORDER BY " + kind.orderBy() + " LIMIT ?", (long) limit + 1));
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
                rows.add(kind.reader().read(rs));
            }
        }
        QualitySummary quality = QualityQuery.summary(c, range, Involved.sources(c, kind.table(), where()));
        return new Answer<>(rows, limited, quality, q.sql(), q.params());
    }
}
