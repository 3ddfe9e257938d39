package dev.netproof.decode;

import dev.netproof.decode.testing.FramePool;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The decoder's straight path for plain Ethernet/IPv4/TCP-or-UDP packets gives every field exactly as the layer
 * loop does, and declines (writing nothing) whatever it does not cover: real and synthetic Ethernet frames,
 * mutated where the headers are, cut at any length, with wire lengths longer than the capture, under each
 * decoder configuration. Fields are compared by reflection, so a field added later is compared too.
 */
class PlainPathTest {
    static final List<DecoderConfig> CONFIGS = List.of(DecoderConfig.DEFAULTS,
            DecoderConfig.DEFAULTS.withDecapsulate(false), new DecoderConfig(true, 53, 16, 16, 64, 32));

    /** Values that make a header plain or just not: versions and lengths, flags, protocols, ports. */
    static final byte[] STEERING = {0, 1, 0x05, 0x06, 0x08, 0x11, 0x12, 0x14, 0x1c, 0x20, 0x28, 0x35, 0x3f, 0x40,
            0x44, 0x45, 0x46, 0x4f, 0x50, 0x60, (byte) 0x81, (byte) 0xb5, (byte) 0xf0, (byte) 0xff};

    record Mutation(int position, byte value) {}

    record Case(FramePool.Frame frame, List<Mutation> mutations, int cut, int wireExtra, DecoderConfig config) {}

    @Property(tries = 30000)
    void thePlainPathDecodesAsTheLayerLoopDoes(@ForAll("cases") Case c) throws IllegalAccessException {
        byte[] b = c.frame.bytes().clone();
        for (Mutation m : c.mutations) b[m.position % b.length] = m.value;
        int cap = Math.min(c.cut, b.length);
        int wire = b.length + c.wireExtra;
        byte[] buf = new byte[3 + cap];
        System.arraycopy(b, 0, buf, 3, cap);
        MemorySegment seg = MemorySegment.ofArray(buf);

        DecodedPacket loop = new DecodedPacket();
        new PacketDecoder(c.config, false).decode(seg, 3, cap, wire, 7L, LinkTypes.ETHERNET, loop);
        DecodedPacket plain = new DecodedPacket();
        new PacketDecoder(c.config, true).decode(seg, 3, cap, wire, 7L, LinkTypes.ETHERNET, plain);
        List<String> differ = differences(loop, plain);
        if (!differ.isEmpty()) throw new AssertionError("plain path differs in " + differ + " for " + Arrays.toString(b));

        DecodedPacket scratch = new DecodedPacket();
        scratch.tsNanos = 7L;
        scratch.wireLen = wire;
        scratch.capLen = cap;
        boolean taken = new PacketDecoder(c.config, true).plainEthernetIpv4(seg, 3, 3 + cap, 3 + Math.max(cap, wire), scratch);
        if (!taken && !differences(scratch, fresh(wire, cap)).isEmpty()) {
            throw new AssertionError("the plain path declined but wrote " + differences(scratch, fresh(wire, cap)));
        }
        Statistics.label("path").collect(taken ? "plain" : "loop");
        Statistics.label("path").coverage(cov -> {
            cov.check("plain").percentage(p -> p > 20);
            cov.check("loop").percentage(p -> p > 20);
        });
    }

    private static DecodedPacket fresh(int wire, int cap) {
        DecodedPacket d = new DecodedPacket();
        d.tsNanos = 7L;
        d.wireLen = wire;
        d.capLen = cap;
        return d;
    }

    private static List<String> differences(DecodedPacket a, DecodedPacket b) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : DecodedPacket.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            if (!Objects.equals(f.get(a), f.get(b))) out.add(f.getName() + ": " + f.get(a) + " vs " + f.get(b));
        }
        return out;
    }

    @Provide
    Arbitrary<Case> cases() {
        List<FramePool.Frame> ethernet = new ArrayList<>();
        for (FramePool.Frame f : FramePool.corpus()) if (f.linkType() == LinkTypes.ETHERNET && f.bytes().length > 0) ethernet.add(f);
        for (FramePool.Frame f : FramePool.synthetic()) if (f.linkType() == LinkTypes.ETHERNET && f.bytes().length > 0) ethernet.add(f);
        Byte[] steering = new Byte[STEERING.length];
        for (int i = 0; i < STEERING.length; i++) steering[i] = STEERING[i];
        Arbitrary<Byte> value = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(steering)), Tuple.of(1, Arbitraries.bytes()));
        // The Ethernet type, the IPv4 header and the first transport header: bytes 12-61.
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(12, 61), value).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(ethernet),
                Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.<Mutation>of())),
                        Tuple.of(3, mutation.list().ofMinSize(1).ofMaxSize(3))),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(0, 120)),
                        Tuple.of(2, Arbitraries.just(Integer.MAX_VALUE))),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(-4, 100))),
                Arbitraries.of(CONFIGS)).as(Case::new);
    }
}
