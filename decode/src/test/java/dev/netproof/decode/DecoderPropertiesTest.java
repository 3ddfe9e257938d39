package dev.netproof.decode;

import dev.netproof.decode.testing.Decode;
import dev.netproof.decode.testing.FramePool;
import java.lang.foreign.MemorySegment;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the bytes, the decoder never throws, never reads past {@code capLen} (the segment ends
 * there, so such a read would throw) and its result keeps the {@link dev.netproof.decode.testing.Invariants}.
 */
class DecoderPropertiesTest {
    static final int[] LINK_TYPES = {0, 1, 101, 108, 113, 228, 229, 276, 147, -1};

    /** Byte values that steer decoding somewhere: versions, EtherType halves, protocols, ports, lengths. */
    static final byte[] INTERESTING = {0, 1, 2, 4, 5, 6, 0x0f, 0x11, 0x12, 0x1e, 0x18, 0x1c, 0x21, 0x29, 0x2b,
            0x2c, 0x2f, 0x33, 0x3a, 0x3b, 0x3c, 0x40, 0x44, 0x45, 0x46, 0x4f, 0x57, 0x58, 0x60, 0x65, (byte) 0x81,
            (byte) 0x86, (byte) 0x87, (byte) 0x88, (byte) 0x91, (byte) 0xa8, (byte) 0xaa, (byte) 0xb5,
            (byte) 0xdd, (byte) 0xf0, (byte) 0xfe, (byte) 0xff, 0x08, 0x47, 0x48, 0x64, 0x03};

    static final List<DecoderConfig> CONFIGS = List.of(DecoderConfig.DEFAULTS,
            DecoderConfig.DEFAULTS.withDecapsulate(false), new DecoderConfig(true, 4789, 1, 1, 1, 1),
            new DecoderConfig(true, 53, 16, 16, 64, 32));

    record Mutation(int position, byte value) {}

    record Case(FramePool.Frame frame, List<Mutation> mutations, int cut, int wireExtra, DecoderConfig config) {
        byte[] bytes() {
            byte[] b = frame.bytes().clone();
            for (Mutation m : mutations) if (b.length > 0) b[m.position % b.length] = m.value;
            return b;
        }
    }

    @Property(tries = 5000)
    void randomBytesOnEveryLinkType(@ForAll @Size(max = 160) byte[] bytes, @ForAll("linkTypes") int linkType,
                                    @ForAll @IntRange(min = -4, max = 200) int wireExtra) {
        for (DecoderConfig c : CONFIGS) Decode.run(linkType, bytes, bytes.length, bytes.length + wireExtra, c);
    }

    @Property(tries = 20000)
    void mutatedRealFramesOnEveryLinkType(@ForAll("cases") Case c) {
        byte[] b = c.bytes();
        int cap = Math.min(c.cut, b.length);
        DecodedPacket cut = Decode.run(c.frame.linkType(), b, cap, Math.max(b.length, cap) + c.wireExtra, c.config);
        DecodedPacket whole = Decode.run(c.frame.linkType(), b, cap, cap, c.config);
        // Shows in the report how deep the mutated inputs reach (a pool of mostly clean frames would not test much).
        Statistics.label("outcome").collect(whole.error == DecodeError.NONE ? (whole.hasPorts ? "ports" : "ip, no ports")
                : "error");
        Statistics.label("tunnel").collect(whole.tunnelDepth > 0 || cut.tunnelDepth > 0);
        Statistics.label("truncated").collect(cut.truncated);
    }

    @Property(tries = 10000)
    void mutatedTunnelFrames(@ForAll("tunnelCases") Case c) {
        byte[] b = c.bytes();
        int cap = Math.min(c.cut, b.length);
        DecodedPacket d = Decode.run(c.frame.linkType(), b, cap, Math.max(b.length, cap) + c.wireExtra, c.config);
        Statistics.label("inner").collect(d.tunnelDepth > 0 ? "inner ip" : "outer only");
    }

    @Property(tries = 2000)
    void argumentsOutsideTheSegmentAreCounted(@ForAll @IntRange(min = 0, max = 64) int size,
                                              @ForAll @IntRange(min = -70, max = 70) int offset,
                                              @ForAll @IntRange(min = -70, max = 70) int capLen) {
        var out = new DecodedPacket();
        new PacketDecoder().decode(MemorySegment.ofArray(new byte[size]), offset, capLen, capLen, 0, 1, out);
        boolean inside = offset >= 0 && capLen >= 0 && offset + capLen <= size;
        if (!inside && out.error != DecodeError.BAD_BOUNDS) throw new AssertionError("expected BAD_BOUNDS, got " + out.error);
        if (inside && out.error == DecodeError.BAD_BOUNDS) throw new AssertionError("in bounds but BAD_BOUNDS");
    }

    @Provide
    Arbitrary<Integer> linkTypes() {
        return Arbitraries.of(0, 1, 101, 108, 113, 228, 229, 276, 147, -1);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Byte> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(box(INTERESTING))),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        // Headers live in the first ~120 bytes: aim most mutations there.
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 120)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1 << 16)));
        Arbitrary<Mutation> mutation = Combinators.combine(position, value).as(Mutation::new);
        return Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.of(FramePool.corpus())),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(FramePool.synthetic()))),
                mutation.list().ofMaxSize(6),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 200)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Integer.MAX_VALUE))),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(CONFIGS)).as(Case::new);
    }

    @Provide
    Arbitrary<Case> tunnelCases() {
        List<FramePool.Frame> tunnels = dev.netproof.decode.testing.Synthetic.all().stream()
                .filter(x -> x.name().matches(".*(gre|vxlan|ipip|6in4).*"))
                .map(x -> new FramePool.Frame(x.linkType(), x.captured())).toList();
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 200),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of(box(INTERESTING))),
                        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(tunnels), mutation.list().ofMaxSize(3),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 200)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Integer.MAX_VALUE))),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(DecoderConfig.DEFAULTS, new DecoderConfig(true, 4789, 1, 1, 1, 1))).as(Case::new);
    }

    private static Byte[] box(byte[] b) {
        Byte[] out = new Byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i];
        return out;
    }
}
