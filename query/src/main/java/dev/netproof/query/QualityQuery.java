package dev.netproof.query;

import dev.netproof.query.filter.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code quality} table (the ledger): totals per source, stage and metric, the per-second
 * series of one metric, and the {@link QualitySummary} every answer carries. Metric names are
 * plain strings; unknown ones are totalled like known ones.
 *
 * <p>A range selects the seconds overlapping it ({@code second} is the capture second counted).
 * {@code sources} null or empty means every source. Stateless; safe on any thread with its own connection.
 */
public final class QualityQuery {
    private QualityQuery() {}

    /** Totals per source, stage and metric, sorted by those three. */
    public static Answer<QualityTotal> totals(Connection c, TimeRange range, Collection<String> sources)
            throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT source, stage, metric, CAST(sum(value) AS BIGINT) FROM quality WHERE")
                .append(where(range, sources))
                .append(SqlFragment.of("GROUP BY source, stage, metric ORDER BY source, stage, metric"));
        List<QualityTotal> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(new QualityTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
        }
        return new Answer<>(rows, false, summary(c, range, sources), q.sql(), q.params());
    }

    /** One metric per second over the range, summed over the sources; seconds without a count are absent. */
    public static Answer<QualityPoint> series(Connection c, String stage, String metric, TimeRange range,
            Collection<String> sources) throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT second, CAST(sum(value) AS BIGINT) FROM quality WHERE stage = ? AND metric = ? AND",
                        stage, metric)
                .append(where(range, sources))
                .append(SqlFragment.of("GROUP BY second ORDER BY second"));
        List<QualityPoint> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(new QualityPoint(rs.getLong(1), rs.getLong(2)));
        }
        return new Answer<>(rows, false, summary(c, range, sources), q.sql(), q.params());
    }

    /** The summary over the range for these sources (null or empty: all sources with ledger rows in the range). */
    public static QualitySummary summary(Connection c, TimeRange range, Collection<String> sources)
            throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT source, stage, metric, CAST(sum(value) AS BIGINT) FROM quality WHERE")
                .append(where(range, sources))
                .append(SqlFragment.of("GROUP BY source, stage, metric"));
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        try (PreparedStatement ps = prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String source = rs.getString(1);
                seen.add(source);
                totals.computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>())
                        .merge(rs.getString(3), rs.getLong(4), Long::sum);
            }
        }
        return QualitySummary.of(List.copyOf(allSources(sources) ? seen : sources), totals);
    }

    private static SqlFragment where(TimeRange range, Collection<String> sources) {
        SqlFragment time = range.toSecondsSql("second");
        if (allSources(sources)) return time;
        StringBuilder sb = new StringBuilder("(").append(time.sql()).append(" AND source IN (");
        List<Object> ps = new ArrayList<>(time.params());
        for (String s : sources) {
            if (ps.size() > time.params().size()) sb.append(", ");
            sb.append('?');
            ps.add(s);
        }
        return new SqlFragment(sb.append("))").toString(), ps);
    }

    private static boolean allSources(Collection<String> sources) {
        return sources == null || sources.isEmpty();
    }

    static PreparedStatement prepare(Connection c, SqlFragment q) throws SQLException {
        PreparedStatement ps = c.prepareStatement(q.sql());
        try {
            q.bind(ps, 1);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
