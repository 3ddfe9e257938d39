package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeavyHittersTest {

    /** Named plus "other" is exactly what was added, for any budget and key stream. */
    @Property(tries = 100)
    void totalsAreExact(@ForAll @IntRange(min = 1, max = 40) int budget, @ForAll @IntRange(min = 0, max = 3000) int n,
                        @ForAll long seed) {
        Random rnd = new Random(seed);
        HeavyHitters h = new HeavyHitters(budget);
        long bytes = 0, packets = 0;
        for (int i = 0; i < n; i++) {
            long b = rnd.nextInt(5) == 0 ? rnd.nextInt(1_000_000) : rnd.nextInt(100);
            long p = 1 + rnd.nextInt(10);
            h.add("k" + rnd.nextInt(500), 1, b, p);
            bytes += b;
            packets += p;
        }
        List<RollupRow> rows = h.rows(0, "s", "d");
        assertEquals(n, rows.stream().mapToLong(RollupRow::flows).sum());
        assertEquals(bytes, rows.stream().mapToLong(RollupRow::bytes).sum());
        assertEquals(packets, rows.stream().mapToLong(RollupRow::packets).sum());
        assertTrue(rows.stream().filter(r -> r.key() != null).count() <= budget);
        assertTrue(rows.stream().filter(r -> r.key() == null).count() <= 1);
    }

    /** The same rows, in the same order, as the first implementation (objects in a HashMap), for any key stream. */
    @Property(tries = 200)
    void sameRowsAsTheReference(@ForAll @IntRange(min = 1, max = 300) int budget, @ForAll @IntRange(min = 0, max = 20_000) int n,
                                @ForAll @IntRange(min = 1, max = 5000) int distinct, @ForAll long seed) {
        Random rnd = new Random(seed);
        HeavyHitters h = new HeavyHitters(budget);
        ReferenceHeavyHitters ref = new ReferenceHeavyHitters(budget);
        for (int i = 0; i < n; i++) {
            // skewed keys, some sharing a String hash ("Aa" and "BB" do), byte counts with ties
            int k = (int) Math.min(distinct - 1, Math.abs(rnd.nextGaussian()) * distinct / 3);
            String key = (k % 7 == 0 ? "Aa" : "BB") + k;
            long b = rnd.nextInt(4) == 0 ? rnd.nextInt(100_000) : rnd.nextInt(3);
            long p = rnd.nextInt(5);
            h.add(key, 1, b, p);
            ref.add(key, 1, b, p);
        }
        assertEquals(ref.size(), h.size());
        List<RollupRow> expected = ref.rows(7, "s", "d"), actual = h.rows(7, "s", "d");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            RollupRow e = expected.get(i), a = actual.get(i);
            assertEquals(e.key(), a.key(), "row " + i);
            assertEquals(List.of(e.flows(), e.bytes(), e.packets(), e.keys(), e.bytesError()),
                    List.of(a.flows(), a.bytes(), a.packets(), a.keys(), a.bytesError()), "row " + i);
            assertArrayEquals(e.hll(), a.hll(), "row " + i);
        }
    }

    /** Space-Saving's guarantee: a key with more bytes than the smallest cell's weight is named, its bytes within its error. */
    @Property(tries = 50)
    void heavyKeysAreNamedWithinTheirError(@ForAll @IntRange(min = 5, max = 50) int budget, @ForAll long seed) {
        Random rnd = new Random(seed);
        HeavyHitters h = new HeavyHitters(budget);
        Map<String, Long> truth = new HashMap<>();
        long total = 0;
        for (int i = 0; i < 5000; i++) {
            String k = rnd.nextInt(10) < 3 ? "heavy" + rnd.nextInt(3) : "k" + rnd.nextInt(100_000);
            long b = 1 + rnd.nextInt(1500);
            h.add(k, 1, b, 1);
            truth.merge(k, b, Long::sum);
            total += b;
        }
        List<RollupRow> rows = h.rows(0, "s", "d");
        int heavy = 0;
        for (Map.Entry<String, Long> e : truth.entrySet()) {
            long t = e.getValue();
            if (t <= total / budget) continue;
            heavy++;
            RollupRow r = rows.stream().filter(x -> e.getKey().equals(x.key())).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getKey() + " not named"));
            assertTrue(r.bytes() <= t && t <= r.bytes() + r.bytesError(), e.getKey() + ": " + r + " true " + t);
            assertTrue(r.bytesError() <= total / budget, "error at most N/budget");
        }
        if (budget >= 20) assertEquals(3, heavy, "the three keys of 10% each are past N/budget");
    }

    @Test
    void theOtherRowCountsItsDistinctKeysWithinTheSketchBound() {
        HeavyHitters h = new HeavyHitters(100);
        for (int i = 0; i < 50_000; i++) h.add("10.0." + (i >> 8) + "." + (i & 255), 1, 100, 1);
        RollupRow other = h.rows(0, "s", "d").stream().filter(r -> r.key() == null).findFirst().orElseThrow();
        assertEquals(49_900, other.flows());
        DistinctKeys d = new DistinctKeys().add(other.hll());
        assertTrue(d.lower(3) <= 49_900 && 49_900 <= d.upper(3), d.lower(3) + ".." + d.upper(3));
        assertEquals(49_900, other.keys(), 49_900 * 0.05);
    }

    @Test
    void sketchesOfPartialRowsUnionToTheDistinctCountOfBoth() {
        HeavyHitters a = new HeavyHitters(1), b = new HeavyHitters(1);
        for (int i = 0; i < 3000; i++) a.add("a" + i, 1, 1, 1);
        for (int i = 0; i < 3000; i++) b.add((i < 1500 ? "a" : "b") + i, 1, 1, 1); // half the keys shared with a
        byte[] ha = a.rows(0, "s", "d").stream().filter(r -> r.key() == null).findFirst().orElseThrow().hll();
        byte[] hb = b.rows(0, "s", "d").stream().filter(r -> r.key() == null).findFirst().orElseThrow().hll();
        DistinctKeys u = DistinctKeys.of(List.of(ha, hb));
        assertEquals(4499, u.estimate(), 4499 * 0.05, "shared keys count once");
    }
}
