package dev.netproof.source.flow.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportDecoder;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import java.lang.foreign.ValueLayout;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transport alone, over real loopback sockets: what was sent reaches the decoder, in order, once. */
class CollectorTest {
    private static final ExportSink NOWHERE = new ExportSink() {
        @Override
        public void header(ExportHeader header) {
        }

        @Override
        public void flow(ExportedFlow flow) {
        }

        @Override
        public void sample(Sample sample) {
        }
    };

    private record Seen(int port, IpAddress source, String text) {}

    @Test
    void datagramsSentToEachPortReachTheDecoderOnItsThread() throws Exception {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        ExportDecoder recorder = (data, offset, length, source, sourcePort, received, sink) -> {
            threads.add(Thread.currentThread().getName());
            seen.add(new Seen(sourcePort, source, new String(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE))));
        };
        InetAddress lo = InetAddress.getLoopbackAddress();
        var config = new Collector.Config(lo, List.of(0, 0), 1 << 20, 1 << 20);
        int sent = 0;
        try (Collector c = new Collector(config, recorder, NOWHERE); DatagramSocket out = new DatagramSocket(0, lo)) {
            c.start();
            for (UdpListener l : c.listeners()) {
                for (int i = 0; i < 200; i++) {
                    byte[] b = ("port " + l.port() + " #" + i).getBytes();
                    out.send(new DatagramPacket(b, b.length, new InetSocketAddress(lo, l.port())));
                    sent++;
                }
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (c.decoded() < sent && System.nanoTime() < deadline) Thread.sleep(10);
            int localPort = out.getLocalPort();
            for (UdpListener l : c.listeners()) {
                List<String> forPort = seen.stream().filter(s -> s.text().startsWith("port " + l.port() + " "))
                        .map(Seen::text).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 200; i++) expected.add("port " + l.port() + " #" + i);
                assertEquals(expected, forPort, "every datagram once and in order, on loopback");
            }
            assertTrue(seen.stream().allMatch(s -> s.port() == localPort && s.source().equals(IpAddress.parse("127.0.0.1"))));
        }
        assertTrue(threads.stream().allMatch("export-decode"::equals));
        assertEquals(sent, seen.size());
    }

    @Test
    void aDecoderThatThrowsCostsOneDatagramNotTheCollector() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ExportDecoder fragile = (data, offset, length, source, sourcePort, received, sink) -> {
            String s = new String(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
            if (s.equals("boom")) throw new IllegalStateException("bug");
            seen.add(s);
        };
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (Collector c = new Collector(new Collector.Config(lo, List.of(0), 1 << 20, 1 << 20), fragile, NOWHERE);
             DatagramSocket out = new DatagramSocket(0, lo)) {
            c.start();
            int port = c.listeners().getFirst().port();
            for (String s : List.of("a", "boom", "b")) {
                out.send(new DatagramPacket(s.getBytes(), s.length(), new InetSocketAddress(lo, port)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (c.decoded() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(List.of("a", "b"), seen);
            assertEquals(1, c.decoderFailures());
        }
    }

    /** IPFIX over TCP: messages cut apart by their length, however the stream is split into segments. */
    @Test
    void ipfixMessagesOverTcpAreCutApartByTheirLength() throws Exception {
        List<Integer> lengths = Collections.synchronizedList(new ArrayList<>());
        ExportDecoder recorder = (data, offset, length, source, sourcePort, received, sink) -> {
            assertEquals(10, data.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), offset));
            lengths.add(length);
        };
        InetAddress lo = InetAddress.getLoopbackAddress();
        var config = new Collector.Config(lo, List.of(), List.of(0), 1 << 20, 1 << 20);
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int len = 16 + (i * 37) % 1400;
            java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate(len);
            m.putShort((short) 10).putShort((short) len).putInt(i).putInt(i).putInt(0);
            stream.write(m.array());
            sent.add(len);
        }
        byte[] all = stream.toByteArray();
        try (Collector c = new Collector(config, recorder, NOWHERE)) {
            c.start();
            int port = c.tcpListeners().getFirst().port();
            try (java.net.Socket s = new java.net.Socket(lo, port)) {
                java.util.Random rnd = new java.util.Random(7);
                for (int pos = 0; pos < all.length; ) {
                    int n = Math.min(all.length - pos, 1 + rnd.nextInt(3000)); // segment edges fall anywhere
                    s.getOutputStream().write(all, pos, n);
                    s.getOutputStream().flush();
                    pos += n;
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (c.decoded() < sent.size() && System.nanoTime() < deadline) Thread.sleep(10);
                // a message that is not IPFIX ends the stream: it cannot be cut apart any more
                s.getOutputStream().write(new byte[] {0, 9, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
                s.getOutputStream().flush();
                deadline = System.nanoTime() + 10_000_000_000L;
                while (c.tcpListeners().getFirst().badStreams() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            }
            assertEquals(sent, lengths);
            assertEquals(1, c.tcpListeners().getFirst().badStreams());
        }
    }

    @Test
    void aPortInUseFailsAtConstruction() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket taken = new DatagramSocket(0, lo)) {
            var config = new Collector.Config(lo, List.of(taken.getLocalPort()), 1 << 20, 1 << 20);
            assertThrows(java.net.BindException.class, () -> new Collector(config, (d, o, l, s, p, r, k) -> { }, NOWHERE));
        }
    }
}
