package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export_rows} keeps numbers and packed fields ({@link ExportBits}); the {@code export_flows} view must
 * give back every field of every record as it was exported, edge values included, and a store written before
 * the numbers (a text table) must read the same after its migration.
 */
class ExportRowsTest {
    @TempDir Path dir;

    /** The view's columns compared, in order. */
    private static final String COLUMNS = "ts_ns, end_ns, received_ns, format, exporter, domain, src_addr, dst_addr, "
            + "src_port, dst_port, proto, tcp_flags, tos, bytes, packets, sampling_rate, in_if, out_if, vlan, direction, "
            + "src_as, dst_as, next_hop, src_mask, dst_mask, end_reason, ip_version, mpls_labels::VARCHAR, extra, source";

    @Test
    void everyFieldReadsBackThroughTheView() throws Exception {
        Random rnd = new Random(7);
        List<ExportedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) flows.add(random(rnd, i));
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 700, 4)) {
                flows.forEach(w::add);
                w.drain();
            }
            same(expected(flows, true), read(store), "written by the collector's writer");
        }
    }

    @Test
    void aStoreWithTheOldTextTableIsMigrated() throws Exception {
        Random rnd = new Random(11);
        List<ExportedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 500; i++) flows.add(random(rnd, i));
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            // the store as the collector left it before export_rows: export_flows a table of text columns
            s.execute("DROP VIEW export_flows");
            s.execute(OLD_EXPORT_FLOWS);
            for (ExportedFlow f : flows) s.execute("INSERT INTO export_flows VALUES (" + oldRow(f) + ")");
            s.execute("DELETE FROM np_schema");
        }
        try (Store store = Store.open(dir)) {
            same(expected(flows, false), read(store), "migrated (end_reason and ip_version were not stored then)");
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'export_flows_v1'")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the old table is gone");
            }
        }
        try (Store store = Store.open(dir)) {
            same(expected(flows, false), read(store), "opened again: nothing moved twice");
        }
    }

    @Test
    void aStoreWithTwentyTwoColumnRowsIsMigrated() throws Exception {
        Random rnd = new Random(13);
        List<ExportedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 800; i++) flows.add(random(rnd, i));
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            // the store as the collector left it with export_rows of 22 columns (source and rate per row)
            try (Statement s = c.createStatement()) {
                s.execute("DROP VIEW export_flows");
                s.execute("DROP TABLE export_rows");
                s.execute("DROP TABLE export_keys");
                s.execute(V2_EXPORT_ROWS);
                s.execute(V2_EXPORT_KEYS);
                s.execute("DELETE FROM np_schema");
            }
            java.util.Map<List<Object>, Integer> keys = new java.util.HashMap<>(), sources = new java.util.HashMap<>();
            try (var keyIns = c.prepareStatement("INSERT INTO export_keys VALUES (?, ?, ?, ?, ?)");
                 var sourceIns = c.prepareStatement("INSERT INTO sources VALUES (?, ?)");
                 var rowIns = c.prepareStatement("INSERT INTO export_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         + "?, ?, ?, ?, ?, ?)")) {
                for (ExportedFlow f : flows) {
                    List<Object> key = List.of(f.format().ordinal(), f.exporter().hi() ^ Schema.SIGN_FLIP,
                            f.exporter().lo() ^ Schema.SIGN_FLIP, f.domain());
                    Integer keyId = keys.get(key);
                    if (keyId == null) {
                        keys.put(key, keyId = 10 + keys.size()); // ids the migration must not rely on
                        keyIns.setInt(1, keyId);
                        for (int i = 0; i < 4; i++) keyIns.setObject(i + 2, key.get(i));
                        keyIns.executeUpdate();
                    }
                    List<Object> source = List.of("exporter:" + f.exporter());
                    Integer sourceId = sources.get(source);
                    if (sourceId == null) {
                        sources.put(source, sourceId = 100 + sources.size());
                        sourceIns.setInt(1, sourceId);
                        sourceIns.setString(2, (String) source.get(0));
                        sourceIns.executeUpdate();
                    }
                    IpAddress none = IpAddress.ofV6(0, 0);
                    IpAddress src = f.srcAddr() == null ? none : f.srcAddr(), dst = f.dstAddr() == null ? none : f.dstAddr();
                    Object[] v = {f.startNanos() != 0 ? f.startNanos() : f.receivedNanos(), f.endNanos() == 0 ? null : f.endNanos(),
                        f.receivedNanos(), keyId, sourceId, ExportBits.transport(f), ExportBits.marks(f) & ~(3L << 61), f.bytes(),
                        f.packets(), f.samplingRate(), absent(f.inIf()), absent(f.outIf()), f.srcAs(), f.dstAs(),
                        f.nextHop() == null ? null : f.nextHop().hi() ^ Schema.SIGN_FLIP,
                        f.nextHop() == null ? null : f.nextHop().lo() ^ Schema.SIGN_FLIP,
                        f.mplsLabels().isEmpty() ? null : dev.netproof.store.internal.ListText.numbers(f.mplsLabels()),
                        ExportRowsAppender.extra(f.extra()), src.hi() ^ Schema.SIGN_FLIP, src.lo() ^ Schema.SIGN_FLIP,
                        dst.hi() ^ Schema.SIGN_FLIP, dst.lo() ^ Schema.SIGN_FLIP};
                    for (int i = 0; i < v.length; i++) rowIns.setObject(i + 1, v[i]);
                    rowIns.executeUpdate();
                }
            }
        }
        try (Store store = Store.open(dir)) {
            same(expected(flows, true), read(store), "migrated from 22 columns");
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%_v2'")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the old tables are gone");
            }
        }
        try (Store store = Store.open(dir)) {
            same(expected(flows, true), read(store), "opened again: nothing moved twice");
            // and the migrated store takes new rows beside the old, under the same keys where they are the same
            List<ExportedFlow> more = new ArrayList<>();
            for (int i = 0; i < 300; i++) more.add(random(rnd, 1000 + i));
            try (StoreWriter w = new StoreWriter(store, 128, 4)) {
                more.forEach(w::add);
                w.drain();
            }
            List<ExportedFlow> all = new ArrayList<>(flows);
            all.addAll(more);
            same(expected(all, true), read(store), "old and new rows");
        }
    }

    @Test
    void aStoreOfTheSeventeenColumnBuildsIsRefusedWithAClearMessage() throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE export_keys ADD COLUMN sampling_rate BIGINT");
            s.execute("DELETE FROM np_schema");
        }
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> Store.open(dir).close());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("development build"), e.getMessage());
    }

    /** export_rows and export_keys as the collector wrote them with 22 columns (the DDL of that release). */
    private static final String V2_EXPORT_ROWS = """
            CREATE TABLE export_rows (
              ts_ns BIGINT NOT NULL, end_ns BIGINT, received_ns BIGINT NOT NULL, key_id INTEGER NOT NULL,
              source_id INTEGER NOT NULL, transport BIGINT NOT NULL, marks BIGINT NOT NULL, bytes BIGINT NOT NULL,
              packets BIGINT NOT NULL, sampling_rate BIGINT NOT NULL, in_if BIGINT, out_if BIGINT, src_as BIGINT NOT NULL,
              dst_as BIGINT NOT NULL, next_hop_hi BIGINT, next_hop_lo BIGINT, mpls VARCHAR, extra VARCHAR,
              orig_ip_hi BIGINT NOT NULL, orig_ip_lo BIGINT NOT NULL, resp_ip_hi BIGINT NOT NULL, resp_ip_lo BIGINT NOT NULL)""",
            V2_EXPORT_KEYS = """
            CREATE TABLE export_keys (
              key_id INTEGER NOT NULL PRIMARY KEY, format_code UTINYINT NOT NULL, exporter_hi BIGINT NOT NULL,
              exporter_lo BIGINT NOT NULL, domain BIGINT NOT NULL)""";

    /** Equal lists; on a difference, the first differing row (a whole list would be too long to read). */
    private static void same(List<String> expected, List<String> actual, String what) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> unexpected = new ArrayList<>(actual);
        unexpected.removeAll(expected);
        assertEquals(missing, unexpected, what + ": rows expected and not read, against rows read and not expected");
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": row " + i);
        }
        assertEquals(expected.size(), actual.size(), what + ": rows");
    }

    /** A record with every field at random, absent or at its edges now and then. */
    static ExportedFlow random(Random rnd, int i) {
        ExportFormat format = ExportFormat.values()[rnd.nextInt(ExportFormat.values().length)];
        IpAddress exporter = rnd.nextInt(4) == 0 ? IpAddress.parse("2001:db8::" + (1 + rnd.nextInt(3)))
                : IpAddress.ofV4(0xc0000200 | rnd.nextInt(3));
        long received = 1_700_000_000_000_000_000L + i * 1_000_000L;
        long start = rnd.nextInt(5) == 0 ? 0 : received - rnd.nextInt(1_000_000_000);
        long end = rnd.nextInt(5) == 0 ? 0 : received - rnd.nextInt(1_000);
        List<Integer> mpls = rnd.nextInt(6) == 0 ? List.of(rnd.nextInt(1 << 20), rnd.nextInt(1 << 20)) : List.of();
        List<ExportedFlow.ExtraField> extra = rnd.nextInt(6) == 0
                ? List.of(new ExportedFlow.ExtraField(rnd.nextInt(3) * 29305L, rnd.nextInt(400), Integer.toHexString(rnd.nextInt())))
                : List.of();
        return new ExportedFlow(format, exporter, rnd.nextInt(3) == 0 ? 0xffff_ffffL : rnd.nextInt(300), received, start, end,
                address(rnd), address(rnd), edge(rnd, 0xffff, 0), edge(rnd, 0xffff, 0), edge(rnd, 255, -1),
                edge(rnd, 0xffff, 0), edge(rnd, 255, 0), rnd.nextLong(1L << 40), rnd.nextInt(1 << 20), rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(4096),
                edgeLong(rnd, 0xffff_ffffL), edgeLong(rnd, 0xffff_ffffL), edge(rnd, 4095, -1),
                rnd.nextInt(5) == 0 ? 2 + rnd.nextInt(200) : edge(rnd, 1, -1), edgeLong(rnd, 0xffff_ffffL) & 0xffff_ffffL,
                edgeLong(rnd, 0xffff_ffffL) & 0xffff_ffffL, rnd.nextInt(3) == 0 ? null : address(rnd),
                edge(rnd, 128, -1), edge(rnd, 255, -1), edge(rnd, 255, -1), edge(rnd, 255, -1), mpls, extra);
    }

    private static IpAddress address(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> null;
            case 1 -> IpAddress.ofV6(rnd.nextLong(), rnd.nextLong());
            case 2 -> IpAddress.ofV6(0, 0);
            default -> IpAddress.ofV4(rnd.nextInt());
        };
    }

    /** A value in [absent, max]: the bounds a third of the time. */
    private static int edge(Random rnd, int max, int absent) {
        return switch (rnd.nextInt(6)) {
            case 0 -> absent;
            case 1 -> max;
            default -> absent + rnd.nextInt(max - absent + 1);
        };
    }

    private static long edgeLong(Random rnd, long max) {
        return switch (rnd.nextInt(6)) {
            case 0 -> -1;
            case 1 -> max;
            default -> rnd.nextLong(max + 1);
        };
    }

    /** What the view must show for {@code flows}, a row per record, in the order {@link #read} sorts. */
    private static List<String> expected(List<ExportedFlow> flows, boolean withNewFields) {
        List<String> rows = new ArrayList<>();
        for (ExportedFlow f : flows) {
            List<Object> v = new ArrayList<>(Arrays.asList(f.startNanos() != 0 ? f.startNanos() : f.receivedNanos(),
                    f.endNanos() == 0 ? null : f.endNanos(), f.receivedNanos(), f.format().label(), f.exporter().toString(),
                    f.domain(), text(f.srcAddr()), text(f.dstAddr()), f.srcPort(), f.dstPort(), absent(f.ipProto()), f.tcpFlags(),
                    f.tos(), f.bytes(), f.packets(), f.samplingRate(), absent(f.inIf()), absent(f.outIf()), absent(f.vlan()),
                    f.direction() == 0 ? "ingress" : f.direction() == 1 ? "egress" : null, f.srcAs(), f.dstAs(),
                    text(f.nextHop()), absent(f.srcMask()), absent(f.dstMask()),
                    withNewFields ? absent(f.endReason()) : null, withNewFields ? absent(f.ipVersion()) : null,
                    f.mplsLabels().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")),
                    ExportRowsAppender.extra(f.extra()), "exporter:" + f.exporter()));
            rows.add(v.toString());
        }
        rows.sort(null);
        return rows;
    }

    private static Object absent(long v) {
        return v < 0 ? null : v;
    }

    private static String text(IpAddress a) {
        return a == null ? null : a.toString();
    }

    private static List<String> read(Store store) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = store.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM export_flows")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> v = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object o = rs.getObject(i);
                    v.add(o instanceof Number x ? (Object) x.longValue() : o);
                }
                rows.add(v.toString());
            }
        }
        assertFalse(rows.isEmpty());
        rows.sort(null);
        return rows;
    }

    /** export_flows as the collector wrote it before export_rows (the DDL of that release). */
    private static final String OLD_EXPORT_FLOWS = """
            CREATE TABLE export_flows (
              ts_ns BIGINT NOT NULL, end_ns BIGINT, received_ns BIGINT NOT NULL, format VARCHAR NOT NULL,
              exporter VARCHAR NOT NULL, domain BIGINT NOT NULL, src_addr VARCHAR, dst_addr VARCHAR,
              src_port INTEGER NOT NULL, dst_port INTEGER NOT NULL, proto INTEGER, tcp_flags INTEGER NOT NULL,
              tos INTEGER NOT NULL, bytes BIGINT NOT NULL, packets BIGINT NOT NULL, sampling_rate BIGINT NOT NULL,
              in_if BIGINT, out_if BIGINT, vlan INTEGER, direction VARCHAR, src_as BIGINT NOT NULL, dst_as BIGINT NOT NULL,
              next_hop VARCHAR, src_mask INTEGER, dst_mask INTEGER, mpls_labels BIGINT[] NOT NULL, extra VARCHAR,
              source VARCHAR NOT NULL, orig_ip_hi BIGINT NOT NULL, orig_ip_lo BIGINT NOT NULL,
              resp_ip_hi BIGINT NOT NULL, resp_ip_lo BIGINT NOT NULL)""";

    private static String oldRow(ExportedFlow f) {
        IpAddress none = IpAddress.ofV6(0, 0);
        IpAddress src = f.srcAddr() == null ? none : f.srcAddr(), dst = f.dstAddr() == null ? none : f.dstAddr();
        return String.join(", ", List.of(String.valueOf(f.startNanos() != 0 ? f.startNanos() : f.receivedNanos()),
                f.endNanos() == 0 ? "NULL" : String.valueOf(f.endNanos()), String.valueOf(f.receivedNanos()),
                quote(f.format().label()), quote(f.exporter().toString()), String.valueOf(f.domain()), quote(text(f.srcAddr())),
                quote(text(f.dstAddr())), String.valueOf(f.srcPort()), String.valueOf(f.dstPort()), nullable(f.ipProto()),
                String.valueOf(f.tcpFlags()), String.valueOf(f.tos()), String.valueOf(f.bytes()), String.valueOf(f.packets()),
                String.valueOf(f.samplingRate()), nullable(f.inIf()), nullable(f.outIf()), nullable(f.vlan()),
                quote(f.direction() == 0 ? "ingress" : f.direction() == 1 ? "egress" : null), String.valueOf(f.srcAs()),
                String.valueOf(f.dstAs()), quote(text(f.nextHop())), nullable(f.srcMask()), nullable(f.dstMask()),
                f.mplsLabels().toString() + "::BIGINT[]", quote(ExportRowsAppender.extra(f.extra())),
                quote("exporter:" + f.exporter()), String.valueOf(src.hi() ^ Schema.SIGN_FLIP),
                String.valueOf(src.lo() ^ Schema.SIGN_FLIP), String.valueOf(dst.hi() ^ Schema.SIGN_FLIP),
                String.valueOf(dst.lo() ^ Schema.SIGN_FLIP)));
    }

    private static String nullable(long v) {
        return v < 0 ? "NULL" : String.valueOf(v);
    }

    private static String quote(String s) {
        return s == null ? "NULL" : "'" + s.replace("'", "''") + "'";
    }
}
