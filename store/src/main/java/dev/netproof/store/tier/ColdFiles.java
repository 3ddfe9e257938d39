package dev.netproof.store.tier;

import dev.netproof.store.internal.TableFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The cold tier: hour rollup rows as Parquet files, one directory per UTC day of the hour
 * ({@code DIR/cold/day=2026-11-26/<source_id>-<seq>.parquet}, Hive partitioning), so any Parquet reader
 * reads them ({@code read_parquet('DIR/cold/day=*}{@code /*.parquet', hive_partitioning = true)} in DuckDB)
 * and retention removes a day by removing its directory.
 *
 * <p>DuckDB writes each file ({@code COPY ... TO ... (FORMAT PARQUET)}) from a temporary table into
 * {@code DIR/cold/.tmp/}, then the file is renamed into its day directory: a crash leaves at most a
 * temporary file, never a half file where readers look. Every file carries its source in its name (the
 * {@code sources} table's id) and in its rows ({@code source}, {@code source_id}), so one source's files
 * can be found and removed whole ({@link #deleteSource}).
 */
public final class ColdFiles {
    public static final String DIR = "cold";
    private static final String STAGE = "netproof_cold_stage";
    private static final long HOUR = 3_600_000_000_000L;
    private static final long DAY = 24 * HOUR;
    /** Distinguishes files of different writer runs; the counter those of one run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicLong SEQ = new AtomicLong();

    private record Staged(RollupRow row, int sourceId) {}

    private static final List<TableFeed.Column<Staged>> COLUMNS = List.of(
            TableFeed.bigint("hour_ns", s -> s.row().windowNanos()),
            TableFeed.varchar("source", s -> s.row().source()),
            TableFeed.integer("source_id", Staged::sourceId),
            TableFeed.varchar("dim", s -> s.row().dim()),
            TableFeed.varchar("key", s -> s.row().key()),
            TableFeed.bigint("flows", s -> s.row().flows()),
            TableFeed.bigint("bytes", s -> s.row().bytes()),
            TableFeed.bigint("packets", s -> s.row().packets()),
            TableFeed.bigint("keys", s -> s.row().keys()),
            TableFeed.varchar("hll", s -> s.row().hll() == null ? null : Base64.getEncoder().encodeToString(s.row().hll())),
            TableFeed.bigint("bytes_error", s -> s.row().bytesError()));

    private final Path root;
    private final TableFeed<Staged> feed;

    /** Creates the staging table (temporary: it lives and dies with {@code conn}). */
    public ColdFiles(Connection conn, Path dataDir) throws SQLException {
        this.root = dataDir.resolve(DIR);
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " (hour_ns BIGINT, source VARCHAR, source_id INTEGER, "
                    + "dim VARCHAR, key VARCHAR, flows BIGINT, bytes BIGINT, packets BIGINT, keys BIGINT, hll BLOB, "
                    + "bytes_error BIGINT)");
        }
        String select = String.join(", ", COLUMNS.stream().map(TableFeed.Column::name)
                .map(n -> n.equals("hll") ? "from_base64(hll)" : n).toList());
        this.feed = new TableFeed<>(conn, STAGE, COLUMNS, select);
    }

    /** The directory of the cold tier under a data directory. */
    public static Path root(Path dataDir) {
        return dataDir.resolve(DIR);
    }

    /** The glob that reads every cold file (for {@code read_parquet}). */
    public static String glob(Path dataDir) {
        return root(dataDir).toAbsolutePath() + "/day=*/*.parquet";
    }

    public static String dayName(long nanos) {
        return "day=" + LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)), ZoneOffset.UTC);
    }

    /**
     * Writes {@code rows} as one file per source and day; {@code sourceIds} maps a source to its id.
     *
     * @return the files written
     */
    public List<Path> write(Connection conn, List<RollupRow> rows, java.util.function.ToIntFunction<String> sourceIds)
            throws SQLException, IOException {
        if (rows.isEmpty()) return List.of();
        List<Staged> staged = new ArrayList<>(rows.size());
        TreeMap<String, long[]> groups = new TreeMap<>(); // "id day" -> {id, dayStart}
        for (RollupRow r : rows) {
            int id = sourceIds.applyAsInt(r.source());
            staged.add(new Staged(r, id));
            long day = Math.floorDiv(r.windowNanos(), DAY) * DAY;
            groups.putIfAbsent(id + " " + day, new long[] {id, day});
        }
        feed.insert(conn, staged);
        Path tmpDir = root.resolve(".tmp");
        Files.createDirectories(tmpDir);
        List<Path> written = new ArrayList<>();
        try (Statement s = conn.createStatement()) {
            for (long[] g : groups.values()) {
                String name = g[0] + "-" + RUN + "-" + SEQ.incrementAndGet() + ".parquet";
                Path tmp = tmpDir.resolve(name);
                s.execute("COPY (SELECT * EXCLUDE (source_id), source_id FROM " + STAGE + " WHERE source_id = " + g[0]
                        + " AND hour_ns >= " + g[1] + " AND hour_ns < " + (g[1] + DAY) + " ORDER BY dim, hour_ns) TO '"
                        + sql(tmp) + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
                Path dir = root.resolve(dayName(g[1]));
                Files.createDirectories(dir);
                Path target = dir.resolve(name);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            }
            s.execute("DELETE FROM " + STAGE);
        }
        return written;
    }

    static String sql(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    /** The day directories, oldest first. */
    public static List<Path> days(Path dataDir) throws IOException {
        Path r = root(dataDir);
        if (!Files.isDirectory(r)) return List.of();
        try (Stream<Path> s = Files.list(r)) {
            return s.filter(p -> p.getFileName().toString().startsWith("day=") && Files.isDirectory(p)).sorted().toList();
        }
    }

    /** Bytes of all cold files. */
    public static long size(Path dataDir) throws IOException {
        long total = 0;
        for (Path d : days(dataDir)) total += dirSize(d);
        return total;
    }

    static long dirSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** Removes a whole day directory (its files, then the directory). */
    static void deleteDay(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    /**
     * The cold tier as one of the stores {@code SourceRemoval} clears for a source: its files, found by the
     * source's id (kept in {@code sources} after the source's rows are gone). Nothing for an in-memory store.
     */
    public static dev.netproof.store.SourceOutputs outputs(dev.netproof.store.Store store) {
        return source -> {
            if (store.dir() == null) return;
            try (Connection c = store.connect();
                 java.sql.PreparedStatement ps = c.prepareStatement("SELECT source_id FROM sources WHERE source = ?")) {
                ps.setString(1, source);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) deleteSource(store.dir(), rs.getInt(1));
                }
            } catch (SQLException e) {
                throw new IOException("cannot look up source " + source + ": " + e.getMessage(), e);
            }
        };
    }

    /** Removes every cold file of source {@code sourceId}; returns how many. */
    public static int deleteSource(Path dataDir, int sourceId) throws IOException {
        int n = 0;
        String prefix = sourceId + "-";
        for (Path d : days(dataDir)) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }
}
