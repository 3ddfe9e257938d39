package dev.netproof.source.pcap;

import dev.netproof.source.pcap.Recorded.Packet;
import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapngWriter;
import dev.netproof.testkit.PcapngWriter.Interface;
import dev.netproof.testkit.PcapngWriter.Resolution;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pcapng written by the testkit writer must read back exactly: blocks, resolutions, sections, orders. */
class PcapngRoundTripTest {
    private static final long T = 1_700_000_000_123_456_789L;

    /** Collects what the reader should deliver while writing. */
    private static final class Expect {
        final List<Packet> packets = new ArrayList<>();
        final PcapngWriter w;
        long lastTs;

        Expect(ByteOrder order) {
            w = PcapngWriter.inMemory(order);
        }

        void epb(int ifId, long tsNanos, byte[] frame, int wireLen) {
            Interface itf = w.interfaceOf(ifId);
            long at = w.position();
            w.epb(ifId, tsNanos, frame, wireLen, ifId % 2 == 0 ? null : "comment " + ifId);
            int cap = itf.snaplen() > 0 ? Math.min(frame.length, itf.snaplen()) : frame.length;
            lastTs = itf.nanosOf(itf.unitsOf(tsNanos));
            packets.add(new Packet(lastTs, cap, wireLen, itf.linkType(), ifId, at, at + 28, Arrays.copyOf(frame, cap)));
        }

        void epbUnits(int ifId, long units, byte[] frame, int wireLen) {
            Interface itf = w.interfaceOf(ifId);
            long at = w.position();
            int cap = itf.snaplen() > 0 ? Math.min(frame.length, itf.snaplen()) : frame.length;
            w.epbUnits(ifId, units, Arrays.copyOf(frame, cap), cap, wireLen);
            lastTs = itf.nanosOf(units);
            packets.add(new Packet(lastTs, cap, wireLen, itf.linkType(), ifId, at, at + 28, Arrays.copyOf(frame, cap)));
        }

        void obsolete(int ifId, long tsNanos, byte[] frame) {
            Interface itf = w.interfaceOf(ifId);
            long at = w.position();
            w.obsoletePacket(ifId, tsNanos, frame);
            int cap = itf.snaplen() > 0 ? Math.min(frame.length, itf.snaplen()) : frame.length;
            lastTs = itf.nanosOf(itf.unitsOf(tsNanos));
            packets.add(new Packet(lastTs, cap, frame.length, itf.linkType(), ifId, at, at + 28,
                    Arrays.copyOf(frame, cap)));
        }

        void spb(byte[] frame) {
            Interface itf = w.interfaceOf(0);
            long at = w.position();
            w.spb(frame);
            int cap = itf.snaplen() > 0 ? Math.min(frame.length, itf.snaplen()) : frame.length;
            // No timestamp in an SPB: the reader repeats the previous packet's.
            packets.add(new Packet(lastTs, cap, frame.length, itf.linkType(), 0, at, at + 12, Arrays.copyOf(frame, cap)));
        }

        Recorded read() {
            Recorded r = Recorded.of(w.toByteArray());
            assertEquals(CaptureFormat.PCAPNG, r.format());
            assertTrue(r.result().complete(), () -> r.result().toString());
            assertEquals(packets, r.packets());
            assertEquals(w.position(), r.result().endOffset());
            return r;
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + n);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void everyBlockTypeAndResolution(String orderName) {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteOrder other = order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        Expect e = new Expect(order);
        int micro = e.w.addInterface(Interface.of(LinkTypes.ETHERNET).withSnaplen(64).withName("eth0"));
        int nano = e.w.addInterface(Interface.of(LinkTypes.RAW).withResolution(Resolution.NANO));
        int pow2 = e.w.addInterface(Interface.of(LinkTypes.IPV6).withResolution(Resolution.pow2(20))
                .withTsOffset(-3600));
        int pico = e.w.addInterface(Interface.of(LinkTypes.IPV4).withResolution(Resolution.pow10(12)).withSnaplen(0));
        int milli = e.w.addInterface(Interface.of(LinkTypes.LINUX_SLL).withResolution(Resolution.pow10(3))
                .withTsOffset(1_000_000));
        int secs = e.w.addInterface(Interface.of(LinkTypes.NULL).withResolution(Resolution.pow2(0)));

        e.epb(micro, T, bytes(100), 100);        // truncated by the snaplen of 64
        e.epb(nano, T + 1, bytes(60), 60);
        e.w.block(0x0BAD_C0DE, bytes(5));         // unknown block: skipped
        e.epb(pow2, T + 2, bytes(1), 1500);       // wire length larger than the data
        e.w.block(PcapngWriter.ISB, bytes(16));   // statistics: skipped
        e.epb(pico, T + 3, bytes(3), 3);
        e.epb(milli, T + 4, bytes(0), 0);         // zero-length packet
        e.epb(secs, T + 5, bytes(9), 9);
        e.spb(bytes(70));                          // interface 0, truncated by its snaplen
        e.obsolete(nano, T + 6, bytes(33));
        e.w.block(PcapngWriter.NRB, bytes(8));

        e.w.section(other);                        // interfaces restart at 0, byte order flips
        int sll2 = e.w.addInterface(Interface.of(LinkTypes.LINUX_SLL2).withResolution(Resolution.NANO));
        e.epb(sll2, T + 7, bytes(20), 20);
        e.spb(bytes(10));

        Recorded r = e.read();
        assertEquals(3, r.result().skippedRecords());
        assertEquals(3, r.ledgerTotal("skipped_records"));
        assertEquals(3, r.ledgerTotal("truncated_by_snaplen")); // the 100-byte EPB, the SPB and the 1-of-1500
    }

