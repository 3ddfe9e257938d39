package dev.netproof.query.internal;

import dev.netproof.query.filter.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The sources whose flows an answer draws on, for its quality summary. */
public final class Involved {
    private Involved() {}

    /** Beyond this many sources the summary covers all sources instead of listing them. */
    public static final int MAX_SOURCES = 10_000;

    /**
     * Distinct {@code source} of the flows matching {@code where}, sorted; null (meaning all sources)
     * when none matched or there are more than {@link #MAX_SOURCES}.
     */
    public static List<String> sources(Connection c, SqlFragment where) throws SQLException {
        return sources(c, FlowViews.forSql(where.sql()), where);
    }

    /**
     * As {@link #sources(Connection, SqlFragment)} when no filter narrows the flows, only a range of start
     * times ({@code inRange}, on {@code ts_ns}): read from the flow rows' source ids, without joining a
     * hundred million rows to their source names (1.7 s of a top-N over 100 M flows).
     */
    public static List<String> sourcesInRange(Connection c, SqlFragment inRange) throws SQLException {
        return sources(c, "sources WHERE source_id IN (SELECT DISTINCT source_id FROM all_flow_rows",
                inRange.append(SqlFragment.of(")")));
    }

    /** As {@link #sources(Connection, SqlFragment)} for the rows of {@code table} (a trusted name). */
    public static List<String> sources(Connection c, String table, SqlFragment where) throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT DISTINCT source FROM " + table + " WHERE")
                .append(where)
                .append(SqlFragment.of("ORDER BY source LIMIT " + (MAX_SOURCES + 1)));
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            q.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out.isEmpty() || out.size() > MAX_SOURCES ? null : out;
    }
}
