package dev.netproof.store.tier;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.store.internal.TlsWriter;
import dev.netproof.store.internal.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link RetentionPolicy}: removes whole partitions that are past their tier's age or size, and
 * records what went in the ledger (stage {@value #STAGE}, metric {@code <tier>.<table>_rows}, per source, at
 * the cut's second).
 *
 * <p>Hot is cut by hour of flow start, across every table of full detail; warm by UTC day of the minute;
 * cold by day directory. "Now" is the data's newest time ({@link TierCoverage#newest}), so data is judged by
 * its own clock. Sizes: hot is the DuckDB file's used blocks (hot is nearly all of it; warm's minute rows are
 * bounded by the budgets), an hour's share estimated by its share of flows; cold is the files' bytes. Runs on
 * its own connection, beside a writer: deletes of old rows do not conflict with appends of new ones.
 */
public final class Retention {
    public static final String STAGE = "retention";
    static final long HOUR = 3_600_000_000_000L, DAY = 24 * HOUR;

    /** A table of a tier: its time column and how a row names its source. */
    private record Table(String name, String time, String source) {}

    /** Marks a table whose rows name their source by {@code source_id}. */
    private static final String BY_ID = "source_id";
    /** Marks a table whose rows name their source through {@code export_keys} (by {@code key_id}). */
    private static final String BY_KEY = "key_id";
    private static final List<Table> HOT = List.of(
            new Table("flow_rows", "ts_ns", BY_ID), new Table("tcp_rows", "ts_ns", BY_ID),
            new Table("talkers", "hour_ns", BY_ID), new Table("talker_parts", "hour_ns", BY_ID),
            new Table("dns_events", "ts_ns", "source"), new Table("http_events", "ts_ns", "source"),
            new Table("tls_handshakes", "ts_ns", "source"), new Table("export_rows", "ts_ns", BY_KEY),
            new Table("metric_samples", "ts_ns", "source"), new Table("traffic_seconds", "second_ns", "source"));
    private static final List<Table> WARM = List.of(
            new Table("traffic_minutes", "minute_ns", "source"), new Table("tcp_service_minutes", "minute_ns", "source"),
            new Table("dns_minutes", "minute_ns", "source"), new Table("dns_name_minutes", "minute_ns", "source"));

    private Retention() {}

    /**
     * Applies {@code policy} to the store behind {@code c} (autocommit) and the cold files under {@code dataDir}
     * (null: none).
     *
     * @return the ledger rows written, one per tier, table and source that lost rows
     */
    public static List<QualityRow> apply(Connection c, Path dataDir, RetentionPolicy policy) throws SQLException, IOException {
        List<QualityRow> removed = new ArrayList<>();
        long now = TierCoverage.newest(TierCoverage.read(c, dataDir));
        if (now == Long.MIN_VALUE) return removed;
        if (policy.hot() != null) cutHot(c, Math.floorDiv(now - policy.hot().toNanos(), HOUR) * HOUR, removed);
        if (policy.warm() != null) cut(c, WARM, "warm", Math.floorDiv(now - policy.warm().toNanos(), DAY) * DAY, removed);
        if (dataDir != null && policy.cold() != null) {
            long cutoff = Math.floorDiv(now - policy.cold().toNanos(), DAY) * DAY;
            for (Path d : ColdFiles.days(dataDir)) {
                if (dayStart(d) < cutoff) removeDay(c, d, removed);
            }
            recordCut(c, "cold", cutoff);
        }
        long hotBound = bound(policy.hotMaxBytes(), policy.totalMaxBytes(), dataDir == null ? 0 : ColdFiles.size(dataDir));
        if (hotBound > 0) shrinkHot(c, hotBound, removed);
        if (dataDir != null) {
            long coldBound = bound(policy.coldMaxBytes(), policy.totalMaxBytes(), hotBytes(c));
            if (coldBound > 0) {
                List<Path> days = new ArrayList<>(ColdFiles.days(dataDir));
                long size = ColdFiles.size(dataDir);
                while (size > coldBound && !days.isEmpty()) {
                    Path d = days.removeFirst();
                    size -= ColdFiles.dirSize(d);
                    removeDay(c, d, removed);
                    recordCut(c, "cold", dayStart(d) + DAY);
                }
            }
        }
        record(c, removed);
        return removed;
    }

    /**
     * A tier's bound: its own size bound and, under a total bound, what the other tiers leave of it (at least 1
     * byte: then the tier shrinks as far as it can); 0 when neither is set.
     */
    private static long bound(long own, long total, long others) {
        long left = total <= 0 ? 0 : Math.max(1, total - others);
        if (own <= 0) return left;
        return left == 0 ? own : Math.min(own, left);
    }

    private static void cutHot(Connection c, long cutoff, List<QualityRow> removed) throws SQLException, IOException {
        cut(c, HOT, "hot", cutoff, removed);
        // offers are shared by handshakes of any hour: those none names any more go once old enough (TlsWriter)
        TlsWriter.deleteOrphans(c, System.currentTimeMillis() * 1_000_000L);
        // sealed hours: a file holds one hour, so the cut takes whole files, deleted once unlisted
        HotFiles.Forgotten gone = Transaction.run(c, () -> HotFiles.forget(c, "hour_ns < ?", cutoff));
        if (gone.dir() != null) gone.deleteFiles();
        long second = Math.floorDiv(cutoff, 1_000_000_000L);
        for (HotFiles.Count n : gone.counts()) {
            removed.add(new QualityRow(n.source(), second, STAGE, "hot." + n.table() + "_rows", n.rows()));
        }
    }

    private static void cut(Connection c, List<Table> tables, String tier, long cutoff, List<QualityRow> removed)
            throws SQLException {
        recordCut(c, tier, cutoff);
        long second = Math.floorDiv(cutoff, 1_000_000_000L);
        for (Table t : tables) {
            // tables keyed by source id count per id first, then name it: one lookup per source, not per row
            String count = switch (t.source()) {
                case BY_ID -> "SELECT s.source, x.n FROM (SELECT source_id, count(*) AS n FROM " + t.name() + " WHERE "
                        + t.time() + " < ? GROUP BY 1) x LEFT JOIN sources s ON s.source_id = x.source_id";
                case BY_KEY -> "SELECT s.source, sum(x.n)::BIGINT FROM (SELECT key_id, count(*) AS n FROM " + t.name()
                        + " WHERE " + t.time() + " < ? GROUP BY 1) x LEFT JOIN export_keys k ON k.key_id = x.key_id "
                        + "LEFT JOIN sources s ON s.source_id = k.source_id GROUP BY 1";
                default -> "SELECT source, count(*) FROM " + t.name() + " WHERE " + t.time() + " < ? GROUP BY 1";
            };
            try (PreparedStatement ps = c.prepareStatement(count)) {
                ps.setLong(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String src = rs.getString(1);
                        removed.add(new QualityRow(src == null ? "" : src, second, STAGE, tier + "." + t.name() + "_rows",
                                rs.getLong(2)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name() + " WHERE " + t.time() + " < ?")) {
                ps.setLong(1, cutoff);
                ps.executeUpdate();
            }
        }
    }

    /** Removes the oldest hot hours until the estimate fits {@code bound}; the newest hour always stays. */
    private static void shrinkHot(Connection c, long bound, List<QualityRow> removed) throws SQLException, IOException {
        checkpoint(c);
        long used = hotBytes(c);
        if (used <= bound) return;
        List<long[]> hours = new ArrayList<>();
        long total = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT h, sum(n)::BIGINT FROM (SELECT ts_ns // " + HOUR + " * " + HOUR
                     + " AS h, count(*) AS n FROM flow_rows GROUP BY 1 UNION ALL SELECT hour_ns, row_count FROM hot_files "
                     + "WHERE tbl = 'flow_rows') GROUP BY 1 ORDER BY 1")) {
            while (rs.next()) {
                hours.add(new long[] {rs.getLong(1), rs.getLong(2)});
                total += rs.getLong(2);
            }
        }
        if (hours.size() < 2 || total == 0) return;
        double perFlow = (double) used / total;
        long estimate = used, cutoff = Long.MIN_VALUE;
        for (int i = 0; i < hours.size() - 1 && estimate > bound; i++) {
            estimate -= (long) (hours.get(i)[1] * perFlow);
            cutoff = hours.get(i)[0] + HOUR;
        }
        if (cutoff != Long.MIN_VALUE) cutHot(c, cutoff, removed);
    }

    private static void removeDay(Connection c, Path day, List<QualityRow> removed) throws SQLException, IOException {
        long second = Math.floorDiv(dayStart(day), 1_000_000_000L);
        boolean any;
        try (var files = Files.list(day)) {
            any = files.anyMatch(p -> p.toString().endsWith(".parquet"));
        }
        if (any) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT source, count(*) FROM read_parquet('"
                    + ColdFiles.sql(day) + "/*.parquet') GROUP BY 1")) {
                while (rs.next()) removed.add(new QualityRow(rs.getString(1), second, STAGE, "cold.hour_rows", rs.getLong(2)));
            }
        }
        ColdFiles.deleteDay(day);
    }

    /** Keeps the latest cut of a tier (a later, smaller policy cuts further; a wider one does not undo a cut). */
    private static void recordCut(Connection c, String tier, long cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tier_cuts VALUES (?, ?) ON CONFLICT (tier) DO UPDATE "
                + "SET cut_ns = greatest(cut_ns, excluded.cut_ns)")) {
            ps.setString(1, tier);
            ps.setLong(2, cutoff);
            ps.executeUpdate();
        }
    }

    static long dayStart(Path dayDir) {
        String d = dayDir.getFileName().toString().substring("day=".length());
        return LocalDate.parse(d).toEpochDay() * DAY;
    }

    /** Hot's bytes: the database's used blocks and the sealed hours' files. */
    static long hotBytes(Connection c) throws SQLException {
        return usedBytes(c) + HotFiles.bytes(c);
    }

    /** The database's used bytes (after a checkpoint, deleted rows' blocks are free). */
    static long usedBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT used_blocks * block_size FROM pragma_database_size()")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void checkpoint(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            // another connection's transaction is open: the used blocks are an overestimate this time
        }
    }

    private static void record(Connection c, List<QualityRow> rows) throws SQLException {
        if (rows.isEmpty()) return;
        dev.netproof.store.LedgerRows.insert(c, rows);
        checkpoint(c);
    }
}