    @Test
    void spbBeforeAnyOtherPacketHasTimeZeroAndUnlimitedSnaplenUsesBlockRoom() {
        Expect e = new Expect(ByteOrder.LITTLE_ENDIAN);
        e.w.addInterface(Interface.of(LinkTypes.ETHERNET).withSnaplen(0));
        e.spb(bytes(13));
        e.read();
        assertEquals(0, e.packets.getFirst().tsNanos());
    }

    @Test
    void spbCapturedLengthIsTheSmallestOfWireLengthSnaplenAndRoom() {
        PcapngWriter w = PcapngWriter.inMemory(ByteOrder.BIG_ENDIAN);
        w.addInterface(Interface.of(LinkTypes.ETHERNET).withSnaplen(50));
        w.spb(bytes(40), 30);   // wire 30 < room 40: 30 captured (the rest is padding)
        w.spb(bytes(40), 1000); // room 40 < snaplen 50 < wire
        w.spb(bytes(80), 1000); // snaplen 50 < room 80 < wire
        Recorded r = Recorded.of(w.toByteArray());
        assertTrue(r.result().complete());
        assertEquals(List.of(30, 40, 50), r.packets().stream().map(Packet::capLen).toList());
        assertEquals(List.of(30, 1000, 1000), r.packets().stream().map(Packet::wireLen).toList());
    }

    @Test
    void timestampUnitsAreUnsigned64Bit() {
        PcapngWriter w = PcapngWriter.inMemory(ByteOrder.LITTLE_ENDIAN);
        w.addInterface(Interface.of(LinkTypes.ETHERNET).withResolution(Resolution.pow10(18)));
        w.addInterface(Interface.of(LinkTypes.ETHERNET).withResolution(Resolution.pow2(63)));
        w.epbUnits(0, -1L, new byte[0], 0, 0);
        w.epbUnits(1, -1L, new byte[0], 0, 0);
        Recorded r = Recorded.of(w.toByteArray());
        assertEquals(List.of(Resolution.pow10(18).nanosOf(-1L), Resolution.pow2(63).nanosOf(-1L)),
                r.packets().stream().map(Packet::tsNanos).toList());
    }

    // --- property: random interfaces and packets in random sections round-trip exactly

    record Pkt(int itf, long unitsSeed, int len, int wireExtra, int kind) {
    }

    record Itf(int linkType, int snaplen, Resolution res, long offset) {
    }

    @Provide
    Arbitrary<Resolution> resolutions() {
        return Arbitraries.oneOf(Arbitraries.just(Resolution.DEFAULT),
                Arbitraries.integers().between(0, 18).map(Resolution::pow10),
                Arbitraries.integers().between(0, 40).map(Resolution::pow2));
    }

    @Provide
    Arbitrary<List<Itf>> interfaces() {
        Arbitrary<Itf> itf = Combinators.combine(Arbitraries.of(0, 1, 101, 113, 228, 229, 276),
                Arbitraries.of(0, 16, 128, 262_144), resolutions(), Arbitraries.longs().between(-100_000, 100_000))
                .as(Itf::new);
        return itf.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Pkt>> packets() {
        return Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, 9))
                .as(Pkt::new).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void randomSectionsRoundTrip(@ForAll("interfaces") List<Itf> first, @ForAll("interfaces") List<Itf> second,
                                 @ForAll("packets") List<Pkt> packets, @ForAll boolean bigEndianFirst) {
        Expect e = new Expect(bigEndianFirst ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<Itf> current = first;
        for (Itf i : first) e.w.addInterface(toInterface(i));
        for (int n = 0; n < packets.size(); n++) {
            Pkt p = packets.get(n);
            if (n == packets.size() / 2) { // a second section halfway, in the other byte order
                e.w.section(bigEndianFirst ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                current = second;
                for (Itf i : second) e.w.addInterface(toInterface(i));
            }
            int itf = p.itf() % current.size();
            // Units up to year ~2096 or the 63-bit limit, whichever is smaller, so nanoseconds fit a long.
            Interface i = e.w.interfaceOf(itf);
            long maxUnits = i.resolution().unitsPerSecond().multiply(java.math.BigInteger.valueOf(4_000_000_000L))
                    .min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
            long units = p.unitsSeed() % maxUnits;
            switch (p.kind()) {
                case 0 -> e.spb(bytes(p.len()));
                case 1 -> e.obsolete(itf, i.nanosOf(units), bytes(p.len()));
                case 2 -> e.w.block(0x4000_0000 + p.len(), bytes(p.len() % 64));
                case 3 -> e.epb(itf, i.nanosOf(units), bytes(p.len()), p.len() + p.wireExtra());
                default -> e.epbUnits(itf, units, bytes(p.len()), p.len() + p.wireExtra());
            }
        }
        e.read();
    }

    private static Interface toInterface(Itf i) {
        return Interface.of(i.linkType()).withSnaplen(i.snaplen()).withResolution(i.res()).withTsOffset(i.offset());
    }
}
