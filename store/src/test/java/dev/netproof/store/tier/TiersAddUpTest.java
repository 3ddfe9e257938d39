package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random flows, starting anywhere in two and a half days (so windows cross minute, hour and day boundaries),
 * arriving in random order, with far more keys than the budgets: every tier's sums per window equal the
 * stored flows', for flows, bytes and packets; and every "other" row's distinct count is within its sketch's
 * bound of the truth.
 */
class TiersAddUpTest {
    static final long MIN = 60_000_000_000L, HOUR = 60 * MIN, DAY = 24 * HOUR;
    /** 2026-11-18 17:00 UTC: the flows start in four UTC days. */
    static final long T0 = 1_795_000_000_000_000_000L / DAY * DAY + 17 * HOUR;

    static Flow flow(Random rnd, int i, String source) {
        long ts = T0 + (long) (rnd.nextDouble() * 2.5 * DAY);
        int orig = rnd.nextInt(3000), resp = rnd.nextInt(rnd.nextBoolean() ? 5 : 4000);
        int proto = rnd.nextInt(3) == 0 ? 17 : 6;
        return new Flow(ts, dev.netproof.core.model.FlowUid.of(ts, i), IpAddress.parse("10.1." + (orig >> 8) + "." + (orig & 255)), 1024 + rnd.nextInt(60000),
                IpAddress.parse("192.168." + (resp >> 8) + "." + (resp & 255)), rnd.nextInt(4) * 1000 + 53,
                Transport.ofIpProto(proto), proto, 1_000_000L, 10, 20, "SF", "Dd", 1 + rnd.nextInt(5),
                rnd.nextInt(rnd.nextInt(10) == 0 ? 10_000_000 : 2000), rnd.nextInt(4), rnd.nextInt(3000), -1, -1,
                CloseReason.FIN, source, null, null, null);
    }

