package dev.netproof.store.tier;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.Flow;
import dev.netproof.store.internal.TableFeed;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the tiers as flows are stored, on the store writer's thread: the 1-second series and the minute
 * rollup go to DuckDB in the writer's transaction; the hour rollup goes to Parquet files after a commit
 * ({@link #afterCommit}), so a file never holds rows of a transaction that was rolled back.
 *
 * <p>A window is written when the newest flow start seen is {@link #LATENESS_NANOS} past its end (flows
 * arrive when they end), or earlier when the rollups hold more than {@link #MAX_CELLS} keys (memory
 * bound), and at {@link #flushAll}. Not thread-safe: the store writer owns it.
 */
public final class TierWriter {
    static final long MINUTE = 60_000_000_000L, HOUR = 60 * MINUTE;
    /** How long after a window's end flows for it are still expected (they arrive when they end). */
    public static final long LATENESS_NANOS = 5 * MINUTE;
    /** Named keys held over all open windows before they are written early. */
    public static final int MAX_CELLS = 400_000;
    private static final int MAX_SECONDS = 100_000;
    /** Ledger stage and metric prefix: flows of a window whose key went to a dimension's "other" row. */
    public static final String STAGE = "rollup";

    private final Connection conn;
    private final TierSettings settings;
    private final SecondSeries seconds = new SecondSeries();
    private final WindowRollup minutes;
    private final WindowRollup hours;
    private final TableFeed<SecondRow> secondFeed;
    private final TableFeed<RollupRow> minuteFeed;
    private final ColdFiles cold;
    private final List<RollupRow> pendingHours = new ArrayList<>();
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private long newest = Long.MIN_VALUE;

    private static final List<TableFeed.Column<SecondRow>> SECOND_COLUMNS = List.of(
            TableFeed.bigint("second_ns", SecondRow::secondNanos),
            TableFeed.varchar("source", SecondRow::source),
            TableFeed.bigint("flows", SecondRow::flows),
            TableFeed.bigint("bytes", SecondRow::bytes),
            TableFeed.bigint("packets", SecondRow::packets));
    private static final List<TableFeed.Column<RollupRow>> MINUTE_COLUMNS = List.of(
            TableFeed.bigint("minute_ns", RollupRow::windowNanos),
            TableFeed.varchar("source", RollupRow::source),
            TableFeed.varchar("dim", RollupRow::dim),
            TableFeed.varchar("key", RollupRow::key),
            TableFeed.bigint("flows", RollupRow::flows),
            TableFeed.bigint("bytes", RollupRow::bytes),
            TableFeed.bigint("packets", RollupRow::packets),
            TableFeed.bigint("keys", RollupRow::keys),
            TableFeed.varchar("hll", r -> r.hll() == null ? null : Base64.getEncoder().encodeToString(r.hll())),
            TableFeed.bigint("bytes_error", RollupRow::bytesError));

    public TierWriter(Connection conn, TierSettings settings) throws SQLException {
        this.conn = conn;
        this.settings = settings;
        this.minutes = new WindowRollup(MINUTE, settings.dimensions());
        this.hours = new WindowRollup(HOUR, settings.dimensions());
        this.secondFeed = new TableFeed<>(conn, "traffic_seconds", SECOND_COLUMNS, null);
        String select = String.join(", ", MINUTE_COLUMNS.stream().map(TableFeed.Column::name)
                .map(n -> n.equals("hll") ? "from_base64(hll)" : n).toList());
        this.minuteFeed = new TableFeed<>(conn, "traffic_minutes", MINUTE_COLUMNS, select);
        this.cold = settings.dataDir() == null ? null : new ColdFiles(conn, settings.dataDir());
        // only the dimensions not stored as they are: an INSERT OR REPLACE per dimension was 12 ms of every file's ingest
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT dim || '=' || fields || ':' || budget FROM rollup_dims");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) stored.add(rs.getString(1)); // as Dimension.spec() writes a dimension
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO rollup_dims VALUES (?, ?, ?)")) {
            for (Dimension d : settings.dimensions()) {
                if (stored.contains(d.spec())) continue;
                ps.setString(1, d.name());
                ps.setString(2, String.join("+", d.fields()));
                ps.setInt(3, d.budget());
                ps.executeUpdate();
            }
        }
    }

    public void add(Flow f) {
        seconds.add(f);
        // one key string per dimension for both rollups: made once, hashed once (String caches its hash)
        List<Dimension> dims = settings.dimensions();
        String[] keys = new String[dims.size()];
        String[] values = new String[Dimension.FIELDS.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = dims.get(i).key(f, values);
        minutes.add(f, keys);
        hours.add(f, keys);
        if (f.tsNanos() > newest) newest = f.tsNanos();
    }

    /**
     * Writes the windows that are closed (or all, past the memory bound) in the current transaction.
     *
     * @return ledger rows: each "other" row's flows, per source, minute and dimension
     */
    public List<QualityRow> flushClosed() throws SQLException {
        long closedBefore = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - LATENESS_NANOS;
        secondFeed.insert(conn, seconds.size() > MAX_SECONDS ? seconds.drainBefore(Long.MAX_VALUE)
                : seconds.drainBefore(closedBefore));
        List<RollupRow> m = minutes.cells() > MAX_CELLS / 2 ? minutes.drainAll() : minutes.drainBefore(closedBefore);
        pendingHours.addAll(hours.cells() > MAX_CELLS / 2 ? hours.drainAll() : hours.drainBefore(closedBefore));
        return writeMinutes(m);
    }

    /** Writes every open window (the end of an ingest, or a stop). */
    public List<QualityRow> flushAll() throws SQLException {
        secondFeed.insert(conn, seconds.drainBefore(Long.MAX_VALUE));
        pendingHours.addAll(hours.drainAll());
        return writeMinutes(minutes.drainAll());
    }

    private List<QualityRow> writeMinutes(List<RollupRow> rows) throws SQLException {
        minuteFeed.insert(conn, rows);
        List<QualityRow> lumped = new ArrayList<>();
        for (RollupRow r : rows) {
            if (r.key() == null) {
                lumped.add(new QualityRow(r.source(), Math.floorDiv(r.windowNanos(), 1_000_000_000L), STAGE,
                        "traffic." + r.dim() + ".other_flows", r.flows()));
            }
        }
        return lumped;
    }

    /** Writes the hour rows of committed windows as Parquet files (call right after a commit). */
    public void afterCommit() throws SQLException, IOException {
        if (pendingHours.isEmpty()) return;
        if (cold != null) cold.write(conn, pendingHours, this::sourceId);
        pendingHours.clear();
    }

    private int sourceId(String source) {
        return sourceIds.computeIfAbsent(source, s -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT source_id FROM sources WHERE source = ?")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("source '" + s + "' has no id in sources");
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot look up source '" + s + "': " + e.getMessage(), e);
            }
        });
    }

    public TierSettings settings() {
        return settings;
    }
}
