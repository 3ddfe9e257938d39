package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The flow batch order (IPv4 first, then by start, stable) is the comparator's, packed keys or not. */
class StartOrderTest {
    private record R(long ts, boolean v6, int n) {}

    @Property(tries = 300)
    void sameOrderAsTheComparator(@ForAll @IntRange(min = 0, max = 5000) int n, @ForAll @IntRange(min = 0, max = 3) int spread,
                                  @ForAll long seed) {
        Random rnd = new Random(seed);
        long base = rnd.nextLong();
        List<R> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = switch (spread) {
                case 0 -> 1_700_000_000_000_000_000L + rnd.nextInt(4); // many ties: stability shows
                case 1 -> 1_700_000_000_000_000_000L + rnd.nextLong(600_000_000_000L); // ten minutes
                case 2 -> rnd.nextLong(); // any span: the comparator path
                default -> base + rnd.nextInt(1000); // near the ends of the long range
            };
            rows.add(new R(ts, rnd.nextInt(8) == 0, i));
        }
        List<R> expected = new ArrayList<>(rows);
        expected.sort(Comparator.<R>comparingInt(r -> r.v6() ? 1 : 0).thenComparingLong(R::ts));
        assertEquals(expected, FlowRowsAppender.sortByStart(rows, R::ts, R::v6));
    }
}
