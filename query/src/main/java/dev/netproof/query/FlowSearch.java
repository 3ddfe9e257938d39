package dev.netproof.query;

import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.internal.FlowRows;
import dev.netproof.query.internal.FlowViews;
import dev.netproof.query.internal.Involved;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flow rows matching a filter and a time range, as Zeek conn.log-shaped maps (see {@link #FIELDS}).
 *
 * <p>Rows are ordered by {@code ts} (then {@code uid}, so equal times have a stable order). The
 * quality summary covers the query's range and the sources of the matching flows (all sources when
 * nothing matched). An immutable request; {@link #run} and {@link #stream} use the caller's
 * connection and close what they open.
 *
 * @param filter which flows; {@link Filter#ALL} for all
 * @param range  capture time of the flow's first packet, {@code [from, to)}
 * @param limit  1 to {@link #MAX_LIMIT}, or {@link #UNLIMITED}: all rows from {@link #stream}, at most
 *               {@link #MAX_LIMIT} from {@link #run} (which buffers them)
 * @param order  by time, ascending (default) or descending
 */
public record FlowSearch(Filter filter, TimeRange range, int limit, Order order) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 100_000;
    public static final int UNLIMITED = 0;

    /** Field names of a row, in order; {@code vlan}/{@code inner_vlan} are absent when untagged. */
    public static final List<String> FIELDS = FlowRows.FIELDS;

    public enum Order { TS_ASC, TS_DESC }

    /** Receives streamed rows; may throw to stop the stream. */
    @FunctionalInterface
    public interface RowSink {
        void accept(Map<String, Object> row) throws IOException;
    }

    public FlowSearch {
        if (filter == null) filter = Filter.ALL;
        if (range == null) range = TimeRange.ALL;
        if (order == null) order = Order.TS_ASC;
        if (limit != UNLIMITED && (limit < 1 || limit > MAX_LIMIT)) {
            throw new QueryException("search: limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** All flows, default limit and order. */
    public static FlowSearch of(Filter filter) {
        return new FlowSearch(filter, TimeRange.ALL, DEFAULT_LIMIT, Order.TS_ASC);
    }

    /** Parses {@code filter} (null or blank: all flows). */
    public static FlowSearch of(String filter) {
        return of(Filter.parse(filter));
    }

    public FlowSearch withRange(TimeRange r) {
        return new FlowSearch(filter, r, limit, order);
    }

    public FlowSearch withLimit(int n) {
        return new FlowSearch(filter, range, n, order);
    }

    public FlowSearch withOrder(Order o) {
        return new FlowSearch(filter, range, limit, o);
    }

    /** The WHERE condition: filter and range. */
    public SqlFragment where() {
        return SqlFragment.and(filter.toSql(), range.toSql("ts_ns"));
    }

    /** The statement without a bound on the start time (see {@link #sql(Long)}). */
    public SqlFragment sql() {
        return sql(null);
    }

    /**
     * The statement; it asks for one row past the limit to tell whether the answer was cut. With a {@code bound},
     * only rows that start no later than it ({@code ts_ns >= bound} when descending) are read.
     *
     * <p>Why a bound: the {@code flows} view makes each row's text columns ({@code uid}, addresses, Community ID) and
     * joins its TCP health, and DuckDB made them for every matching row before it kept the first few: {@code query
     * flows --limit 3} over 313,000 flows took 4.5 s. {@link #stream} first asks for the start time of the last row
     * it will read ({@link #boundSql}, ordered by {@code ts_ns} alone, which is cheap) and passes it here; the bound
     * reaches the scan (the hot files' row-group statistics) and the same command takes 0.8-1.0 s. The rows are the same:
     * every row of the answer starts no later than the bound, and all rows starting at the bound itself are read, for
     * the tie-break on uid. (A scalar subquery in one statement did as well without a filter, but not with one: the
     * planner then made every row again.)
     */
    public SqlFragment sql(Long bound) {
        String dir = order == Order.TS_ASC ? "ASC" : "DESC";
        SqlFragment where = bound == null ? where()
                : SqlFragment.and(where(), SqlFragment.of(order == Order.TS_ASC ? "ts_ns <= ?" : "ts_ns >= ?", bound));
        SqlFragment q = SqlFragment.of("SELECT " + FlowRows.COLUMNS + " FROM flows WHERE").append(where)
                .append(SqlFragment.of("ORDER BY ts_ns " + dir + ", uid " + dir));
        return limit == UNLIMITED ? q : q.append(SqlFragment.of("LIMIT ?", (long) limit + 1));
    }

    /**
     * The start time of the last row a limited search reads (the one past the limit); no row when fewer match. It
     * reads {@code flows_core} unless the filter reads a TCP health field (a tenth of the time: the view without the
     * join with {@code tcp_rows}, 31 against 317 ms over 313,000 flows). That view has the same rows, or fewer if
     * a join ever matched twice, so its bound is never below the true one and the answer stays the same.
     */
    SqlFragment boundSql() {
        String dir = order == Order.TS_ASC ? "ASC" : "DESC";
        SqlFragment where = where();
        return SqlFragment.of("SELECT ts_ns FROM " + FlowViews.forSql(where.sql()) + " WHERE").append(where)
                .append(SqlFragment.of("ORDER BY ts_ns " + dir + " LIMIT 1 OFFSET ?", (long) limit));
    }

    /** Runs the search and buffers the rows; an unlimited search returns at most {@link #MAX_LIMIT}. */
    public Answer<Map<String, Object>> run(Connection c) throws SQLException {
        if (limit == UNLIMITED) return withLimit(MAX_LIMIT).run(c);
        List<Map<String, Object>> rows = new ArrayList<>(Math.min(limit, 1024));
        Streamed s;
        try {
            s = stream(c, rows::add);
        } catch (IOException e) {
            throw new AssertionError("a list does not throw", e);
        }
        return new Answer<>(rows, s.limited(), s.quality(), s.sql(), s.params());
    }

    /**
     * Runs the search, handing each row to {@code sink} as it is read; nothing is buffered in Java.
     * For bounded memory in DuckDB too, the connection should stream results
     * ({@code jdbc_stream_results=true}, as {@link dev.netproof.query.internal.DuckDbConnections} opens it).
     */
    public Streamed stream(Connection c, RowSink sink) throws SQLException, IOException {
        Long bound = null;
        if (limit != UNLIMITED) {
            SqlFragment b = boundSql();
            try (PreparedStatement ps = QualityQuery.prepare(c, b); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) bound = rs.getLong(1);
            }
        }
        SqlFragment q = sql(bound);
        long n = 0;
        boolean limited = false;
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (limit != UNLIMITED && n == limit) {
                    limited = true;
                    break;
                }
                sink.accept(FlowRows.read(rs));
                n++;
            }
        }
        QualitySummary quality = QualityQuery.summary(c, range, Involved.sources(c, where()));
        return new Streamed(n, limited, quality, q.sql(), q.params());
    }
}
