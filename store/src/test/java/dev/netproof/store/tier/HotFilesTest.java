package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.store.SourceRemoval;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed hours (HotFiles): what goes to Parquet files reads back through the views exactly as the tables' rows. */
class HotFilesTest {
    static final long HOUR = 3_600_000_000_000L;
    static final long T0 = 1_700_000_000_000_000_000L;
    @TempDir Path dir;

    /** Flows over three hours, with what the files store in another form at its edges. */
    static List<Flow> flows(long seed, int n, String source) {
        Random rnd = new Random(seed);
        List<Flow> out = new ArrayList<>();
        int[] protos = {6, 17, 1, 58, 47};
        for (int i = 0; i < n; i++) {
            long ts = T0 + (long) (rnd.nextDouble() * 3 * HOUR);
            boolean v6 = rnd.nextInt(4) == 0;
            IpAddress orig = v6 ? IpAddress.ofV6(rnd.nextLong(), rnd.nextLong()) : IpAddress.ofV4(rnd.nextInt());
            IpAddress resp = v6 ? IpAddress.parse("2001:db8::" + Integer.toHexString(rnd.nextInt(65536)))
                    : IpAddress.parse("192.168.1." + rnd.nextInt(256));
            int proto = protos[rnd.nextInt(protos.length)];
            // durations in whole microseconds, in nanoseconds, zero and days long
            long duration = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(60_000_000) * 1000L;
                case 1 -> rnd.nextLong(100_000_000_000L);
                case 2 -> 0;
                default -> rnd.nextLong(40L * 24 * HOUR);
            };
            long pkts = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1000);
            long bytes = rnd.nextInt(5) == 0 ? rnd.nextLong(1L << 40) : rnd.nextInt(100_000);
            // IP bytes usually payload plus headers, sometimes less than the payload (sequence-number bytes of a
            // flow with gaps), sometimes anything
            long ipBytes = switch (rnd.nextInt(3)) {
                case 0 -> bytes + pkts * 52;
                case 1 -> Math.max(0, bytes - rnd.nextInt(5000));
                default -> rnd.nextLong(1L << 41);
            };
            out.add(new Flow(ts, FlowUid.of(ts, rnd.nextInt()), orig, rnd.nextInt(65536), resp, rnd.nextInt(65536),
                    Transport.ofIpProto(proto), proto, duration, bytes, rnd.nextInt(9000), "SF", rnd.nextBoolean() ? "ShADadFf" : "Dd",
                    pkts, ipBytes, rnd.nextInt(50), rnd.nextInt(90_000), rnd.nextInt(5) == 0 ? rnd.nextInt(4095) : -1, -1,
                    CloseReason.values()[rnd.nextInt(CloseReason.values().length)], source, null,
                    rnd.nextInt(7) == 0 ? "a.example" : null, null));
        }
        return out;
    }

    static void write(Store store, List<Flow> flows, boolean sealed) throws Exception {
        try (StoreWriter w = new StoreWriter(store, 500, 2, Duration.ofMillis(1)).sealHot(sealed)) {
            flows.forEach(w::add);
        }
    }

    static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                out.add(b.toString());
            }
        }
        return out;
    }

    static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void filesReadBackExactlyAsTheTables() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            List<Flow> flows = flows(seed, 4000, "a.pcap");
            Path inFiles = dir.resolve("files" + seed), inTables = dir.resolve("tables" + seed);
            try (Store a = Store.open(inFiles); Store b = Store.open(inTables)) {
                write(a, flows, true);
                write(b, flows, false);
                try (Connection ca = a.connect(); Connection cb = b.connect()) {
                    assertEquals(0, one(ca, "SELECT count(*) FROM flow_rows"), "no row stays in the table");
                    assertEquals(flows.size(), one(ca, "SELECT sum(row_count) FROM hot_files WHERE tbl = 'flow_rows'"));
                    assertTrue(one(ca, "SELECT count(*) FROM hot_files") >= 3, "a file per hour at least");
                    // every commit (each 1 ms here) wrote files; the end merged each table's and hour's into one
                    assertEquals(0, one(ca, "SELECT count(*) FROM (SELECT tbl, source_id, hour_ns FROM hot_files "
                            + "GROUP BY ALL HAVING count(*) > 1)"), "small files merged");
                    try (Stream<Path> files = Files.list(inFiles.resolve("hot/flow_rows"))) {
                        assertEquals(one(ca, "SELECT count(*) FROM hot_files WHERE tbl = 'flow_rows'"), files.count(),
                                "the merged files deleted");
                    }
                    assertEquals(0, one(cb, "SELECT count(*) FROM hot_files"));
                    String q = "SELECT * FROM flows ORDER BY ts_ns, uid";
                    List<String> fromFiles = rows(ca, q), fromTables = rows(cb, q);
                    assertEquals(flows.size(), fromFiles.size());
                    for (int i = 0; i < fromFiles.size(); i++) assertEquals(fromTables.get(i), fromFiles.get(i), "row " + i);
                    // and the durations are the Flow's to the nanosecond
                    List<Long> durations = flows.stream().map(Flow::durationNanos).sorted().toList();
                    try (Statement s = ca.createStatement();
                         ResultSet rs = s.executeQuery("SELECT duration FROM flows ORDER BY duration")) {
                        for (long d : durations) {
                            assertTrue(rs.next());
                            assertEquals(d / 1e9, rs.getDouble(1));
                        }
                    }
                }
            }
        }
    }

    @Test
    void eachFileIsOneSourceAndHourSortedByStart() throws Exception {
        try (Store store = Store.open(dir)) {
            write(store, flows(5, 3000, "a.pcap"), true);
            write(store, flows(6, 3000, "b.pcap"), true);
            try (Connection c = store.connect()) {
                List<String[]> files = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT name, source_id, hour_ns, row_count FROM hot_files WHERE tbl = 'flow_rows'")) {
                    while (rs.next()) files.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
                assertFalse(files.isEmpty());
                for (String[] f : files) {
                    String p = dir.resolve(f[0]).toString();
                    assertTrue(Files.isRegularFile(dir.resolve(f[0])), f[0]);
                    // any Parquet reader: the file alone, no view
                    String read = "read_parquet('" + p + "')";
                    assertEquals(Long.parseLong(f[3]), one(c, "SELECT count(*) FROM " + read));
                    assertEquals(1, one(c, "SELECT count(DISTINCT source_id) FROM " + read));
                    assertEquals(Long.parseLong(f[1]), one(c, "SELECT min(source_id) FROM " + read));
                    long hour = Long.parseLong(f[2]);
                    assertEquals(0, one(c, "SELECT count(*) FROM " + read + " WHERE ts_ns < " + hour + " OR ts_ns >= " + (hour + HOUR)));
                    assertEquals(0, one(c, "SELECT count(*) FROM (SELECT ts_ns < lag(ts_ns) OVER () AS back FROM " + read
                            + ") WHERE back"), "sorted by start");
                }
            }
        }
    }

    @Test
    void unlistedFilesGoAtOpenAndAMovedStoreReadsItsOwn() throws Exception {
        List<Flow> flows = flows(9, 2000, "a.pcap");
        Path first = dir.resolve("first");
        try (Store store = Store.open(first)) {
            write(store, flows, true);
        }
        // what a crash between a file's rename and its commit leaves, and a half-written file
        Path stray = first.resolve("hot/flow_rows/1-2023111422-crashed-1.parquet");
        Files.writeString(stray, "not listed");
        Files.createDirectories(first.resolve("hot/.tmp"));
        Files.writeString(first.resolve("hot/.tmp/flow_rows-x.parquet"), "half");
        // a file of this process's, as a writer's between its rename and its commit: a second open leaves it
        Path ours = first.resolve("hot/flow_rows/1-2023111422-" + HotFiles.RUN + "-999999.parquet");
        Files.writeString(ours, "not listed yet");
        Path moved = dir.resolve("moved");
        Files.move(first, moved);
        try (Store store = Store.open(moved); Connection c = store.connect()) {
            assertFalse(Files.exists(moved.resolve("hot/flow_rows/1-2023111422-crashed-1.parquet")));
            assertTrue(Files.exists(moved.resolve("hot/flow_rows/" + ours.getFileName())));
            Files.delete(moved.resolve("hot/flow_rows/" + ours.getFileName()));
            try (Stream<Path> tmp = Files.list(moved.resolve("hot/.tmp"))) {
                assertEquals(0, tmp.count());
            }
            assertEquals(flows.size(), one(c, "SELECT count(*) FROM flows"));
            assertEquals(flows.stream().mapToLong(Flow::origIpBytes).sum(), one(c, "SELECT sum(orig_ip_bytes) FROM flows"));
        }
    }

    @Test
    void removingASourceTakesItsFilesAndCountsTheirRows() throws Exception {
        List<Flow> a = flows(11, 2500, "a.pcap"), b = flows(12, 1500, "b.pcap");
        try (Store store = Store.open(dir)) {
            write(store, a, true);
            write(store, b, true);
            try (Connection c = store.connect()) {
                long aId = one(c, "SELECT source_id FROM sources WHERE source = 'a.pcap'");
                Map<String, Long> deleted = new SourceRemoval(List.of(HotFiles.outputs(store))).remove(c, "a.pcap");
                assertEquals(a.size(), deleted.get("flow_rows"));
                assertEquals(b.size(), one(c, "SELECT count(*) FROM flows"));
                assertEquals(0, one(c, "SELECT count(*) FROM hot_files WHERE source_id = " + aId));
                try (Stream<Path> files = Files.list(dir.resolve("hot/flow_rows"))) {
                    assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(aId + "-")), "a's files deleted");
                }
                assertEquals(one(c, "SELECT count(*) FROM hot_files WHERE tbl = 'flow_rows'"),
                        Files.list(dir.resolve("hot/flow_rows")).count(), "b's files stay");
            }
        }
    }

    @Test
    void sealMovesRowsOfTheTablesIntoFiles() throws Exception {
        List<Flow> flows = flows(13, 3000, "a.pcap");
        try (Store store = Store.open(dir)) {
            write(store, flows, false);
            try (Connection c = store.connect()) {
                List<String> before = rows(c, "SELECT * FROM flows ORDER BY ts_ns, uid");
                long cut = T0 + HOUR;
                long early = flows.stream().filter(f -> f.tsNanos() < cut).count();
                long[] n = HotFiles.seal(c, "a.pcap", cut);
                assertEquals(early, n[0]);
                assertEquals(flows.size() - early, one(c, "SELECT count(*) FROM flow_rows"));
                assertEquals(before, rows(c, "SELECT * FROM flows ORDER BY ts_ns, uid"));
                // a filter on the start reaches the files
                assertEquals(early, one(c, "SELECT count(*) FROM flows WHERE ts_ns < " + cut));
            }
        }
    }
}
