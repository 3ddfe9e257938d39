package dev.netproof.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FramesTest {
    @TempDir
    Path dir;

    @Test
    void lengthsAreRightWithoutTshark() {
        byte[] f = Frames.ethernet().vlan(10).vlan(20).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload("abc").build();
        ByteBuffer b = ByteBuffer.wrap(f);
        assertEquals(14 + 8 + 20 + 8 + 3, f.length);
        assertEquals(0x8100, b.getShort(12) & 0xffff);
        assertEquals(10, b.getShort(14) & 0xfff);
        assertEquals(0x8100, b.getShort(16) & 0xffff);
        assertEquals(20, b.getShort(18) & 0xfff);
        assertEquals(0x0800, b.getShort(20) & 0xffff);
        assertEquals(20 + 8 + 3, b.getShort(22 + 2));  // IPv4 total length
        assertEquals(8 + 3, b.getShort(22 + 20 + 4));   // UDP length
        assertEquals(0, Frames.checksum(java.util.Arrays.copyOfRange(f, 22, 42)), "IPv4 header checksum");

        byte[] v6 = Frames.rawIp().ipv6("::1", "::2").tcp(1, 2).payload(new byte[7]).build();
        assertEquals(40 + 20 + 7, v6.length);
        assertEquals(20 + 7, ByteBuffer.wrap(v6).getShort(4));
        assertEquals(0x50, v6[40 + 12] & 0xff, "TCP data offset 5 words");
    }

    @Test
    void rejectsHostNames() {
        assertThrows(IllegalArgumentException.class, () -> Frames.ethernet().ipv4("example.com", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Frames.ethernet().ipv4("::1", "10.0.0.1"));
    }

    @Test
    @Tag("tshark")
    void tsharkDecodesTheFramesWithGoodChecksums() {
        assumeTrue(Tshark.available(), "tshark not installed");
        Path file = dir.resolve("frames.pcap");
        try (var w = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            w.packet(1_000_000_000L, Frames.ethernet().vlan(7).ipv4("10.0.0.1", "10.0.0.2")
                    .tcp(40000, 80).flags(Frames.SYN).seq(1000).payload("hi").build());
            w.packet(2_000_000_000L, Frames.ethernet().ipv6("2001:db8::1", "2001:db8::53")
                    .udp(5353, 53).payload(new byte[12]).build()); // an empty DNS header
            w.packet(3_000_000_000L, Frames.ethernet().ipv4("192.0.2.1", "192.0.2.2").udp(9, 9).build());
        }
        List<List<String>> rows = Tshark.fields(file, "vlan.id", "ip.src", "ip.dst", "ip.len", "ip.checksum.status",
                "ipv6.src", "ipv6.plen", "tcp.srcport", "tcp.flags", "tcp.len", "tcp.checksum.status",
                "udp.dstport", "udp.length", "udp.checksum.status", "_ws.malformed");
        assertEquals(List.of("7", "10.0.0.1", "10.0.0.2", "42", "2", "", "", "40000", "0x0002", "2", "2",
                "", "", "", ""), rows.get(0));
        assertEquals(List.of("", "", "", "", "", "2001:db8::1", "20", "", "", "", "", "53", "20", "2", ""),
                rows.get(1));
        assertEquals("8", rows.get(2).get(12));
    }
}
