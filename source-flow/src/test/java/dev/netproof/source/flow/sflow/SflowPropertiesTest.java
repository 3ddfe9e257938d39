package dev.netproof.source.flow.sflow;

import static dev.netproof.source.flow.sflow.SflowBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDatagrams;
import dev.netproof.source.flow.ExportDatagrams.Collected;
import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Frames;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input: random bytes, truncations and bit flips of real (corpus) and crafted datagrams. No
 * exception escapes, every datagram is counted, and a truncated datagram always moves an error counter.
 */
class SflowPropertiesTest {
    static final List<byte[]> SEEDS = seeds();

    static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        try {
            for (Path p : Corpus.shared("flows", "ak-sflow-*.pcap")) {
                for (ExportDatagrams.Datagram d : ExportDatagrams.read(p)) out.add(d.payload());
            }
        } catch (Exception corpusUnreadable) {
            // The crafted seeds below still exercise every reader.
        }
        byte[] frame = Frames.ethernet().vlan(3).ipv4("192.0.2.1", "192.0.2.2").tcp(1, 2).build();
        out.add(datagram("2001:db8::1", 1, 2, 3)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, rawHeader(1, 80, 4, frame), extendedSwitch(1, 2),
                        extendedRouter("192.0.2.3", 8, 9), extendedGateway("2001:db8::2", 1, 2, 3, 4, 5),
                        sampledIpv6(1, 6, "2001:db8::3", "2001:db8::4", 1, 2, 3, 4))
                .expandedFlowSample(2, 0, 1, 10, 1, 0, 0, 1, 0, 2, sampledEthernet(64, 0x800),
                        sampledIpv4(1, 6, "192.0.2.1", "192.0.2.2", 1, 2, 3, 4))
                .counterSample(1, 0, 1, genericCounters(1, 6, 1, 1, 3, 1, new long[6], 1, new long[6]),
                        ethernetCounters(new long[13]))
                .expandedCounterSample(2, 0, 1, record(1005, new byte[8]))
                .build());
        return out;
    }

    @Provide
    Arbitrary<byte[]> seed() {
        return Arbitraries.of(SEEDS);
    }

    static Collected decode(SflowDecoder decoder, byte[] d, int length) {
        Collected c = new Collected();
        decoder.decode(MemorySegment.ofArray(d), 0, length, IpAddress.parse("10.0.0.1"), 6343, 1L, c);
        return c;
    }

    static long errors(SflowDecoder d) {
        long n = 0;
        for (SflowMetric m : SflowMetric.values()) if (m.name().startsWith("ERROR__")) n += d.counters().total(m);
        return n;
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 600) byte[] bytes) {
        SflowDecoder d = new SflowDecoder("p", QualitySink.DISCARD);
        decode(d, bytes, bytes.length);
        assertEquals(1, d.counters().total(SflowMetric.DATAGRAMS));
    }

    @Property(tries = 1000)
    void randomBodiesAfterAValidHeaderNeverThrow(@ForAll @Size(max = 600) byte[] body) {
        byte[] head = datagram("192.0.2.1", 0, 1, 1).build(body.length / 8);
        byte[] d = new byte[head.length + body.length];
        System.arraycopy(head, 0, d, 0, head.length);
        System.arraycopy(body, 0, d, head.length, body.length);
        SflowDecoder decoder = new SflowDecoder("p", QualitySink.DISCARD);
        Collected c = decode(decoder, d, d.length);
        assertEquals(1, c.headers.size());
    }

    @Property(tries = 1000)
    void truncationsAreCounted(@ForAll("seed") byte[] seed, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        int length = cut % seed.length;
        SflowDecoder d = new SflowDecoder("p", QualitySink.DISCARD);
        decode(d, seed, length);
        assertTrue(errors(d) > 0, "cut at " + length + " of " + seed.length);
    }

    @Property(tries = 3000)
    void bitFlipsNeverThrow(@ForAll("seed") byte[] seed, @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1 << 20) Integer> bits) {
        byte[] d = seed.clone();
        for (int b : bits) {
            int bit = b % (d.length * 8);
            d[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        SflowDecoder decoder = new SflowDecoder("p", QualitySink.DISCARD);
        Collected c = decode(decoder, d, d.length);
        assertEquals(1, decoder.counters().total(SflowMetric.DATAGRAMS));
        assertTrue(c.headers.size() <= 1);
        assertTrue(c.flows.size() <= d.length / 8);
    }

    @Property(tries = 300)
    void oneDecoderSurvivesAnyMix(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 1 << 20) Integer> flips) {
        SflowDecoder decoder = new SflowDecoder("p", QualitySink.DISCARD);
        for (int f : flips) {
            byte[] d = SEEDS.get(f % SEEDS.size()).clone();
            d[(f >>> 3) % d.length] ^= (byte) (1 << (f & 7));
            decode(decoder, d, d.length);
        }
        assertEquals(flips.size(), decoder.counters().total(SflowMetric.DATAGRAMS));
    }
}
