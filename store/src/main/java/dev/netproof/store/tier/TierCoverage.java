package dev.netproof.store.tier;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tiers' coverage, from the data: hot from the 1-s series (or the flows, for a store made before the
 * series), warm from the minute totals, cold from the Parquet files' hour rows. A few aggregate scans; the
 * cold one reads the files' footers and one column.
 */
public final class TierCoverage {
    private TierCoverage() {}

    static final long SECOND = 1_000_000_000L, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE;

    /** hot, warm, cold in that order; {@code dataDir} null: no cold tier. */
    public static List<TierSpan> read(Connection c, Path dataDir) throws SQLException {
        TierSpan hot = span(c, TierSpan.Tier.HOT, "SELECT min(second_ns), max(second_ns) FROM traffic_seconds", SECOND);
        if (hot.isEmpty()) hot = span(c, TierSpan.Tier.HOT, "SELECT min(ts_ns), max(ts_ns) FROM all_flow_rows", 1);
        TierSpan warm = span(c, TierSpan.Tier.WARM, "SELECT min(minute_ns), max(minute_ns) FROM traffic_minutes "
                + "WHERE dim = 'total'", MINUTE);
        TierSpan cold = new TierSpan(TierSpan.Tier.COLD, Long.MIN_VALUE, Long.MIN_VALUE, HOUR);
        if (dataDir != null && hasColdFiles(dataDir)) {
            cold = span(c, TierSpan.Tier.COLD, "SELECT min(hour_ns), max(hour_ns) FROM read_parquet('"
                    + ColdFiles.sql(ColdFiles.root(dataDir)) + "/day=*/*.parquet', hive_partitioning = true) "
                    + "WHERE dim = 'total'", HOUR);
        }
        return List.of(cut(c, hot), cut(c, warm), cut(c, cold));
    }

    /**
     * A tier that retention cut covers from the cut on, even where its first rows come later (the seconds or
     * minutes in between held nothing); rows older than the cut (a late ingest of old data) widen it again.
     */
    private static TierSpan cut(Connection c, TierSpan span) throws SQLException {
        if (span.isEmpty()) return span;
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT cut_ns FROM tier_cuts WHERE tier = ?")) {
            ps.setString(1, span.tier().label());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return span;
                long cut = rs.getLong(1);
                if (cut >= span.endNanos()) return span;
                return new TierSpan(span.tier(), Math.min(span.oldestNanos(), cut), span.endNanos(), span.resolutionNanos());
            }
        }
    }

    static boolean hasColdFiles(Path dataDir) {
        try {
            for (Path d : ColdFiles.days(dataDir)) {
                try (var s = java.nio.file.Files.list(d)) {
                    if (s.anyMatch(p -> p.toString().endsWith(".parquet"))) return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static TierSpan span(Connection c, TierSpan.Tier tier, String sql, long width) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long min = rs.getLong(1);
            if (rs.wasNull()) return new TierSpan(tier, Long.MIN_VALUE, Long.MIN_VALUE, width);
            long max = rs.getLong(2);
            return new TierSpan(tier, Math.floorDiv(min, width) * width, Math.floorDiv(max, width) * width + width, width);
        }
    }

    /**
     * The newest data time of the store ("now" for retention): the end of the newest window of the finest tier
     * that holds anything (a coarser tier's window ends later than its data).
     */
    public static long newest(List<TierSpan> spans) {
        for (TierSpan s : spans) {
            if (!s.isEmpty()) return s.endNanos();
        }
        return Long.MIN_VALUE;
    }
}
