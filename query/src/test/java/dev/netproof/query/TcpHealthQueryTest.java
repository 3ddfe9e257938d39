package dev.netproof.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpHealth;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.store.rollup.LatencyHistogram;
import dev.netproof.store.rollup.ServiceMinute;
import dev.netproof.store.rollup.TcpServiceRollup;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP service rollup as the store writer fills it, and the queries that read it back. */
class TcpHealthQueryTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_699_999_200_000_000_000L; // an hour boundary

    static Flow tcpFlow(long tsNanos, String server, int port, long hsRttUs, long rttMeanUs, long rttCount, long payload,
                        long rexmitBytes, long zeroWindows) {
        TcpDirection.Rtt rtt = rttCount == 0 ? TcpDirection.Rtt.NONE : new TcpDirection.Rtt(rttCount, rttMeanUs, rttMeanUs, rttMeanUs, 0);
        TcpDirection orig = new TcpDirection(1460, 7, true, false, rexmitBytes > 0 ? 1 : 0, 0, 0, 0, 0, 0, zeroWindows, 0, 0, 0, 0,
                payload, payload - rexmitBytes, rexmitBytes, 1000, rtt);
        TcpDirection resp = new TcpDirection(1460, 7, true, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000,
                TcpDirection.Rtt.NONE);
        double rate = payload == 0 ? 0 : (double) rexmitBytes / payload;
        TcpHealth h = new TcpHealth(hsRttUs, 10, hsRttUs < 0 ? -1 : hsRttUs + 10, -1, 1, orig, resp, rate, TcpHealth.Health.of(rate));
        Flow base = StoreFixture.FLOWS.getFirst();
        return TcpHealthRoundTripTest.withHealth(new Flow(tsNanos, dev.netproof.core.model.FlowUid.of(tsNanos, port), IpAddress.parse("10.0.0.1"), 40000,
                IpAddress.parse(server), port, base.proto(), 6, 1000, payload, 0, "SF", "ShAD", 3, 300, 2, 200, -1, -1,
                base.closeReason(), "test.pcap", null, null, null), h);
    }

    @Test
    void rollupCountsPerServiceAndMinuteAndKeepsOtherWithinItsBudget() {
        TcpServiceRollup r = new TcpServiceRollup(2);
        r.add(tcpFlow(T0, "192.0.2.1", 443, 1000, 2000, 3, 1000, 0, 0));
        r.add(tcpFlow(T0 + 5_000_000_000L, "192.0.2.1", 443, 3000, 4000, 1, 1000, 100, 2));
        r.add(tcpFlow(T0 + 6_000_000_000L, "192.0.2.2", 80, 500, 0, 0, 0, 0, 0));
        r.add(tcpFlow(T0 + 7_000_000_000L, "192.0.2.3", 22, 500, 0, 0, 0, 0, 0)); // third service: over budget
        r.add(tcpFlow(T0 + 61_000_000_000L, "192.0.2.3", 22, 500, 0, 0, 0, 0, 0)); // next minute: own budget
        assertEquals(1, r.overBudget());
        List<ServiceMinute> rows = r.drain();
        assertEquals(4, rows.size());
        ServiceMinute web = rows.getFirst();
        assertEquals(T0, web.minuteNanos());
        assertEquals(2, web.connections());
        assertEquals(1, web.healthy());
        assertEquals(1, web.severe()); // 10% retransmitted
        assertEquals(2, web.zeroWindows());
        assertEquals(4, web.rttSamples());
        Histogram rtt = LatencyHistogram.decode(web.rtt());
        assertEquals(4, rtt.getTotalCount(), "weighted by samples");
        assertEquals(2000, rtt.getValueAtPercentile(50), 2000 * 0.01);
        ServiceMinute other = rows.get(2);
        assertNull(other.respH());
        assertEquals(-1, other.respP());
        assertEquals(1, other.connections());
        assertEquals(0, r.size());
    }

    @Test
    void minutesMergeIntoHoursAsOneSketchWould() throws Exception {
        Random rnd = new Random(5);
        List<Flow> flows = new ArrayList<>();
        Histogram all = LatencyHistogram.create();
        for (int i = 0; i < 600; i++) {
            long hs = 100 + rnd.nextInt(200_000);
            flows.add(tcpFlow(T0 + i * 6_000_000_000L, "192.0.2.9", 443, hs, 0, 0, 1000, 0, 0)); // 60 minutes
            LatencyHistogram.record(all, hs, 1);
        }
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 64, 4)) {
                for (Flow f : flows) w.add(f);
            }
            try (Connection c = store.connect()) {
                Answer<Map<String, Object>> minutes = TcpHealthQuery.all().series(c);
                assertEquals(60, minutes.rows().size());
                Answer<Map<String, Object>> hour = TcpHealthQuery.all().withStep(3600).series(c);
                assertEquals(1, hour.rows().size());
                Map<String, Object> h = hour.rows().getFirst();
                assertEquals(600L, h.get("connections"));
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) h.get("handshake_rtt_us");
                assertEquals(all.getValueAtPercentile(50), p.get("p50"));
                assertEquals(all.getValueAtPercentile(90), p.get("p90"));
                assertEquals(all.getValueAtPercentile(99), p.get("p99"));
                Map<String, Object> svc = TcpHealthQuery.all().withService("192.0.2.9:443").services(c).rows().getFirst();
                assertEquals(600L, svc.get("connections"));
                assertTrue(TcpHealthQuery.all().withService("192.0.2.9:80").services(c).rows().isEmpty());
                assertFalse(svc.containsKey("rtt_us"), "no RTT samples: no percentiles");
            }
        }
    }

    @Test
    void flowsBeyondTheBudgetAreCountedInTheLedger() throws Exception {
        int extra = 3;
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 1024, 4)) {
                for (int i = 0; i < TcpServiceRollup.DEFAULT_BUDGET + extra; i++) {
                    w.add(tcpFlow(T0 + i, "192.0.2.7", 1 + i, 500, 0, 0, 10, 0, 0)); // one service a flow
                }
            }
            try (Connection c = store.connect()) {
                long other = QualityQuery.totals(c, TimeRange.ALL, List.of()).rows().stream()
                        .filter(t -> t.stage().equals("rollup") && t.metric().equals("tcp_services.other_flows"))
                        .mapToLong(QualityTotal::value).sum();
                assertEquals(extra, other);
                Map<String, Object> otherRow = TcpHealthQuery.all().withLimit(TcpHealthQuery.MAX_LIMIT).services(c).rows()
                        .stream().filter(r -> r.get("id.resp_h") == null).findFirst().orElseThrow();
                assertEquals((long) extra, otherRow.get("connections"));
            }
        }
    }

    @Test
    void badQueriesAreClearErrors() {
        assertThrows(QueryException.class, () -> TcpHealthQuery.all().withStep(90));
        assertThrows(QueryException.class, () -> TcpHealthQuery.all().withService("192.0.2.1:99999"));
        assertThrows(QueryException.class, () -> TcpHealthQuery.all().withService("not-an-address"));
        assertEquals("2001:db8::1", TcpHealthQuery.all().withService("[2001:db8::1]:443").service());
        assertEquals(443, TcpHealthQuery.all().withService("[2001:db8::1]:443").port());
        assertEquals(-1, TcpHealthQuery.all().withService("2001:db8::1").port());
        assertThrows(IllegalArgumentException.class, () -> LatencyHistogram.decode(new byte[] {1, 2, 3}));
    }
}
