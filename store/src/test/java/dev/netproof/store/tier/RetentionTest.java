package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.store.internal.TlsWriter;
import dev.netproof.store.internal.TlsWriterTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    static final long HOUR = 3_600_000_000_000L, DAY = 24 * HOUR;
    @TempDir Path dir;

    /** @param sealed whether the flows go to hot files (as an ingest's do) or stay in the tables */
    private List<Flow> fill(Store store, boolean sealed) throws Exception {
        Random rnd = new Random(7);
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) flows.add(TiersAddUpTest.flow(rnd, i, "a.pcap"));
        try (StoreWriter w = new StoreWriter(store, 1000, 4).tiers(TierSettings.defaults(dir)).sealHot(sealed)) {
            for (Flow f : flows) w.add(f);
        }
        return flows;
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void agesCountFromTheNewestDataNotTheClock(boolean sealed) throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            List<Flow> flows = fill(store, sealed);
            // the data is a week older than the clock, but three days cover all of it
            assertTrue(Retention.apply(c, dir, RetentionPolicy.parse("hot=3d,warm=3d,cold=3d", null, RetentionPolicy.DEFAULT)).isEmpty());
            assertEquals(flows.size(), one(s, "SELECT count(*) FROM all_flow_rows"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void expiredPartitionsGoWholeAndTheLedgerCountsThem(boolean sealed) throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            List<Flow> flows = fill(store, sealed);
            long newest = flows.stream().mapToLong(Flow::tsNanos).max().orElseThrow();
            long now = Math.floorDiv(newest, 1_000_000_000L) * 1_000_000_000L + 1_000_000_000L;
            long hotCut = Math.floorDiv(now - 6 * HOUR, HOUR) * HOUR;
            long warmCut = Math.floorDiv(now - DAY, DAY) * DAY;
            long expectFlows = flows.stream().filter(f -> f.tsNanos() < hotCut).count();
            int daysBefore = ColdFiles.days(dir).size();

            List<QualityRow> removed = Retention.apply(c, dir,
                    RetentionPolicy.parse("hot=6h,warm=1d,cold=2d", null, RetentionPolicy.DEFAULT));

            assertEquals(0, one(s, "SELECT count(*) FROM all_flow_rows WHERE ts_ns < " + hotCut));
            assertEquals(0, one(s, "SELECT count(*) FROM hot_files WHERE hour_ns < " + hotCut), "cut hours' files unlisted");
            if (sealed) {
                assertEquals(0, one(s, "SELECT count(*) FROM flow_rows"));
                try (var files = java.nio.file.Files.list(dir.resolve("hot/flow_rows"))) {
                    assertEquals(one(s, "SELECT count(*) FROM hot_files WHERE tbl = 'flow_rows'"), files.count(), "and deleted");
                }
            }
            assertEquals(flows.size() - expectFlows, one(s, "SELECT count(*) FROM all_flow_rows"));
            assertEquals(0, one(s, "SELECT count(*) FROM traffic_seconds WHERE second_ns < " + hotCut));
            assertEquals(expectFlows, one(s, "SELECT sum(value) FROM quality WHERE stage = 'retention' AND metric = 'hot.flow_rows_rows'"));
            assertEquals(expectFlows, removed.stream().filter(r -> r.metric().equals("hot.flow_rows_rows")).mapToLong(QualityRow::value).sum());
            assertEquals(0, one(s, "SELECT count(*) FROM traffic_minutes WHERE minute_ns < " + warmCut));
            long warmFlows = flows.stream().filter(f -> f.tsNanos() >= warmCut).count();
            assertEquals(warmFlows, one(s, "SELECT sum(flows) FROM traffic_minutes WHERE dim = 'total'"), "warm days kept whole");
            List<Path> days = ColdFiles.days(dir);
            assertEquals(4, daysBefore, "the data spans four UTC days");
            assertEquals(3, days.size(), "the day before the cut went whole");
            assertTrue(removed.stream().anyMatch(r -> r.metric().equals("cold.hour_rows") && r.value() > 0));
            // totals still add up in what is left: cold holds every flow of its days
            long coldFlows = one(s, "SELECT sum(flows) FROM read_parquet('" + ColdFiles.glob(dir) + "') WHERE dim = 'total'");
            long coldCut = Retention.dayStart(days.getFirst());
            assertEquals(flows.stream().filter(f -> f.tsNanos() >= coldCut).count(), coldFlows);

            List<TierSpan> cov = TierCoverage.read(c, dir);
            assertEquals(hotCut, cov.get(0).oldestNanos(), "hot now starts at its cut");
            assertEquals(now, cov.get(0).endNanos());
            assertEquals(coldCut, cov.get(2).oldestNanos());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sizeBoundsRemoveTheOldestFirst(boolean sealed) throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            List<Flow> flows = fill(store, sealed);
            long newest = flows.stream().mapToLong(Flow::tsNanos).max().orElseThrow();
            Retention.apply(c, dir, RetentionPolicy.parse(null, "hot=1B,cold=1B", RetentionPolicy.KEEP_ALL));
            assertEquals(Math.floorDiv(newest, HOUR) * HOUR, one(s, "SELECT min(ts_ns) // " + HOUR + " * " + HOUR + " FROM all_flow_rows"),
                    "only the newest hour stays hot");
            assertTrue(ColdFiles.days(dir).isEmpty(), "cold emptied");
            assertEquals(flows.size(), one(s, "SELECT sum(flows) FROM traffic_minutes WHERE dim = 'total'"), "warm has no size bound");
        }
    }

    @Test
    void policiesParseAndRejectNonsense() {
        RetentionPolicy p = RetentionPolicy.parse("hot=6h,warm=30d,cold=forever", "hot=20GB,cold=1.5TB", RetentionPolicy.DEFAULT);
        assertEquals(6, p.hot().toHours());
        assertEquals(30, p.warm().toDays());
        assertNull(p.cold());
        assertEquals(20_000_000_000L, p.hotMaxBytes());
        assertEquals(1_500_000_000_000L, p.coldMaxBytes());
        assertEquals(50_000_000_000L, RetentionPolicy.parse(null, "50GB", RetentionPolicy.DEFAULT).totalMaxBytes());
        for (String bad : new String[] {"hot=6x", "lukewarm=1d", "hot", "hot=-1h"}) {
            assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(bad, null, RetentionPolicy.DEFAULT), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(null, "warm=1GB", RetentionPolicy.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(null, "lots", RetentionPolicy.DEFAULT));
    }

    /**
     * TLS offers are shared by handshakes of any hour: an offer goes once no handshake names it and it is a day
     * old (a running writer may still name a younger one), and the handshakes kept still read theirs.
     */
    @Test
    void tlsOffersGoOnceUnnamedAndADayOld() throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            List<Flow> flows = fill(store, true);
            long newest = flows.stream().mapToLong(Flow::tsNanos).max().orElseThrow();
            long now = Math.floorDiv(newest, 1_000_000_000L) * 1_000_000_000L + 1_000_000_000L;
            long hotCut = Math.floorDiv(now - 6 * HOUR, HOUR) * HOUR;
            Random r = new Random(9);
            List<TlsEvent> offers = new ArrayList<>();
            while (offers.size() < 3) {
                TlsEvent o = TlsWriterTest.offer(r);
                if (o.ja3() != null && offers.stream().noneMatch(x -> x.ja3().equals(o.ja3()))) offers.add(o);
            }
            TlsEvent a = offers.get(0), b = offers.get(1), young = offers.get(2);
            List<TlsEvent> rows = List.of(TlsWriterTest.handshake(r, a, 0), TlsWriterTest.handshake(r, b, 1),
                    TlsWriterTest.handshake(r, b, 2), TlsWriterTest.handshake(r, young, 3));
            new TlsWriter().write(c, rows);
            // a's and young's only handshakes, and one of b's, fall before the cut; b keeps one after it
            s.execute("UPDATE tls_handshakes SET ts_ns = " + (hotCut - HOUR) + " WHERE uid <> '" + rows.get(2).uid() + "'");
            s.execute("UPDATE tls_handshakes SET ts_ns = " + (hotCut + HOUR) + " WHERE uid = '" + rows.get(2).uid() + "'");
            // a's and b's offers were written two days ago, young's just now
            long twoDaysAgo = (System.currentTimeMillis() - 2 * 86_400_000L) * 1_000_000L;
            s.execute("UPDATE tls_offers SET stored_ns = " + twoDaysAgo + " WHERE offer IN (SELECT offer FROM tls_handshakes "
                    + "WHERE uid IN ('" + rows.get(0).uid() + "', '" + rows.get(1).uid() + "'))");
            assertEquals(3, one(s, "SELECT count(*) FROM tls_offers"));

            Retention.apply(c, dir, RetentionPolicy.parse("hot=6h,warm=1d,cold=2d", null, RetentionPolicy.DEFAULT));

            assertEquals(1, one(s, "SELECT count(*) FROM tls_handshakes"));
            assertEquals(2, one(s, "SELECT count(*) FROM tls_offers"), "a's offer went; b's is named, young's too young");
            try (ResultSet rs = s.executeQuery("SELECT uid, ja3_string, ja4, client_ciphers FROM tls_events")) {
                assertTrue(rs.next());
                assertEquals(rows.get(2).uid(), rs.getString(1));
                assertEquals(b.ja3(), rs.getString(2));
                assertEquals(b.ja4(), rs.getString(3));
                assertEquals(b.clientCiphers(), java.util.Arrays.stream((Object[]) rs.getArray(4).getArray())
                        .map(String::valueOf).toList());
                assertFalse(rs.next());
            }
        }
    }
}
