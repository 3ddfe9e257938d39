package dev.netproof.store.tier;

import dev.netproof.store.internal.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The hot tier's sealed hours: flow rows and their TCP health, once a source's hour is complete, move from the
 * DuckDB tables into Parquet files, one per table, source and hour ({@code DIR/hot/flow_rows/<source_id>-
 * <yyyyMMddHH>-<run>-<seq>.parquet}), listed in {@code hot_files}. Readers read the views {@code all_flow_rows}
 * and {@code all_tcp_rows}: the table's rows and the files', {@code UNION ALL BY NAME}. A filter on {@code ts_ns}
 * reaches the files' row-group statistics (each file is sorted by start), so a time range or a uid lookup reads
 * only the row groups it needs.
 *
 * <p>Why: DuckDB compresses a column with light-weight schemes only (bit-packing, dictionaries of strings,
 * ALP); the flows' random-looking numbers stayed at 38.5 bytes a flow. Parquet with dictionary pages for
 * integers and ZSTD over them holds the same rows in about 25, and a file is also what retention removes
 * whole and what any Parquet reader opens. Three columns are stored in a form that compresses better and
 * read back exactly: {@code duration} as whole microseconds plus the nanoseconds left ({@code duration} is
 * {@code nanoseconds / 1e9}, so the view's division gives the same double); each side's {@code ip_bytes} as
 * what is left after its payload bytes and a header of 40 (TCP) or 28 (UDP) bytes, plus 20 for IPv6, a
 * packet (nearly always a constant; any value reads back exactly).
 *
 * <p>A seal is one transaction: the rows are copied to a file (in {@code DIR/hot/.tmp}, renamed into place),
 * deleted from the table, the file listed, and the views redefined; the copy and the delete read the same
 * snapshot, so no row is lost or kept twice. A crash before the commit leaves an unlisted file, which the next
 * open removes ({@link #open}); files a removal unlisted are deleted after its commit. Only the thread that
 * writes a source (or nobody) may seal it: a row of the sealed hour appended meanwhile by another transaction
 * would stay in the table, which is correct, but the writer's own uncommitted rows are not in the snapshot.
 */
public final class HotFiles {
    public static final String DIR = "hot";
    static final long HOUR = 3_600_000_000_000L;
    /**
     * Flows: version-2 pages (delta-coded start times), ZSTD level 3, row groups of up to a million rows
     * (smaller groups repeat the dictionaries: 0.8 byte a flow more at 122,880 rows), and dictionaries of up to
     * a quarter of the rows ({@link #flowOptions}). TCP health: version-1 pages and DuckDB's default dictionary
     * limit, 40.7 bytes a TCP flow against 49.3 with the flows' options.
     */
    static final String FLOW_OPTIONS = "FORMAT PARQUET, COMPRESSION ZSTD, COMPRESSION_LEVEL 3, PARQUET_VERSION V2, "
            + "ROW_GROUP_SIZE 1000000";
    static final String TCP_OPTIONS = "FORMAT PARQUET, COMPRESSION ZSTD, COMPRESSION_LEVEL 3, ROW_GROUP_SIZE 1000000";

    /**
     * The flows' options for a file of {@code rows} rows. DuckDB dictionary-encodes every column with fewer distinct
     * values than its limit, and a dictionary of values that do not repeat costs more than the values: with a
     * fixed limit of 100,000, an hour of 41,667 synthetic flows took 49.5 bytes a flow (start times, durations and
     * addresses in dictionaries), with a quarter of the rows 22.9. Addresses, ports and counts repeat and take a
     * dictionary; start times and durations do not.
     */
    static String flowOptions(long rows) {
        return FLOW_OPTIONS + ", DICTIONARY_SIZE_LIMIT " + Math.max(1, Math.min(rows, 1_000_000) / 4);
    }

    /** Names this process's files: a reopen in the same process must not take them for a dead one's. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicLong SEQ = new AtomicLong();
    private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    /** The header bytes a packet of the flow's transport and address family carries at least. */
    private static final String HEADER = "(CASE ip_proto WHEN 6 THEN 40 WHEN 17 THEN 28 ELSE 0 END "
            + "+ CASE WHEN orig_ip_hi = -9223372036854775808 THEN 0 ELSE 20 END)";

    /** A table of full detail whose hours go to files, how its rows are written, and how the files are read. */
    record Sealed(String table, String view, String write, String read, java.util.function.LongFunction<String> options) {}

    static final Sealed FLOWS = new Sealed("flow_rows", "all_flow_rows",
            "SELECT * EXCLUDE (duration, orig_ip_bytes, resp_ip_bytes), "
                    + "round(duration * 1e9)::BIGINT // 1000 AS dur_us, (round(duration * 1e9)::BIGINT % 1000)::SMALLINT AS dur_sub_ns, "
                    + "orig_ip_bytes - orig_bytes - orig_pkts * " + HEADER + " AS orig_ip_extra, "
                    + "resp_ip_bytes - resp_bytes - resp_pkts * " + HEADER + " AS resp_ip_extra FROM flow_rows",
            "SELECT * EXCLUDE (dur_us, dur_sub_ns, orig_ip_extra, resp_ip_extra), "
                    + "(dur_us * 1000 + dur_sub_ns) / 1e9 AS duration, "
                    + "orig_ip_extra + orig_bytes + orig_pkts * " + HEADER + " AS orig_ip_bytes, "
                    + "resp_ip_extra + resp_bytes + resp_pkts * " + HEADER + " AS resp_ip_bytes FROM ", HotFiles::flowOptions);
    static final Sealed TCP = new Sealed("tcp_rows", "all_tcp_rows", "SELECT * FROM tcp_rows", "SELECT * FROM ", rows -> TCP_OPTIONS);
    static final List<Sealed> SEALED = List.of(FLOWS, TCP);

    public static final String CREATE_HOT_FILES = """
            CREATE TABLE IF NOT EXISTS hot_files (
              tbl VARCHAR NOT NULL,
              name VARCHAR NOT NULL,
              source_id INTEGER NOT NULL,
              hour_ns BIGINT NOT NULL,
              row_count BIGINT NOT NULL,
              bytes BIGINT NOT NULL
            )""";
    /** The views' current definitions, so that an open redefines them only when the files or the directory changed. */
    public static final String CREATE_HOT_VIEWS =
            "CREATE TABLE IF NOT EXISTS hot_views (view_name VARCHAR NOT NULL PRIMARY KEY, sql VARCHAR NOT NULL)";
    public static final List<String> STATEMENTS = List.of(CREATE_HOT_FILES, CREATE_HOT_VIEWS,
            "CREATE VIEW IF NOT EXISTS all_flow_rows AS SELECT * FROM flow_rows",
            "CREATE VIEW IF NOT EXISTS all_tcp_rows AS SELECT * FROM tcp_rows");

    private HotFiles() {}

    /** The data directory of the database behind {@code c}; null for an in-memory one (which keeps no files). */
    public static Path dataDir(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT path FROM duckdb_databases() WHERE database_name = current_database()")) {
            String p = rs.next() ? rs.getString(1) : null;
            return p == null || p.isEmpty() || p.equals(":memory:") ? null : Path.of(p).toAbsolutePath().getParent();
        }
    }

    /**
     * At store open: removes files no transaction listed (a crash between a seal's rename and its commit, or
     * between a removal's commit and its deletes) and defines the views for this directory (a moved store).
     */
    public static void open(Connection c) throws SQLException {
        Path dir = dataDir(c);
        if (dir == null) return;
        Path root = dir.resolve(DIR);
        if (Files.isDirectory(root)) {
            Set<String> listed = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM hot_files")) {
                while (rs.next()) listed.add(rs.getString(1));
            }
            try {
                // this process's own files may be between their rename and their commit (a second open of a store
                // a writer of this process is writing): only a dead process's are left over
                String ours = "-" + RUN + "-";
                deleteTree(root.resolve(".tmp"), ours);
                for (Sealed t : SEALED) {
                    Path d = root.resolve(t.table());
                    if (!Files.isDirectory(d)) continue;
                    try (Stream<Path> files = Files.list(d)) {
                        for (Path p : files.toList()) {
                            String name = p.getFileName().toString();
                            if (!name.contains(ours) && !listed.contains(DIR + "/" + t.table() + "/" + name)) Files.deleteIfExists(p);
                        }
                    }
                }
            } catch (IOException e) {
                throw new SQLException("cannot clean the hot files under " + root + ": " + e.getMessage(), e);
            }
        }
        Transaction.run(c, () -> {
            defineViews(c, dir);
            return null;
        });
    }

    /**
     * Moves every hour of {@code source}'s rows in the tables that starts before {@code beforeNs} into files, in
     * one transaction. Returns the rows sealed per table ({@code flow_rows}, {@code tcp_rows}); nothing for an
     * in-memory store or an unknown source. (An ingest does not put its rows in the tables first: its writer
     * stages them and writes files at each commit, {@link #write}.)
     */
    public static long[] seal(Connection c, String source, long beforeNs) throws SQLException, IOException {
        long[] sealed = new long[SEALED.size()];
        Path dir = dataDir(c);
        Integer id = sourceId(c, source);
        if (dir == null || id == null) return sealed;
        // numbers of ours only: no input reaches this text
        String where = "source_id = " + id + " AND ts_ns < " + beforeNs;
        List<NewFile> made = new ArrayList<>();
        try {
            return Transaction.run(c, () -> {
                made.addAll(write(c, dir, where, false)); // the delete below must see what the copy saw
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < SEALED.size(); i++) {
                        String table = SEALED.get(i).table();
                        long n = made.stream().filter(f -> f.table().equals(table)).mapToLong(NewFile::rows).sum();
                        long deleted = s.executeUpdate("DELETE FROM " + table + " WHERE " + where);
                        if (deleted != n) throw new SQLException("sealing " + table + " deleted " + deleted + " rows, copied " + n);
                        sealed[i] = n;
                    }
                }
                list(c, dir, made);
                return sealed;
            });
        } catch (SQLException | IOException | RuntimeException e) {
            delete(made);
            throw e;
        }
    }

    /** A file written and renamed into place, not yet listed. */
    public record NewFile(String table, String name, Path path, int sourceId, long hourNs, long rows, long bytes) {}

    /**
     * Writes the rows of {@code rows}' {@code flow_rows} and {@code tcp_rows} that match {@code where} (SQL of
     * ours, no input) to files under {@code dir}, one per table, source and hour, sorted by start; each is
     * renamed into place when complete. {@code rows} is the store itself ({@link #seal}) or a writer's stage
     * ({@link #stage}). The caller lists them ({@link #list}) in the transaction that removes or commits the
     * rows, and deletes them ({@link #delete}) if that fails.
     *
     * @param sideBySide each table's files on a connection and thread of its own (DuckDB writes a Parquet row
     *                   group on one thread): only for committed rows, since the other connections do not see
     *                   {@code rows}' transaction. A writer's last commit is the tail of an ingest, when the
     *                   reading thread's core is idle.
     */
    public static List<NewFile> write(Connection rows, Path dir, String where, boolean sideBySide)
            throws SQLException, IOException {
        return perTable(rows, sideBySide, (c, t, made) -> writeTable(c, dir, t, where, made));
    }

    /** Work on one table's files, adding the files it makes to {@code made}. */
    private interface TableWork {
        void run(Connection c, Sealed t, List<NewFile> made) throws SQLException, IOException;
    }

    /**
     * Runs {@code work} for each sealed table, on {@code c}, or side by side on a connection and thread of its
     * own per table; returns the files made. On a failure the files made are deleted and the first failure thrown.
     */
    private static List<NewFile> perTable(Connection c, boolean sideBySide, TableWork work) throws SQLException, IOException {
        List<NewFile> made = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> others = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (Sealed t : SEALED.subList(sideBySide ? 1 : SEALED.size(), SEALED.size())) {
                Connection own = ((org.duckdb.DuckDBConnection) c).duplicate();
                others.add(Thread.ofPlatform().name("netproof-hot-files").start(() -> {
                    try (own) {
                        work.run(own, t, made);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Sealed t : sideBySide ? SEALED.subList(0, 1) : SEALED) work.run(c, t, made);
        } catch (SQLException | IOException | RuntimeException e) {
            failures.add(e);
        } finally {
            for (Thread th : others) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                }
            }
        }
        if (failures.isEmpty()) return new ArrayList<>(made);
        delete(made);
        Throwable f = failures.getFirst();
        if (f instanceof SQLException e) throw e;
        if (f instanceof IOException e) throw e;
        if (f instanceof RuntimeException e) throw e;
        throw new IOException("writing hot files: " + f, f);
    }

    /** Files of fewer rows than this are merged with their neighbours ({@link #compact}). */
    public static final long SMALL_FILE_ROWS = 500_000;
    /** A merged file holds at most this many rows. */
    static final long MERGED_FILE_ROWS = 1_000_000;

    /**
     * Merges the small files of each table and hour of source {@code sourceId} (each commit of an ingest writes
     * its own, and a file of 80,000 flows takes 31 bytes a flow where one of 313,000 takes 25: every file
     * repeats its dictionaries) into files of up to {@link #MERGED_FILE_ROWS} rows, sorted by start. The new
     * files replace the old in {@code hot_files} in one transaction of {@code c} (which must autocommit or be
     * between transactions); the old files are deleted after it, and a crash in between leaves unlisted files
     * that the next open removes. Returns the files merged.
     */
    public static int compact(Connection c, int sourceId) throws SQLException, IOException {
        Path dir = dataDir(c);
        if (dir == null) return 0;
        List<String> replaced = java.util.Collections.synchronizedList(new ArrayList<>());
        List<NewFile> made = perTable(c, true, (own, t, out) -> mergeTable(own, dir, t, sourceId, replaced, out));
        if (made.isEmpty()) return 0;
        try {
            Transaction.run(c, () -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM hot_files WHERE name = ?")) {
                    for (String n : replaced) {
                        ps.setString(1, n);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                list(c, dir, made);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            delete(made);
            throw e;
        }
        for (String n : replaced) Files.deleteIfExists(dir.resolve(n));
        return replaced.size();
    }

    private static void mergeTable(Connection c, Path dir, Sealed t, int sourceId, List<String> replaced, List<NewFile> made)
            throws SQLException, IOException {
        record Listed(long hourNs, String name, long rows) {}
        List<Listed> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hour_ns, name, row_count FROM hot_files WHERE tbl = ? "
                + "AND source_id = ? AND row_count < ? ORDER BY hour_ns, name")) {
            ps.setString(1, t.table());
            ps.setInt(2, sourceId);
            ps.setLong(3, SMALL_FILE_ROWS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) files.add(new Listed(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        List<Listed> bin = new ArrayList<>();
        long binRows = 0;
        for (int i = 0; i <= files.size(); i++) {
            Listed f = i < files.size() ? files.get(i) : null;
            boolean close = f == null || (!bin.isEmpty() && (f.hourNs() != bin.getFirst().hourNs() || binRows + f.rows() > MERGED_FILE_ROWS));
            if (close && bin.size() >= 2) {
                long hourNs = bin.getFirst().hourNs();
                String file = fileName(sourceId, hourNs);
                Path tmp = dir.resolve(DIR).resolve(".tmp").resolve(t.table() + "-" + file);
                Files.createDirectories(tmp.getParent());
                String sources = String.join(", ", bin.stream().map(l -> "'" + ColdFiles.sql(dir.resolve(l.name())) + "'").toList());
                try (Statement s = c.createStatement()) {
                    // the files hold the stored form already (dur_us, *_ip_extra): copied as they are
                    s.execute("COPY (SELECT * FROM read_parquet([" + sources + "], union_by_name = true) ORDER BY ts_ns) TO '"
                            + ColdFiles.sql(tmp) + "' (" + t.options().apply(binRows) + ")");
                }
                String name = DIR + "/" + t.table() + "/" + file;
                Path target = dir.resolve(name);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                made.add(new NewFile(t.table(), name, target, sourceId, hourNs, binRows, Files.size(target)));
                for (Listed l : bin) replaced.add(l.name());
            }
            if (close) {
                bin.clear();
                binRows = 0;
            }
            if (f != null) {
                bin.add(f);
                binRows += f.rows();
            }
        }
    }

    private static String fileName(int sourceId, long hourNs) {
        return sourceId + "-" + HOUR_LABEL.format(Instant.ofEpochSecond(Math.floorDiv(hourNs, 1_000_000_000L)))
                + "-" + RUN + "-" + SEQ.incrementAndGet() + ".parquet";
    }

    private static void writeTable(Connection rows, Path dir, Sealed t, String where, List<NewFile> made)
            throws SQLException, IOException {
        try (Statement s = rows.createStatement()) {
            // the hour's start, rounded down also before 1970
            String hour = "ts_ns - ((ts_ns % " + HOUR + ") + " + HOUR + ") % " + HOUR;
            List<long[]> parts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT source_id, " + hour + " AS h, count(*) FROM " + t.table()
                    + " WHERE " + where + " GROUP BY ALL ORDER BY ALL")) {
                while (rs.next()) parts.add(new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)});
            }
            for (long[] p : parts) {
                int sourceId = (int) p[0];
                long hourNs = p[1];
                String file = fileName(sourceId, hourNs);
                Path tmp = dir.resolve(DIR).resolve(".tmp").resolve(t.table() + "-" + file);
                Files.createDirectories(tmp.getParent());
                s.execute("COPY (" + t.write() + " WHERE " + where + " AND source_id = " + sourceId + " AND ts_ns >= "
                        + hourNs + " AND ts_ns < " + (hourNs + HOUR) + " ORDER BY ts_ns) TO '" + ColdFiles.sql(tmp)
                        + "' (" + t.options().apply(p[2]) + ")");
                String name = DIR + "/" + t.table() + "/" + file;
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                made.add(new NewFile(t.table(), name, target, sourceId, hourNs, p[2], Files.size(target)));
            }
        }
    }

    /** Lists {@code files} in {@code hot_files} and redefines the views, in {@code c}'s transaction. */
    public static void list(Connection c, Path dir, List<NewFile> files) throws SQLException {
        if (files.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hot_files VALUES (?, ?, ?, ?, ?, ?)")) {
            for (NewFile f : files) {
                ps.setString(1, f.table());
                ps.setString(2, f.name());
                ps.setInt(3, f.sourceId());
                ps.setLong(4, f.hourNs());
                ps.setLong(5, f.rows());
                ps.setLong(6, f.bytes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        defineViews(c, dir);
    }

    /** Deletes files that were written but will not be listed (their transaction failed). */
    public static void delete(List<NewFile> files) {
        for (NewFile f : files) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                // unlisted, so the next open removes it
            }
        }
    }

    /**
     * A writer's stage: an in-memory DuckDB database with the store's {@code flow_rows} and {@code tcp_rows},
     * holding the rows of one commit interval until {@link #write} puts them in files. Rows that go to files
     * never enter the store's tables, whose blocks DuckDB would keep (it reuses the free blocks of deleted
     * rows but does not give them back to the file system). Close it to free its memory.
     */
    public static Connection stage() throws SQLException {
        Connection s = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = s.createStatement()) {
            st.execute("SET threads = 1");
            st.execute(dev.netproof.store.Schema.CREATE_FLOW_ROWS);
            st.execute(dev.netproof.store.Schema.CREATE_TCP_ROWS);
        } catch (SQLException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Files unlisted by {@link #forget}, to delete once its transaction committed. */
    public record Forgotten(Path dir, List<String> names, List<Count> counts) {
        public void deleteFiles() throws IOException {
            for (String n : names) Files.deleteIfExists(dir.resolve(n));
        }
    }

    /** Rows of a table and source that went with the files. */
    public record Count(String table, String source, long rows) {}

    /**
     * Unlists the files whose row matches {@code where} (SQL over {@code hot_files}' columns, with one BIGINT
     * parameter, a constant of the caller's) and redefines the views, in {@code c}'s transaction; the caller
     * commits, then deletes the files ({@link Forgotten#deleteFiles}).
     */
    public static Forgotten forget(Connection c, String where, long arg) throws SQLException {
        Path dir = dataDir(c);
        List<String> names = new ArrayList<>();
        List<Count> counts = new ArrayList<>();
        if (dir == null) return new Forgotten(null, names, counts);
        try (PreparedStatement ps = c.prepareStatement("SELECT f.tbl, f.name, coalesce(s.source, ''), f.row_count "
                + "FROM (SELECT * FROM hot_files WHERE " + where + ") f LEFT JOIN sources s ON s.source_id = f.source_id")) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(2));
                    counts.add(new Count(rs.getString(1), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        if (names.isEmpty()) return new Forgotten(dir, names, counts);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM hot_files WHERE " + where)) {
            ps.setLong(1, arg);
            ps.executeUpdate();
        }
        defineViews(c, dir);
        return new Forgotten(dir, names, counts);
    }

    /** {@link #forget} for the files of {@code source}; nothing for a source the store does not know. */
    public static Forgotten forgetSource(Connection c, String source) throws SQLException {
        Integer id = sourceId(c, source);
        return id == null ? new Forgotten(null, List.of(), List.of()) : forget(c, "source_id = ?", id);
    }

    /**
     * The hot files as one of the stores {@code SourceRemoval} clears for a source: after the removal's commit
     * unlisted them ({@link #forget}), the source's files that no row lists are deleted. Nothing in memory.
     */
    public static dev.netproof.store.SourceOutputs outputs(dev.netproof.store.Store store) {
        return source -> {
            if (store.dir() == null) return;
            try (Connection c = store.connect()) {
                Integer id = sourceId(c, source);
                if (id == null) return;
                Set<String> listed = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT name FROM hot_files WHERE source_id = ?")) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) listed.add(rs.getString(1));
                    }
                }
                for (Sealed t : SEALED) {
                    Path d = store.dir().resolve(DIR).resolve(t.table());
                    if (!Files.isDirectory(d)) continue;
                    try (Stream<Path> files = Files.list(d)) {
                        for (Path p : files.filter(p -> p.getFileName().toString().startsWith(id + "-")).toList()) {
                            if (!listed.contains(DIR + "/" + t.table() + "/" + p.getFileName())) Files.deleteIfExists(p);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IOException("cannot look up source " + source + ": " + e.getMessage(), e);
            }
        };
    }

    /** The files' bytes on disk, as listed. */
    public static long bytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return count(s, "SELECT coalesce(sum(bytes), 0)::BIGINT FROM hot_files");
        }
    }

    /** (Re)defines each view that differs from what the listed files and this directory call for. */
    static void defineViews(Connection c, Path dir) throws SQLException {
        for (Sealed t : SEALED) {
            List<String> files = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM hot_files WHERE tbl = ? ORDER BY hour_ns, name")) {
                ps.setString(1, t.table());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) files.add("'" + ColdFiles.sql(dir.resolve(rs.getString(1))) + "'");
                }
            }
            String sql = "CREATE OR REPLACE VIEW " + t.view() + " AS SELECT * FROM " + t.table()
                    + (files.isEmpty() ? "" : " UNION ALL BY NAME " + t.read() + "read_parquet([" + String.join(", ", files)
                    + "], union_by_name = true)");
            String current = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM hot_views WHERE view_name = ?")) {
                ps.setString(1, t.view());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) current = rs.getString(1);
                }
            }
            // a store that never sealed has the default view (Schema): nothing to write at open
            if (sql.equals(current) || (current == null && files.isEmpty())) continue;
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO hot_views VALUES (?, ?)")) {
                ps.setString(1, t.view());
                ps.setString(2, sql);
                ps.executeUpdate();
            }
        }
    }

    private static Integer sourceId(Connection c, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT source_id FROM sources WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes the files in {@code d} whose names do not contain {@code keep}. */
    private static void deleteTree(Path d, String keep) throws IOException {
        if (!Files.isDirectory(d)) return;
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().contains(keep)) Files.deleteIfExists(p);
            }
        }
    }
}
