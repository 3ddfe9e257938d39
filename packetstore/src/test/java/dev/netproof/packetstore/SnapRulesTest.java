package dev.netproof.packetstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.testkit.Tshark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapRulesTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir Path dir;

    @Test
    void mostSpecificRuleWins() {
        SnapRules r = SnapRules.parse("udp/53=full, tcp/443=headers, udp=100, default=64");
        assertEquals(500, r.keep(Packets.facts(1, 5353, 2, 53), 500)); // port rule, either side
        assertEquals(500, r.keep(Packets.facts(1, 53, 2, 9999), 500));
        assertEquals(100, r.keep(Packets.facts(1, 1000, 2, 2000), 500)); // protocol rule
        PacketFacts tls = Packets.facts(1, 50000, 2, 443);
        tls.proto = 6;
        tls.headersLen = 54;
        assertEquals(54, r.keep(tls, 1500)); // headers: up to the end of TCP
        tls.dstPort = 80;
        assertEquals(64, r.keep(tls, 1500)); // default
        assertEquals(40, r.keep(tls, 40)); // never more than captured
        PacketFacts arp = new PacketFacts();
        assertEquals(64, r.keep(arp, 60 + 40));
        assertTrue(SnapRules.parse("default=full").keepsAll());
        assertTrue(SnapRules.parse(null).keepsAll());
        assertEquals(1400, SnapRules.parse("dns=headers").keep(Packets.facts(1, 1, 2, 2), 1400));
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertEquals("snap rule 'tcp/99999=full': port must be 0 to 65535",
                assertThrows(IllegalArgumentException.class, () -> SnapRules.parse("tcp/99999=full")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SnapRules.parse("gre=full")).getMessage()
                .contains("'gre' is not a protocol"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SnapRules.parse("tcp=3")).getMessage()
                .contains("at least 14"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SnapRules.parse("tcp")).getMessage()
                .contains("KEY=VALUE"));
    }

    @Test
    void cutPacketsKeepTheirOriginalLengthAndAreCounted() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir).withSnap(SnapRules.parse("udp/53=full,udp=headers")));
        try (PacketWriter w = p.store.writer("snap.pcap", p.sink)) {
            Packets.write(w, Packets.udp(1, 1000, 2, 53, 500), T0, Packets.facts(1, 1000, 2, 53));
            Packets.write(w, Packets.udp(1, 1000, 2, 4000, 500), T0 + 1, Packets.facts(1, 1000, 2, 4000));
        }
        assertEquals(1, p.total("packets_snapped"));
        assertEquals(500, p.total("bytes_snapped"));
        assertEquals(2, p.total("packets_stored"));
        assumeTrue(Tshark.available());
        Path seg = dir.resolve(p.store.list().getFirst().segment());
        assertEquals(List.of(List.of("542", "542"), List.of("42", "542")), Tshark.fields(seg, "frame.cap_len", "frame.len"));
    }
}
