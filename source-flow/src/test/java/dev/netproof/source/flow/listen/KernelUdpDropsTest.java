package dev.netproof.source.flow.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelUdpDropsTest {
    @Test
    void sumsTheDropsOfTheSocketsOnThePort() {
        List<String> table = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  101: 0100007F:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 123 2 0000000000000000 17",
                "  102: 00000000:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 124 2 0000000000000000 3",
                "  103: 00000000:18BB 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 125 2 0000000000000000 99");
        assertEquals(20, KernelUdpDrops.sum(table, 2055));
        assertEquals(99, KernelUdpDrops.sum(table, 6331));
        assertEquals(0, KernelUdpDrops.sum(table, 4739));
    }

    @Test
    void readsTheLiveTableForABoundSocket() throws Exception {
        try (DatagramRing ring = new DatagramRing(128 * 1024);
             UdpListener l = new UdpListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1 << 20, ring)) {
            assertTrue(KernelUdpDrops.forPort(l.port()) >= 0, "the socket is in /proc/net/udp with a drops column");
        }
    }

    @Test
    void aListenersDropsOutliveItsSocket() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        UdpListener l;
        long open;
        try (DatagramRing ring = new DatagramRing(128 * 1024);
             java.net.DatagramSocket out = new java.net.DatagramSocket(0, lo)) {
            l = new UdpListener(new InetSocketAddress(lo, 0), 4096, ring); // not started: nothing reads the socket
            byte[] b = new byte[1000];
            for (int i = 0; i < 200; i++) out.send(new java.net.DatagramPacket(b, b.length, new InetSocketAddress(lo, l.port())));
            open = l.kernelDrops();
            assertTrue(open > 0, "a full 4 KiB buffer drops most of 200 KB: " + open);
            l.close();
        }
        assertEquals(0, KernelUdpDrops.forPort(l.port()), "the closed socket's row is gone from /proc");
        assertEquals(open, l.kernelDrops(), "the count read as the socket closed");
    }
}
