package dev.netproof.source.pcap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever the bytes, {@code read} returns (never throws, never hangs), delivers only packets that lie
 * inside the file with capLen at most 262144, and its result agrees with what it delivered.
 */
class ReaderPropertiesTest {
    /** Headers that get random bytes past the magic checks. */
    private static final List<byte[]> PREFIXES = List.of(
            new byte[0],
            ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).array(),
            ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN).putInt(0xa1b23c4d).array(),
            ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0A0D0D0A).putInt(28)
                    .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28).array(),
            ByteBuffer.allocate(28).order(ByteOrder.BIG_ENDIAN).putInt(0x0A0D0D0A).putInt(28)
                    .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28).array());

    /** Reads with every invariant checked; the sink in {@link Recorded} checks the per-packet bounds. */
    static Recorded readChecked(byte[] file) {
        Recorded r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Recorded.of(file));
        ReadResult res = r.result();
        assertEquals(r.packets().size(), res.packets());
        assertTrue(res.packets() <= file.length / 12, "more packets than records fit");
        assertTrue(res.endOffset() >= 0 && res.endOffset() <= file.length);
        if (res.complete()) {
            assertEquals(file.length, res.endOffset());
        } else {
            assertEquals(res.fault().get().offset(), res.endOffset());
        }
        for (Recorded.Packet p : r.packets()) assertTrue(p.fileOffset() < res.endOffset());
        assertEquals(res.packets(), r.ledgerTotal("packets"));
        assertEquals(res.bytes(), r.ledgerTotal("bytes"));
        assertEquals(res.complete() ? 0 : 1,
                r.ledger().stream().filter(q -> q.metric().startsWith("error.")).mapToLong(q -> q.value()).sum());
        return r;
    }

    @Property(tries = 2000)
    void randomBytesNeverBreakTheReader(@ForAll @IntRange(max = 4) int prefix,
                                        @ForAll @Size(max = 3000) byte[] tail) {
        byte[] head = PREFIXES.get(prefix);
        byte[] file = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, file, head.length, tail.length);
        readChecked(file);
    }

    @Provide
    Arbitrary<Samples> samples() {
        return Arbitraries.longs().map(Samples::build);
    }

    @Property(tries = 1000)
    void truncationDeliversExactlyTheWholeRecordsBeforeIt(@ForAll("samples") Samples s,
                                                          @ForAll @IntRange(max = 100_000) int cutSeed) {
        Recorded whole = readChecked(s.file());
        assertTrue(whole.result().complete(), () -> whole.fault().message());
        assertEquals(s.packetEnds().size(), whole.packets().size());

        int cut = cutSeed % (s.file().length + 1);
        Recorded r = readChecked(Arrays.copyOf(s.file(), cut));
        long fit = s.packetEnds().stream().filter(e -> e <= cut).count();
        assertEquals(whole.packets().subList(0, (int) fit), r.packets());
        assertEquals(s.boundaries().contains((long) cut), r.result().complete(),
                () -> "cut at " + cut + ": " + r.result());
    }

    record Mutation(int kind, int position, int value) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> interesting = Arbitraries.of(0, 1, 4, 8, 11, 12, 13, 16, 28, 32, 0x7FFF_FFFF, -1,
                Integer.MIN_VALUE, 262_144, 262_145, 0x0A0D0D0A, 0x1A2B3C4D);
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.oneOf(interesting, Arbitraries.integers()))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 2000)
    void mutatedValidFilesNeverBreakTheReader(@ForAll("samples") Samples s,
                                              @ForAll("mutations") List<Mutation> mutations) {
        byte[] file = s.file().clone();
        for (Mutation m : mutations) {
            if (file.length == 0) break;
            int at = m.position() % file.length;
            switch (m.kind()) {
                case 0 -> file[at] ^= (byte) (m.value() | 1);                      // flip bits of one byte
                case 1 -> {                                                          // overwrite a 32-bit field
                    if (at + 4 <= file.length) {
                        ByteBuffer.wrap(file).order(m.value() % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                                .putInt(at, m.value());
                    }
                }
                case 2 -> file = Arrays.copyOf(file, at);                           // truncate
                default -> {                                                         // insert garbage
                    byte[] g = new byte[1 + Math.floorMod(m.value(), 40)];
                    Arrays.fill(g, (byte) m.value());
                    byte[] out = new byte[file.length + g.length];
                    System.arraycopy(file, 0, out, 0, at);
                    System.arraycopy(g, 0, out, at, g.length);
                    System.arraycopy(file, at, out, at + g.length, file.length - at);
                    file = out;
                }
            }
        }
        readChecked(file);
    }
}
