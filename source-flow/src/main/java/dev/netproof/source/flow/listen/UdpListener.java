package dev.netproof.source.flow.listen;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One UDP port of the collector. Its thread does nothing but receive datagrams and copy them into a
 * {@link DatagramRing}: decoding happens on another thread, so a slow decode never makes the kernel's
 * socket buffer overflow sooner than it must. A datagram that finds the ring full is counted
 * ({@link #ringFull()}); what the kernel itself dropped is read from {@code /proc} ({@link KernelUdpDrops}).
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} from the owner; counters from any thread.
 */
public final class UdpListener implements AutoCloseable {
    /** The receive buffer asked of the kernel; Linux caps it at {@code net.core.rmem_max} (doubled). */
    public static final int DEFAULT_RECEIVE_BUFFER = 32 * 1024 * 1024;
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private final DatagramRing ring;
    private final int port;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong ringFull = new AtomicLong();
    private final int receiveBuffer;
    private Thread thread;
    private volatile IOException failure;
    /** The kernel's drop count read just before the socket closed (its row then leaves /proc); -1 while open. */
    private volatile long kernelDropsAtClose = -1;

    /**
     * Binds now, so that a port in use is an error at start-up, not later.
     *
     * @param bind          address and port (port 0: any free port, see {@link #port()})
     * @param receiveBuffer SO_RCVBUF to ask for
     */
    public UdpListener(InetSocketAddress bind, int receiveBuffer, DatagramRing ring) throws IOException {
        this.ring = ring;
        this.channel = DatagramChannel.open(bind.getAddress() instanceof Inet4Address
                ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(bind);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.receiveBuffer = channel.getOption(StandardSocketOptions.SO_RCVBUF);
    }

    public void start() {
        thread = Thread.ofPlatform().name("udp-rx-" + port).daemon().start(this::run);
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM).order(ByteOrder.BIG_ENDIAN);
        try {
            while (true) {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                long now = nowNanos();
                buf.flip();
                received.incrementAndGet();
                InetSocketAddress src = (InetSocketAddress) from;
                long[] hl = addressWords(src.getAddress());
                if (!ring.offer(buf, hl[0], hl[1], src.getPort(), now)) ringFull.incrementAndGet();
            }
        } catch (ClosedChannelException e) {
            // closed by close(): the normal way out
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The wall clock as nanoseconds since the epoch: a datagram's receive time. */
    static long nowNanos() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** An address as the two 64-bit words of its IPv6 (or v4-mapped) form. */
    static long[] addressWords(InetAddress a) {
        byte[] b = a.getAddress();
        long hi = 0;
        long lo;
        if (b.length == 4) {
            lo = 0x0000_ffff_0000_0000L | ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8)
                    | (b[3] & 0xffL);
        } else {
            lo = 0;
            for (int i = 0; i < 8; i++) hi = hi << 8 | (b[i] & 0xffL);
            for (int i = 8; i < 16; i++) lo = lo << 8 | (b[i] & 0xffL);
        }
        return new long[] {hi, lo};
    }

    public int port() {
        return port;
    }

    /** The receive buffer the kernel granted (Linux reports twice what it reserves for data). */
    public int receiveBuffer() {
        return receiveBuffer;
    }

    public long received() {
        return received.get();
    }

    /** Datagrams received from the kernel but refused by the full ring. */
    public long ringFull() {
        return ringFull.get();
    }

    /**
     * Datagrams the kernel dropped on this port because the socket's buffer was full
     * ({@link KernelUdpDrops#forPort}); after {@link #close()}, the count read just before the socket
     * closed, since a closed socket's row and its count leave {@code /proc}. -1 when unknown.
     */
    public long kernelDrops() {
        long atClose = kernelDropsAtClose;
        return atClose >= 0 || !channel.isOpen() ? atClose : KernelUdpDrops.forPort(port);
    }

    /** The I/O error that stopped the receive thread, or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen() && kernelDropsAtClose < 0) kernelDropsAtClose = KernelUdpDrops.forPort(port);
        channel.close();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
