package dev.netproof.source.pcap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.source.pcap.ReadMetric;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PageWarmerTest {
    private static ReadContext reader(MemorySegment data) {
        return new ReadContext(data, "test", new StageCounters("test", "read", ReadMetric.class, QualitySink.DISCARD),
                (d, o, c, w, t, l, f) -> {});
    }

    /** Waits until {@code w} has touched up to {@code at} or stopped moving. */
    private static long settle(PageWarmer w) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 500; i++) {
            long now = w.warmedTo();
            if (now == last && now > 0) return now;
            last = now;
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return w.warmedTo();
    }

    @Test
    void staysAWindowAheadOfTheReaderAndFinishesWhenItMoves() throws InterruptedException {
        long size = PageWarmer.WINDOW * 3;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = arena.allocate(size);
            ReadContext r = reader(data);
            PageWarmer w = PageWarmer.start(data, r);
            try {
                long first = settle(w);
                assertTrue(first >= PageWarmer.WINDOW && first <= PageWarmer.WINDOW + (1 << 20),
                        "waits a window ahead of a reader at 0: " + first);
                r.position = size - 10;
                w.close(); // stops promptly whether or not it got to the end
                assertFalse(w.running());
            } finally {
                w.close();
            }
        }
    }

    @Test
    void startsWhereTheReaderIsAndGoesToTheEnd() throws InterruptedException {
        long size = PageWarmer.WINDOW * 4;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = arena.allocate(size);
            ReadContext r = reader(data);
            r.position = PageWarmer.WINDOW * 3 + 5; // a block skipped in one step
            try (PageWarmer w = PageWarmer.start(data, r)) {
                assertEquals(size, settle(w), "warms from the reader to the end");
                assertFalse(w.running() && w.warmedTo() < size);
            }
        }
    }
}
