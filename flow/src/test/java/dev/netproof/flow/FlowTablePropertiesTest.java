package dev.netproof.flow;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.Flow;
import dev.netproof.decode.DecodedPacket;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.*;

class FlowTablePropertiesTest {

    /** Any sequence of packets: every packet ends up in exactly one emitted flow, the table never throws. */
    @Property(tries = 200)
    void packetsAndBytesAreConserved(@ForAll("packets") List<DecodedPacket> packets,
                                     @ForAll @net.jqwik.api.constraints.IntRange(min = 16, max = 64) int maxFlows) {
        List<Flow> out = new ArrayList<>();
        FlowTable t = new FlowTable(FlowTableConfig.defaults().withMaxFlows(maxFlows), "p", out::add,
                QualitySink.DISCARD);
        long ipBytes = 0;
        for (DecodedPacket p : packets) {
            t.accept(p);
            ipBytes += p.ipLen;
            assertTrue(t.liveFlows() <= maxFlows);
        }
        t.finish();
        assertEquals(0, t.liveFlows());
        assertEquals(packets.size(), out.stream().mapToLong(f -> f.origPkts() + f.respPkts()).sum());
        assertEquals(ipBytes, out.stream().mapToLong(f -> f.origIpBytes() + f.respIpBytes()).sum());
        for (Flow f : out) {
            assertTrue(f.origBytes() >= 0 && f.respBytes() >= 0);
            assertTrue(f.history().length() <= 20);
        }
    }

    @Provide
    Arbitrary<List<DecodedPacket>> packets() {
        Arbitrary<Integer> host = Arbitraries.integers().between(1, 6);
        Arbitrary<Integer> port = Arbitraries.of(53, 80, 443, 40000, 40001);
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 0x3f);
        Arbitrary<Long> seq = Arbitraries.longs().between(0, 0xffff_ffffL);
        Arbitrary<Integer> len = Arbitraries.integers().between(0, 1500);
        Arbitrary<Integer> proto = Arbitraries.of(6, 6, 17, 1);
        Arbitrary<DecodedPacket> one = Combinators.combine(host, host, port, port, flags, seq, len, proto)
                .as((a, b, pa, pb, fl, sq, ln, pr) -> {
                    String src = "10.0.0." + a, dst = "10.0.0." + b;
                    return switch (pr) {
                        case 6 -> Packets.tcp(0, src, pa, dst, pb, fl, sq, sq / 2, ln);
                        case 17 -> Packets.udp(0, src, pa, dst, pb, ln);
                        default -> Packets.icmp(0, src, dst, fl & 0x0f, 0, ln);
                    };
                });
        return one.list().ofMaxSize(300).map(list -> {
            long ts = 0;
            for (DecodedPacket p : list) {
                ts += 1000 + (p.payloadLen * 7919L % 90_000_000L);
                p.tsNanos = ts * 1000;
            }
            return list;
        });
    }
}
