package dev.netproof.store.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DnsRollupTest {
    static final long MIN = 60_000_000_000L;

    static DnsEvent event(long ts, String query, int rcode, DnsEvent.Status status, long rttNanos) {
        return new DnsEvent(ts, "C", IpAddress.parse("10.0.0.1"), 4000, IpAddress.parse("10.0.0.53"), 53, Transport.UDP, 1,
                rttNanos, query, 1, 1, rcode, false, false, true, true, List.of(), List.of(), status, 0, "s");
    }

    @Test
    void outcomesRcodesAndNamesPerMinute() {
        DnsRollup r = new DnsRollup(10);
        r.add(event(5 * MIN + 1, "a.example", 0, DnsEvent.Status.ANSWERED, 2_000_000));
        r.add(event(5 * MIN + 2, "A.example", 3, DnsEvent.Status.ANSWERED, 4_000_000));
        r.add(event(5 * MIN + 3, "b.example", -1, DnsEvent.Status.UNANSWERED, -1));
        r.add(event(6 * MIN, "b.example", 2, DnsEvent.Status.RESPONSE_ONLY, -1));
        List<DnsNameMinute> names = new ArrayList<>();
        List<DnsMinute> minutes = r.drain(names);
        minutes.sort((x, y) -> Long.compare(x.minuteNanos(), y.minuteNanos()));
        DnsMinute m5 = minutes.get(0);
        assertEquals(5 * MIN, m5.minuteNanos());
        assertEquals(3, m5.transactions());
        assertEquals(2, m5.answered());
        assertEquals(1, m5.unanswered());
        assertEquals(1, m5.noError());
        assertEquals(1, m5.nxDomain());
        assertEquals(2, LatencyHistogram.decode(m5.rtt()).getTotalCount());
        assertEquals(1, minutes.get(1).servFail());
        assertEquals(1, minutes.get(1).responseOnly());
        DnsNameMinute a = names.stream().filter(n -> "a.example".equals(n.query())).findFirst().orElseThrow();
        assertEquals(2, a.transactions(), "names compare without case");
        assertEquals(1, a.nxDomain());
        assertEquals(0, r.size(), "drained");
    }

    /** Past the budget, names go to one "other" row; the transactions of every minute still add up. */
    @Property(tries = 50)
    void totalsAddUpWhateverTheBudget(@ForAll @IntRange(min = 1, max = 50) int budget,
                                     @ForAll @IntRange(min = 1, max = 2000) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        DnsRollup r = new DnsRollup(budget);
        for (int i = 0; i < n; i++) {
            r.add(event(rnd.nextInt(3) * MIN, "n" + rnd.nextInt(200) + ".example", rnd.nextInt(4), DnsEvent.Status.ANSWERED, 1000));
        }
        List<DnsNameMinute> names = new ArrayList<>();
        List<DnsMinute> minutes = r.drain(names);
        assertEquals(n, minutes.stream().mapToLong(DnsMinute::transactions).sum());
        assertEquals(n, names.stream().mapToLong(DnsNameMinute::transactions).sum());
        for (DnsMinute m : minutes) {
            long named = names.stream().filter(x -> x.minuteNanos() == m.minuteNanos() && x.query() != null).count();
            assertTrue(named <= budget);
            assertEquals(m.nxDomain(), names.stream().filter(x -> x.minuteNanos() == m.minuteNanos())
                    .mapToLong(DnsNameMinute::nxDomain).sum());
        }
        long other = names.stream().filter(x -> x.query() == null).mapToLong(DnsNameMinute::transactions).sum();
        assertEquals(other, r.overBudget());
    }

    @Test
    void theOtherRowEstimatesHowManyNamesItHolds() {
        DnsRollup r = new DnsRollup(100);
        for (int i = 0; i < 20_000; i++) r.add(event(0, "host" + i + ".example", 0, DnsEvent.Status.ANSWERED, 1000));
        List<DnsNameMinute> names = new ArrayList<>();
        r.drain(names);
        DnsNameMinute other = names.stream().filter(x -> x.query() == null).findFirst().orElseThrow();
        assertNull(other.query());
        assertEquals(19_900, other.transactions());
        assertEquals(19_900, other.distinctNames(), 19_900 * 0.05, "HyperLogLog within 5%");
    }

    @Test
    void hyperLogLogIsCloseFromSmallToLarge() {
        for (int n : new int[] {1, 10, 1000, 100_000}) {
            HyperLogLog h = new HyperLogLog();
            for (int i = 0; i < n; i++) {
                h.add(HyperLogLog.hash("k" + i));
                h.add(HyperLogLog.hash("k" + i)); // repeats do not count
            }
            assertEquals(n, h.estimate(), Math.max(1, n * 0.05), "n = " + n);
        }
    }
}
