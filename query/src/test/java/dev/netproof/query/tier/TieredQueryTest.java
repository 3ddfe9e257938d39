package dev.netproof.query.tier;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.query.Metric;
import dev.netproof.query.QueryException;
import dev.netproof.query.TimeRange;
import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.filter.Filter;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.store.tier.Retention;
import dev.netproof.store.tier.RetentionPolicy;
import dev.netproof.store.tier.TierSettings;
import dev.netproof.store.tier.TierSpan;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three days of flows (one store for all tests: they only read), hot cut to the last 6 hours and warm to the last day: each answer's parts and sums. */
class TieredQueryTest {
    static final long S = 1_000_000_000L, MIN = 60 * S, HOUR = 60 * MIN, DAY = 24 * HOUR;
    static final long T0 = 1_795_000_000L / 86400 * 86400 * S + 5 * HOUR; // 2026-11-18T05:00Z
    @TempDir static Path dir;
    static final List<Flow> flows = new ArrayList<>();
    static long end;

    static Flow flow(long ts, int i, String resp, long bytes) {
        return new Flow(ts, dev.netproof.core.model.FlowUid.of(ts, i), IpAddress.parse("10.0.0." + (i % 200)), 40000, IpAddress.parse(resp), 443,
                Transport.TCP, 6, 1000, 0, 0, "SF", "Dd", 2, bytes, 3, 100, -1, -1, CloseReason.FIN, "t.pcap",
                null, null, null);
    }

    @BeforeAll
    static void fill() throws Exception {
        Random rnd = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            String resp = rnd.nextInt(4) == 0 ? "192.0.2.1" : "198.51.100." + rnd.nextInt(50);
            flows.add(flow(T0 + (long) (rnd.nextDouble() * 3 * DAY), i, resp, rnd.nextInt(5000)));
        }
        end = flows.stream().mapToLong(Flow::tsNanos).max().orElseThrow() / S * S + S;
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 4096, 4).tiers(TierSettings.defaults(dir))) {
                flows.forEach(w::add);
            }
            try (Connection c = store.connect()) {
                Retention.apply(c, dir, RetentionPolicy.parse("hot=6h,warm=1d", null, RetentionPolicy.KEEP_ALL));
            }
        }
    }

    private long hotCut() {
        return (end - 6 * HOUR) / HOUR * HOUR;
    }

    private long warmCut() {
        return (end - DAY) / DAY * DAY;
    }

    @Test
    void theFinestTierAnswersEachPartAndTheSeriesAddsUp() throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            SeriesQuery q = new SeriesQuery(Metric.BYTES, HOUR, TimeRange.ALL, null, 10);
            TieredAnswer a = q.run(c, dir);
            assertEquals(List.of("cold", "warm", "hot"), a.parts().stream().map(TierPart::tier).toList());
            assertEquals(warmCut(), a.parts().get(1).fromNanos());
            assertEquals(hotCut(), a.parts().get(2).fromNanos());
            long total = flows.stream().mapToLong(f -> f.origIpBytes() + f.respIpBytes()).sum();
            assertEquals(total, a.rows().stream().mapToLong(r -> (Long) r.get("bytes")).sum(), "all three tiers add up");
            // every hour from the tier the plan named
            for (Map<String, Object> r : a.rows()) {
                long t = (Long) r.get("t") * S;
                String want = t >= hotCut() ? "hot" : t >= warmCut() ? "warm" : "cold";
                assertEquals(want, r.get("tier"), "hour " + t);
            }
            assertTrue(a.note().contains("cold"), a.note());
        }
    }

    @Test
    void aStepFinerThanWhatRemainsIsSaidNotGuessed() throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            TimeRange r = new TimeRange(hotCut() - 2 * HOUR, hotCut() + HOUR);
            TieredAnswer a = new SeriesQuery(Metric.FLOWS, S, r, null, 10).run(c, dir);
            assertEquals(List.of("none", "hot"), a.parts().stream().map(TierPart::tier).toList(), "warm has no seconds");
            assertTrue(a.note().contains("'none'"), a.note());
            TieredAnswer m = new SeriesQuery(Metric.FLOWS, MIN, r, null, 10).run(c, dir);
            assertEquals(List.of("warm", "hot"), m.parts().stream().map(TierPart::tier).toList());
            long want = flows.stream().filter(f -> f.tsNanos() >= r.fromNanos() && f.tsNanos() < r.toNanos()).count();
            assertEquals(want, m.rows().stream().mapToLong(x -> (Long) x.get("flows")).sum());
        }
    }

    @Test
    void aSeriesByDimensionKeepsTheLargestKeysAndOther() throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            TieredAnswer a = new SeriesQuery(Metric.FLOWS, DAY, TimeRange.ALL, "dst", 1).run(c, dir);
            long total = a.rows().stream().mapToLong(x -> (Long) x.get("flows")).sum();
            assertEquals(flows.size(), total);
            assertTrue(a.rows().stream().anyMatch(x -> "192.0.2.1".equals(x.get("dst"))), "the heavy destination is named");
            assertThrows(QueryException.class, () -> new SeriesQuery(Metric.FLOWS, DAY, TimeRange.ALL, "nope", 1).run(c, dir));
        }
    }

    @Test
    void topOverAllTiersSumsTheDimensionAndRefusesWhatOnlyFlowsKnow() throws Exception {
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            List<TierPart> parts = TieredTop.plan(c, dir, TimeRange.ALL);
            assertFalse(TieredTop.hotOnly(parts));
            var by = List.of(FieldRegistry.standard().find("id.resp_h").orElseThrow());
            TieredAnswer a = TieredTop.run(c, dir, by, Metric.BYTES, 3, Filter.ALL, parts);
            Map<String, Long> truth = new HashMap<>();
            for (Flow f : flows) truth.merge(f.respH().toString(), f.origIpBytes() + f.respIpBytes(), Long::sum);
            assertEquals("192.0.2.1", a.rows().get(0).get("id.resp_h"));
            assertEquals(truth.get("192.0.2.1"), a.rows().get(0).get("bytes"), "51 keys fit the budget: exact");
            var port = List.of(FieldRegistry.standard().find("id.orig_p").orElseThrow());
            QueryException e = assertThrows(QueryException.class, () -> TieredTop.run(c, dir, port, Metric.BYTES, 3, Filter.ALL, parts));
            assertTrue(e.getMessage().contains("not a rollup dimension"), e.getMessage());
            assertTrue(TieredTop.hotOnly(TieredTop.plan(c, dir, new TimeRange(hotCut(), end))));
        }
    }

    @Test
    void aFreshStoreIsAllHot() {
        TierSpan hot = new TierSpan(TierSpan.Tier.HOT, T0 + 37 * S, T0 + HOUR, S);
        TierSpan warm = new TierSpan(TierSpan.Tier.WARM, T0, T0 + HOUR, MIN);
        TierSpan cold = new TierSpan(TierSpan.Tier.COLD, T0, T0 + HOUR, HOUR);
        assertEquals(List.of(new TierPart("hot", T0 - DAY, T0 + HOUR)),
                TierPlan.plan(List.of(hot, warm, cold), new TimeRange(T0 - DAY, T0 + HOUR), 0));
    }
}
