package dev.netproof.flow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A row's history string comes from a small cache of one-word histories: whatever the words and however they collide
 * in it, the string is the one {@link History#decode} makes, and a history seen just before is the same string.
 */
class RowBuilderHistoryTest {
    @Test
    void cachedHistoriesAreTheDecodedOnesWhateverCollides() {
        RowBuilder rows = new RowBuilder(new FlowColumns(16, TcpStore.BASE_WORDS), "test", 0);
        SplittableRandom r = new SplittableRandom(7);
        int alphabet = History.ALPHABET.length();
        for (int n = 0; n < 50_000; n++) {
            // a valid history: up to 20 letter codes, code 0 ending it
            int letters = r.nextInt(History.MAX_LETTERS + 1);
            long w0 = 0, w1 = 0;
            for (int i = 0; i < letters; i++) {
                long code = 1 + r.nextInt(alphabet);
                if (i < 10) w0 |= code << (6 * i);
                else w1 |= code << (6 * (i - 10));
            }
            String h = rows.history(w0, w1);
            assertEquals(History.decode(w0, w1), h, "history of " + w0 + ", " + w1);
            if (w1 == 0) assertSame(h, rows.history(w0, w1), "a one-word history seen just before comes from the cache");
        }
        assertEquals("", rows.history(0, 0));
    }
}
