package dev.netproof.source.flow.listen;

import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDecoder;
import dev.netproof.source.flow.ExportSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The flow-export listeners: one {@link UdpListener} per UDP port and one {@link TcpListener} (IPFIX
 * over TCP) per TCP port, each with its own {@link DatagramRing}, and one decoding thread that drains
 * the rings into the decoder and the sink.
 *
 * <p>Lifecycle: construct (binds every port, so a busy port fails here), {@link #start()},
 * {@link #close()} (stops receiving, decodes what the rings still hold, then returns). The sink is called
 * on the decoding thread only.
 */
public final class Collector implements AutoCloseable {
    /** How the listeners are set up. */
    public record Config(InetAddress bind, List<Integer> udpPorts, List<Integer> tcpPorts, int receiveBuffer,
                         long ringBytes) {
        public static final List<Integer> DEFAULT_PORTS = List.of(2055, 4739, 6343);
        /** IPFIX's registered port, over TCP. */
        public static final List<Integer> DEFAULT_TCP_PORTS = List.of(4739);
        public static final long DEFAULT_RING_BYTES = 64L * 1024 * 1024;
        public static final int MAX_TCP_CONNECTIONS = 256;

        public Config {
            udpPorts = List.copyOf(udpPorts);
            tcpPorts = List.copyOf(tcpPorts);
            if (udpPorts.isEmpty() && tcpPorts.isEmpty()) throw new IllegalArgumentException("no port to listen on");
            for (int p : udpPorts) {
                if (p < 0 || p > 65535) throw new IllegalArgumentException("not a port: " + p);
            }
            for (int p : tcpPorts) {
                if (p < 0 || p > 65535) throw new IllegalArgumentException("not a port: " + p);
            }
        }

        /** UDP only. */
        public Config(InetAddress bind, List<Integer> udpPorts, int receiveBuffer, long ringBytes) {
            this(bind, udpPorts, List.of(), receiveBuffer, ringBytes);
        }

        public static Config defaults() {
            return new Config(InetAddress.getLoopbackAddress(), DEFAULT_PORTS, DEFAULT_TCP_PORTS,
                    UdpListener.DEFAULT_RECEIVE_BUFFER, DEFAULT_RING_BYTES);
        }
    }

    private final List<UdpListener> listeners = new ArrayList<>();
    private final List<TcpListener> tcpListeners = new ArrayList<>();
    private final List<DatagramRing> rings = new ArrayList<>();
    private final ExportDecoder decoder;
    private final ExportSink sink;
    private final Runnable tick;
    private final Thread thread;
    /** How often the decoding thread calls the owner's tick. */
    public static final long TICK_NANOS = 500_000_000L;
    private volatile boolean stopping;
    private volatile long decoded;
    private volatile long decoderFailures;
    private volatile Throwable failure;

    public Collector(Config config, ExportDecoder decoder, ExportSink sink) throws IOException {
        this(config, decoder, sink, () -> { });
    }

    /**
     * @param tick called on the decoding thread about every {@link #TICK_NANOS} and once more after the
     *             last datagram: where the owner flushes what the sink buffers (the sink's thread is the
     *             only one that may)
     */
    public Collector(Config config, ExportDecoder decoder, ExportSink sink, Runnable tick) throws IOException {
        this.decoder = decoder;
        this.sink = sink;
        this.tick = tick;
        try {
            for (int port : config.udpPorts()) {
                DatagramRing ring = new DatagramRing(config.ringBytes());
                rings.add(ring);
                listeners.add(new UdpListener(new InetSocketAddress(config.bind(), port), config.receiveBuffer(), ring));
            }
            for (int port : config.tcpPorts()) {
                DatagramRing ring = new DatagramRing(config.ringBytes());
                rings.add(ring);
                tcpListeners.add(new TcpListener(new InetSocketAddress(config.bind(), port), ring,
                        Config.MAX_TCP_CONNECTIONS));
            }
        } catch (IOException | RuntimeException e) {
            for (UdpListener l : listeners) l.close();
            for (TcpListener l : tcpListeners) l.close();
            for (DatagramRing r : rings) r.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().name("export-decode").unstarted(this::decodeLoop);
    }

    public void start() {
        for (UdpListener l : listeners) l.start();
        for (TcpListener l : tcpListeners) l.start();
        thread.start();
    }

    private void decodeLoop() {
        DatagramRing.Reader reader = (data, offset, length, hi, lo, port, ts) -> {
            try {
                decoder.decode(data, offset, length, IpAddress.ofV6(hi, lo), port, ts, sink);
            } catch (RuntimeException e) {
                // a decoder bug must cost one datagram, not the collector: counted and kept for the report
                decoderFailures++;
                if (failure == null) failure = e;
            }
        };
        long lastTick = System.nanoTime();
        try {
            while (true) {
                boolean stop = stopping;
                int n = 0;
                for (DatagramRing r : rings) n += r.poll(reader, 256);
                decoded += n;
                if (System.nanoTime() - lastTick >= TICK_NANOS) {
                    tick.run();
                    lastTick = System.nanoTime();
                }
                if (n == 0) {
                    if (stop) break; // stopped and drained: nothing can arrive after the listeners closed
                    LockSupport.parkNanos(200_000);
                }
            }
            tick.run();
        } catch (Throwable t) {
            failure = t;
        }
    }

    public List<UdpListener> listeners() {
        return List.copyOf(listeners);
    }

    public List<TcpListener> tcpListeners() {
        return List.copyOf(tcpListeners);
    }

    /** Datagrams (and IPFIX messages from TCP) handed to the decoder so far. */
    public long decoded() {
        return decoded;
    }

    /** Datagrams received by all listeners so far. */
    public long received() {
        return listeners.stream().mapToLong(UdpListener::received).sum()
                + tcpListeners.stream().mapToLong(TcpListener::messages).sum();
    }

    /** Datagrams whose decoding threw (a bug: decoders count bad input instead). */
    public long decoderFailures() {
        return decoderFailures;
    }

    /** The first exception a decoder threw, or what stopped the decoding thread; null if none. */
    public Throwable failure() {
        return failure;
    }

    /** Stops receiving, decodes what was already received, frees the rings. */
    @Override
    public void close() throws IOException {
        for (UdpListener l : listeners) l.close();
        for (TcpListener l : tcpListeners) l.close();
        stopping = true;
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (DatagramRing r : rings) r.close();
    }
}