    @Property(tries = 8)
    void everyTierSumsToTheFlowsOfEachWindow(@ForAll @IntRange(min = 1, max = 12000) int n,
                                              @ForAll @IntRange(min = 1, max = 50) int budget, @ForAll long seed)
            throws Exception {
        Random rnd = new Random(seed);
        Path dir = Files.createTempDirectory("tiers");
        List<Dimension> dims = Dimension.parseList("src=id.orig_h:" + budget + ",service=id.resp_h+id.resp_p:" + budget
                + ",proto=proto:2");
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) flows.add(flow(rnd, i, i % 3 == 0 ? "b.pcap" : "a.pcap"));
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 1 + rnd.nextInt(3000), 4).tiers(new TierSettings(dims, dir))) {
                for (Flow f : flows) w.add(f);
            }
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                Map<String, long[]> hot = sums(s, "SELECT ts_ns // 1000000000 * 1000000000, source, 1, "
                        + "orig_ip_bytes + resp_ip_bytes, orig_pkts + resp_pkts FROM flows");
                assertEquals(flows.size(), hot.values().stream().mapToLong(v -> v[0]).sum());
                assertEquals(hot, sums(s, "SELECT second_ns, source, flows, bytes, packets FROM traffic_seconds"),
                        "1-s series per second and source");
                Map<String, long[]> hotMinutes = coarser(hot, MIN), hotHours = coarser(hot, HOUR);
                String glob = ColdFiles.glob(dir);
                for (String dim : List.of("total", "src", "service", "proto")) {
                    assertEquals(hotMinutes, sums(s, "SELECT minute_ns, source, flows, bytes, packets FROM traffic_minutes "
                            + "WHERE dim = '" + dim + "'"), "minutes of " + dim);
                    assertEquals(hotHours, sums(s, "SELECT hour_ns, source, flows, bytes, packets FROM read_parquet('"
                            + glob + "', hive_partitioning = true) WHERE dim = '" + dim + "'"), "hours of " + dim);
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + glob + "', hive_partitioning = true) "
                        + "WHERE day <> strftime(make_timestamp(hour_ns // 1000), '%Y-%m-%d')")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "every hour row lies in its day's directory");
                }
                try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(value), 0) FROM quality WHERE stage = 'rollup' "
                        + "AND metric LIKE 'traffic.%.other_flows'")) {
                    rs.next();
                    long ledger = rs.getLong(1);
                    try (ResultSet o = c.createStatement().executeQuery(
                            "SELECT coalesce(sum(flows), 0) FROM traffic_minutes WHERE key IS NULL")) {
                        o.next();
                        assertEquals(o.getLong(1), ledger, "the ledger counts the flows of every 'other' row");
                    }
                }
                checkDistinct(s, flows, dims.get(0));
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Per minute of dimension {@code d}: the named keys plus the union of the "other" sketches covers the true
     * distinct keys (a key may be named in one flush and lumped in another, so named + other can exceed it).
     */
    private static void checkDistinct(Statement s, List<Flow> flows, Dimension d) throws Exception {
        Map<String, Set<String>> truth = new HashMap<>();
        for (Flow f : flows) truth.computeIfAbsent(Math.floorDiv(f.tsNanos(), MIN) * MIN + " " + f.source(), k -> new HashSet<>()).add(d.key(f));
        Map<String, Set<String>> named = new HashMap<>();
        Map<String, DistinctKeys> other = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT minute_ns, source, key, hll FROM traffic_minutes WHERE dim = '" + d.name() + "'")) {
            while (rs.next()) {
                String w = rs.getLong(1) + " " + rs.getString(2);
                if (rs.getString(3) != null) named.computeIfAbsent(w, k -> new HashSet<>()).add(rs.getString(3));
                else other.computeIfAbsent(w, k -> new DistinctKeys()).add(rs.getBytes(4));
            }
        }
        for (Map.Entry<String, Set<String>> e : truth.entrySet()) {
            Set<String> nm = named.getOrDefault(e.getKey(), Set.of());
            assertTrue(e.getValue().containsAll(nm), "named keys are real keys");
            DistinctKeys o = other.get(e.getKey());
            long rest = e.getValue().size() - nm.size(); // keys seen only in "other"
            if (o == null) {
                assertEquals(0, rest, "no other row: every key is named");
            } else {
                assertTrue(o.upper(3) >= rest, "other's upper bound covers the keys only it holds: " + o.upper(3) + " < " + rest);
                assertTrue(o.lower(3) <= e.getValue().size(), "other's lower bound within the window's keys");
            }
        }
    }

    /** (window start, source) -> {flows, bytes, packets}, summed over the rows of a 5-column query. */
    private static Map<String, long[]> sums(Statement s, String sql) throws Exception {
        Map<String, long[]> out = new TreeMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long[] v = out.computeIfAbsent(rs.getLong(1) + " " + rs.getString(2), k -> new long[3]);
                for (int i = 0; i < 3; i++) v[i] += rs.getLong(3 + i);
            }
        }
        return new Wrapped(out);
    }

    private static Map<String, long[]> coarser(Map<String, long[]> perSecond, long width) {
        Map<String, long[]> out = new TreeMap<>();
        perSecond.forEach((k, v) -> {
            String[] p = k.split(" ", 2);
            long w = Math.floorDiv(Long.parseLong(p[0]), width) * width;
            long[] o = out.computeIfAbsent(w + " " + p[1], x -> new long[3]);
            for (int i = 0; i < 3; i++) o[i] += v[i];
        });
        return new Wrapped(out);
    }

    /** A map whose long[] values compare by content, so assertEquals shows which window differs. */
    private static final class Wrapped extends TreeMap<String, long[]> {
        Wrapped(Map<String, long[]> m) {
            super(m);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Map<?, ?> m) || m.size() != size()) return false;
            for (Map.Entry<String, long[]> e : entrySet()) {
                if (!(m.get(e.getKey()) instanceof long[] v) || !java.util.Arrays.equals(v, e.getValue())) return false;
            }
            return true;
        }

        @Override
        public int hashCode() {
            return size();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("{");
            forEach((k, v) -> b.append(k).append('=').append(java.util.Arrays.toString(v)).append(", "));
            return b.append('}').toString();
        }
    }
}
