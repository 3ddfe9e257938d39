package dev.netproof.decode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.decode.DecodedPacket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The differential harness must catch a disagreement and pick the right layer's value. */
class DifferTest {

    static Tshark.Row row(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], List.of(kv[i + 1].split(",")));
        return new Tshark.Row(1, m);
    }

    static DecodedPacket tcp(int srcPort) {
        DecodedPacket d = Decode.eth(Frames.eth(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(srcPort, 80).seq(5).flags(Frames.TCP_SYN).build())));
        assertTrue(d.isTcp());
        return d;
    }

    static Tshark.Row tsharkTcp(String srcPort) {
        return row("frame.protocols", "eth:ethertype:ip:tcp", "ip.src", "10.0.0.1", "ip.dst", "10.0.0.2",
                "ip.proto", "6", "ip.ttl", "64", "ip.len", "40", "ip.flags.mf", "0", "ip.frag_offset", "0",
                "ip.id", "0x1234", "tcp.srcport", srcPort, "tcp.dstport", "80", "tcp.seq_raw", "5", "tcp.ack_raw", "0",
                "tcp.flags", "0x0002", "tcp.window_size_value", "65535", "tcp.len", "0");
    }

    @Test
    void agreementHasNoMismatch() {
        Differ.Result r = Differ.compare(tsharkTcp("1234"), tcp(1234));
        assertEquals(List.of(), r.mismatches());
        assertTrue(r.checks() >= 15, "checks " + r.checks());
    }

    @Test
    void aWrongPortIsCaught() {
        List<Differ.Mismatch> m = Differ.compare(tsharkTcp("1235"), tcp(1234)).mismatches();
        assertEquals(1, m.size());
        assertEquals("tcp.srcport", m.get(0).field());
    }

    @Test
    void theInnerLayerIsComparedForTunnels() {
        DecodedPacket d = Decode.eth(Frames.eth(0x0800, Synthetic.v4(47, Frames.gre(0x0800, false, null, null,
                Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(7, 9, new byte[0]))))));
        Tshark.Row r = row("frame.protocols", "eth:ethertype:ip:gre:ip:udp", "ip.src", "192.0.2.1,10.0.0.1",
                "ip.dst", "198.51.100.2,10.0.0.2", "ip.proto", "47,17", "ip.ttl", "64,64", "ip.len", "52,28",
                "ip.flags.mf", "0,0", "ip.frag_offset", "0,0", "ip.id", "0x1234,0x1234",
                "udp.srcport", "7", "udp.dstport", "9", "udp.length", "8");
        assertEquals(List.of(), Differ.compare(r, d).mismatches());
        Tshark.Row swapped = row("frame.protocols", "eth:ethertype:ip:gre:ip:udp", "ip.src", "10.0.0.1,192.0.2.1",
                "ip.dst", "10.0.0.2,198.51.100.2", "ip.proto", "17,47", "ip.ttl", "64,64", "ip.len", "28,52",
                "ip.flags.mf", "0,0", "ip.frag_offset", "0,0", "ip.id", "0x1234,0x1234",
                "udp.srcport", "7", "udp.dstport", "9", "udp.length", "8");
        assertTrue(Differ.compare(swapped, d).mismatches().size() >= 3);
    }
}
