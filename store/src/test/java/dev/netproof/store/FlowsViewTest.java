package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer stores reads back through the {@code flows} view exactly as the Flow said. */
class FlowsViewTest {
    @TempDir Path dir;

    static Flow flow(int i, String orig, String resp, int ipProto, String state, CloseReason reason, int vlan, String source) {
        return new Flow(1_300_000_000_123_456_789L + i, FlowUid.of(1_300_000_000_123_456_789L + i, i * 7919), IpAddress.parse(orig), 1000 + i, IpAddress.parse(resp),
                53, Transport.ofIpProto(ipProto), ipProto, 1_500_000_000L, 10 + i, 20 + i, state, "ShADadFf^", 3, 400,
                4, 500, vlan, vlan > 0 ? 7 : -1, reason, source, null, null, null);
    }

    @Test
    void everyFieldRoundTripsThroughTheView() throws Exception {
        List<Flow> flows = new ArrayList<>();
        int i = 0;
        for (String state : Schema.CONN_STATES) {
            for (CloseReason r : CloseReason.values()) {
                flows.add(flow(i++, i % 2 == 0 ? "10.1.2.3" : "2001:db8::1", i % 3 == 0 ? "255.255.255.255" : "fe80::217:f2ff:fed7:cf65",
                        i % 4 == 0 ? 6 : i % 4 == 1 ? 17 : i % 4 == 2 ? 1 : 47, state, r, i % 5 == 0 ? -1 : i % 4094 + 1,
                        i % 2 == 0 ? "a,\"quoted\".pcap" : "b.pcap"));
            }
        }
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 7, 2)) {
                flows.forEach(w::add);
                w.drain();
            }
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + String.join(", ", Schema.FLOW_COLUMNS) + " FROM flows ORDER BY ts_ns")) {
                for (Flow f : flows) {
                    assertTrue(rs.next());
                    assertEquals(f.tsNanos(), rs.getLong("ts_ns"));
                    assertEquals(f.uid(), rs.getString("uid"));
                    assertEquals(f.origH().toString(), rs.getString("orig_h"));
                    assertEquals(f.respH().toString(), rs.getString("resp_h"));
                    assertEquals(f.origP(), rs.getInt("orig_p"));
                    assertEquals(f.proto().zeekName(), rs.getString("proto"));
                    assertEquals(f.ipProto(), rs.getInt("ip_proto"));
                    assertEquals(1.5, rs.getDouble("duration"));
                    assertEquals(f.connState(), rs.getString("conn_state"));
                    assertEquals(f.history(), rs.getString("history"));
                    assertEquals(f.closeReason().label(), rs.getString("close_reason"));
                    assertEquals(f.source(), rs.getString("source"));
                    // community_id is made on read from the tuple (DerivedColumns); app's DerivedColumnsTest checks it
                    assertTrue(rs.getString("community_id").startsWith("1:"));
                    assertEquals(f.vlan() < 0 ? null : f.vlan(), rs.getObject("vlan"));
                    assertEquals(f.origH().lo() ^ Schema.SIGN_FLIP, rs.getLong("orig_ip_lo"));
                }
                assertFalse(rs.next());
            }
        }
    }

    /**
     * The low address halves are stored in two 32-bit parts (Schema.FLOW_ROW_NUMBERS), and rows written before
     * that keep them whole: both read back as the sign-flipped 64-bit value and the same text, for any address,
     * including the extremes of each part, and the old layout's table takes the migration.
     */
    @Property(tries = 12) // each try makes a store: about a second
    void lowHalvesReadBackWhicheverWayTheRowStoresThem(@ForAll long hiA, @ForAll long loA, @ForAll long loB, @ForAll boolean v4) throws Exception {
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0000_ffff_0000_0000L, 0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L,
            0xffff_ffff_0000_0000L, 0x0000_0000_ffff_ffffL, 0x8000_0000_ffff_ffffL, 0x7fff_ffff_0000_0000L, loA, loB};
        List<Flow> flows = new ArrayList<>();
        int i = 0;
        for (long lo : edges) {
            IpAddress a = v4 ? IpAddress.ofV4((int) lo) : new IpAddress(hiA, lo);
            IpAddress b = new IpAddress(hiA ^ lo, ~lo);
            flows.add(new Flow(1_300_000_000_000_000_000L + i, FlowUid.of(1_300_000_000_000_000_000L + i, i), a, 1, b, 2,
                    Transport.UDP, 17, 0, 0, 0, "S0", "D", 1, 40, 0, 0, -1, -1, CloseReason.IDLE, "p", null, null, null));
            i++;
        }
        String oldLayout = Schema.CREATE_FLOW_ROWS.replace("orig_ip_lo BIGINT,", "orig_ip_lo BIGINT NOT NULL,")
                .replace("resp_ip_lo BIGINT,", "resp_ip_lo BIGINT NOT NULL,")
                .replaceAll(",\\s*orig_lo_a BIGINT,\\s*orig_lo_b BIGINT,\\s*resp_lo_a BIGINT,\\s*resp_lo_b BIGINT", "");
        assertFalse(oldLayout.contains("_lo_a"), oldLayout);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(oldLayout); // a store from before the split: its table, then this build's schema over it
            Schema.create(c);
            FlowRowsAppender.write(c, flows);
            // the first half of the rows as an older build wrote them: the low halves whole, no parts
            s.execute("UPDATE flow_rows SET orig_ip_lo = (orig_lo_a - 2147483648) * 4294967296 + orig_lo_b, "
                    + "resp_ip_lo = (resp_lo_a - 2147483648) * 4294967296 + resp_lo_b, orig_lo_a = NULL, orig_lo_b = NULL, "
                    + "resp_lo_a = NULL, resp_lo_b = NULL WHERE ts_ns < " + (1_300_000_000_000_000_000L + edges.length / 2));
            try (ResultSet rs = s.executeQuery("SELECT v.orig_h, v.resp_h, v.orig_ip_lo, v.resp_ip_lo, r.orig_lo_a IS NULL "
                    + "FROM flows v JOIN flow_rows r USING (ts_ns) ORDER BY ts_ns")) {
                for (int k = 0; k < flows.size(); k++) {
                    Flow f = flows.get(k);
                    assertTrue(rs.next());
                    assertEquals(f.origH().toString(), rs.getString(1));
                    assertEquals(f.respH().toString(), rs.getString(2));
                    assertEquals(f.origH().lo() ^ Schema.SIGN_FLIP, rs.getLong(3));
                    assertEquals(f.respH().lo() ^ Schema.SIGN_FLIP, rs.getLong(4));
                    assertEquals(k < edges.length / 2, rs.getBoolean(5));
                }
                assertFalse(rs.next());
            }
        }
    }

    @Property(tries = 200)
    void ipv4TextIsComputedExactly(@ForAll int v4) throws Exception {
        IpAddress a = IpAddress.ofV4(v4);
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            FlowRowsAppender.write(c, List.of(flow(0, a.toString(), "::1", 6, "SF", CloseReason.FIN, -1, "p")));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT orig_h FROM flows")) {
                assertTrue(rs.next());
                assertEquals(a.toString(), rs.getString(1));
            }
        }
    }

    @Property(tries = 300)
    void theViewMakesTheSameUidAsFlowUid(@ForAll @net.jqwik.api.constraints.LongRange(min = 0) long ts, @ForAll int key)
            throws Exception {
        try (Store store = Store.inMemory(); Connection c = store.connect();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT np_uid(?, ?)")) {
            ps.setLong(1, ts);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(FlowUid.of(ts, key), rs.getString(1));
            }
        }
    }

    @Test
    void aStoreWithTextUidsIsRefusedWithAMessage() throws Exception {
        Path old = dir.resolve("old");
        java.nio.file.Files.createDirectories(old);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + old.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE flow_rows (ts_ns BIGINT, uid VARCHAR)");
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(old));
        assertTrue(e.getMessage().contains("older netproof"), e.getMessage());
    }
}
