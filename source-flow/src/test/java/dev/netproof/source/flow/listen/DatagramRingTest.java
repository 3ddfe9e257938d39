package dev.netproof.source.flow.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DatagramRingTest {
    private static ByteBuffer payload(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    private record Got(byte[] bytes, long hi, long lo, int port, long ts) {}

    private static List<Got> drain(DatagramRing ring, int max) {
        List<Got> out = new ArrayList<>();
        ring.poll((data, offset, length, hi, lo, port, ts) ->
                out.add(new Got(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), hi, lo, port, ts)), max);
        return out;
    }

    @Test
    void datagramsComeOutAsTheyWentIn() {
        try (DatagramRing ring = new DatagramRing(128 * 1024)) {
            assertTrue(ring.offer(payload(100, 1), 1, 2, 2055, 42));
            assertTrue(ring.offer(payload(0, 2), 3, 4, 4739, 43));
            List<Got> got = drain(ring, 10);
            assertEquals(2, got.size());
            assertArrayEquals(payload(100, 1).array(), got.get(0).bytes());
            assertEquals(new Got(got.get(0).bytes(), 1, 2, 2055, 42), got.get(0));
            assertEquals(0, got.get(1).bytes().length);
            assertEquals(4739, got.get(1).port());
            assertTrue(ring.isEmpty());
        }
    }

    @Test
    void aFullRingRefusesInsteadOfGrowing() {
        try (DatagramRing ring = new DatagramRing(128 * 1024)) {
            int accepted = 0;
            while (ring.offer(payload(1400, accepted), 0, 0, 1, accepted)) accepted++;
            assertEquals(128 * 1024 / (1400 + DatagramRing.HEADER + 0), accepted, 1.0);
            assertFalse(ring.offer(payload(1400, 0), 0, 0, 1, 0));
            assertEquals(1, drain(ring, 1).size());
            assertTrue(ring.offer(payload(1400, 0), 0, 0, 1, 0), "room again once one was read");
            assertEquals(accepted, drain(ring, Integer.MAX_VALUE).size());
        }
    }

    @Test
    void theLargestDatagramFitsAcrossTheWrap() {
        try (DatagramRing ring = new DatagramRing(128 * 1024)) {
            for (int round = 0; round < 20; round++) {
                assertTrue(ring.offer(payload(65_507, round), 0, 0, round, round), "round " + round);
                assertTrue(ring.offer(payload(3_000, round), 0, 0, round, round));
                List<Got> got = drain(ring, 10);
                assertEquals(2, got.size());
                assertArrayEquals(payload(65_507, round).array(), got.get(0).bytes());
            }
        }
    }

    /** A producer and a consumer thread: every accepted datagram arrives once, in order, intact. */
    @Property(tries = 20)
    void concurrentProducerAndConsumerLoseNothingAccepted(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        int n = 5_000;
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) lengths[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(9000) : rnd.nextInt(1500);
        try (DatagramRing ring = new DatagramRing(256 * 1024)) {
            List<Integer> accepted = new ArrayList<>();
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < n; i++) {
                    if (ring.offer(payload(lengths[i], i), i, -i, i & 0xffff, i)) {
                        synchronized (accepted) {
                            accepted.add(i);
                        }
                    }
                }
            });
            List<Got> got = new ArrayList<>();
            while (producer.isAlive() || !ring.isEmpty()) got.addAll(drain(ring, 64));
            producer.join();
            got.addAll(drain(ring, Integer.MAX_VALUE));
            assertEquals(accepted.size(), got.size());
            for (int k = 0; k < got.size(); k++) {
                int i = accepted.get(k);
                Got g = got.get(k);
                assertEquals(i, g.ts());
                assertEquals(-i, g.lo());
                assertArrayEquals(payload(lengths[i], i).array(), g.bytes(), "datagram " + i);
            }
        }
    }
}
