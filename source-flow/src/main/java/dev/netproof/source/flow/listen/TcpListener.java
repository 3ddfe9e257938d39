package dev.netproof.source.flow.listen;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * IPFIX over TCP (RFC 7011 section 10.4): each connection is a stream of IPFIX messages, cut apart by
 * the length in their headers and put into the listener's {@link DatagramRing} as if each had come in
 * its own datagram. Unlike UDP, TCP can wait: when the ring is full the connection's thread waits for
 * room, and the exporter's own buffers hold the rest, so nothing is lost here.
 *
 * <p>A message that is not IPFIX version 10, or whose length is shorter than its header, means the
 * stream can no longer be cut apart: the connection is closed and counted ({@link #badStreams()}). At
 * most {@code maxConnections} are served at once; more are closed on arrival and counted.
 *
 * <p>Thread safety: one accept thread, one thread per connection; the ring's single producer side is
 * shared by the connections under a lock. Counters may be read from any thread.
 */
public final class TcpListener implements AutoCloseable {
    private static final int IPFIX_HEADER = 16;
    private static final int MAX_MESSAGE = 65_535;

    private final ServerSocketChannel server;
    private final DatagramRing ring;
    private final int port;
    private final int maxConnections;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final Object producer = new Object();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong badStreams = new AtomicLong();
    private Thread acceptor;
    private volatile boolean closing;

    public TcpListener(InetSocketAddress bind, DatagramRing ring, int maxConnections) throws IOException {
        this.ring = ring;
        this.maxConnections = maxConnections;
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bind);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    public void start() {
        acceptor = Thread.ofPlatform().name("tcp-accept-" + port).daemon().start(this::accept);
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel c = server.accept();
                if (open.size() >= maxConnections) {
                    refused.incrementAndGet();
                    c.close();
                    continue;
                }
                open.add(c);
                connections.incrementAndGet();
                Thread t = Thread.ofPlatform().name("tcp-rx-" + port).daemon().unstarted(() -> serve(c));
                workers.add(t);
                t.start();
            }
        } catch (ClosedChannelException e) {
            // closed by close()
        } catch (IOException e) {
            if (!closing) badStreams.incrementAndGet();
        }
    }

    private void serve(SocketChannel c) {
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_MESSAGE).order(ByteOrder.BIG_ENDIAN);
        try (c) {
            InetSocketAddress peer = (InetSocketAddress) c.getRemoteAddress();
            long[] words = UdpListener.addressWords(peer.getAddress());
            while (!closing) {
                buf.clear().limit(IPFIX_HEADER);
                if (!fill(c, buf)) return; // the exporter closed the connection between messages
                int version = buf.getShort(0) & 0xffff;
                int length = buf.getShort(2) & 0xffff;
                if (version != 10 || length < IPFIX_HEADER) {
                    badStreams.incrementAndGet();
                    return;
                }
                buf.limit(length);
                if (!fill(c, buf)) throw new EOFException("connection closed inside a message");
                buf.flip();
                long now = UdpListener.nowNanos();
                offer(buf, words, peer.getPort(), now);
                messages.incrementAndGet();
            }
        } catch (IOException e) {
            if (!closing) badStreams.incrementAndGet();
        } finally {
            open.remove(c);
            workers.remove(Thread.currentThread());
        }
    }

    /** Waits for room rather than dropping: TCP pushes back on the exporter instead. */
    private void offer(ByteBuffer message, long[] words, int port, long now) {
        while (!closing) {
            synchronized (producer) {
                if (ring.offer(message, words[0], words[1], port, now)) return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Reads until {@code buf} is full; false if the stream ended before any byte of it. */
    private static boolean fill(SocketChannel c, ByteBuffer buf) throws IOException {
        int start = buf.position();
        while (buf.hasRemaining()) {
            if (c.read(buf) < 0) {
                if (buf.position() == start) return false;
                throw new EOFException("connection closed inside a message");
            }
        }
        return true;
    }

    public int port() {
        return port;
    }

    /** IPFIX messages received and handed to the ring. */
    public long messages() {
        return messages.get();
    }

    public long connections() {
        return connections.get();
    }

    /** Connections closed on arrival because {@code maxConnections} were open. */
    public long refused() {
        return refused.get();
    }

    /** Connections closed because their stream could not be cut into messages, or failed. */
    public long badStreams() {
        return badStreams.get();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        server.close();
        try {
            if (acceptor != null) acceptor.join(5_000);
            for (SocketChannel c : open) c.close();
            // the ring outlives this listener only if no connection thread can still write to it
            for (Thread t : workers) t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
