package dev.netproof.store.talker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The host sums stay right while the table grows from its small start to its bound: every key's bytes, packets and
 * flows equal a map's, each key is in one slot, and the table is full at {@link HostTotals#MAX_HOSTS} keys, half its
 * largest size.
 */
class HostTotalsTest {
    record Key(int source, long hour, int side, long hi, long lo) {}

    @Test
    void sumsSurviveEveryDoublingUpToTheBound() {
        HostTotals t = new HostTotals();
        assertEquals(HostTotals.INITIAL_CAPACITY, t.capacity());
        Map<Key, long[]> expected = new HashMap<>();
        SplittableRandom r = new SplittableRandom(11);
        while (!t.full()) {
            // a few sources and hours, many addresses, and keys met again
            Key k = r.nextInt(4) == 0 && !expected.isEmpty() && expected.size() < 1000
                    ? expected.keySet().iterator().next()
                    : new Key(1 + r.nextInt(3), r.nextInt(4) * 3_600_000_000_000L, r.nextInt(3), r.nextLong(), r.nextLong());
            long b = r.nextInt(1, 10_000), p = r.nextInt(1, 10);
            t.add(k.source(), k.hour(), k.side(), k.hi(), k.lo(), b, p);
            long[] e = expected.computeIfAbsent(k, x -> new long[3]);
            e[0] += b;
            e[1] += p;
            e[2]++;
            assertTrue(t.size() <= t.capacity() / 2 + 1, "load " + t.size() + " of " + t.capacity());
        }
        assertEquals(HostTotals.MAX_HOSTS, t.size());
        assertEquals(HostTotals.MAX_HOSTS * 2, t.capacity(), "grown to its largest size, no further");
        assertEquals(expected.size(), t.size());
        int found = 0;
        for (int i = 0; i < t.capacity(); i++) {
            if (t.flows[i] == 0) continue;
            found++;
            long[] e = expected.get(new Key(t.source[i], t.hour[i], t.side[i], t.hi[i], t.lo[i]));
            assertEquals(List.of(e[0], e[1], e[2]), List.of(t.bytes[i], t.packets[i], t.flows[i]), "slot " + i);
        }
        assertEquals(expected.size(), found, "each key in one slot");
        t.clear();
        assertEquals(0, t.size());
        assertFalse(t.full());
    }
}
