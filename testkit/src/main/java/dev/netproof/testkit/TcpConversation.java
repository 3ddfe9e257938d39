package dev.netproof.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one TCP connection segment by segment, for tests of TCP analysis: the builder keeps each
 * side's next sequence number and the time, so a test states only what is unusual (a lost segment,
 * a duplicate ACK, a zero window) and the rest stays consistent. Frames are Ethernet/IPv4 (or IPv6).
 *
 * <pre>{@code
 * TcpConversation c = TcpConversation.between("10.0.0.1", 40000, "10.0.0.2", 80);
 * c.handshake(2_000).send(CLIENT, 100).ack(SERVER).send(SERVER, 1000).ack(CLIENT).close();
 * c.writeTo(file);
 * }</pre>
 * Every method that emits a segment first advances the clock by {@link #gap(long)} (default 100 µs).
 */
public final class TcpConversation {
    public enum Side {
        CLIENT, SERVER;

        public Side peer() {
            return this == CLIENT ? SERVER : CLIENT;
        }
    }

    public static final Side CLIENT = Side.CLIENT, SERVER = Side.SERVER;

    /** One frame and its capture time. */
    public record Frame(long tsNanos, byte[] bytes) {
    }

    private final String[] host = new String[2];
    private final int[] port = new int[2];
    private final long[] next = new long[2];
    private final int[] window = {65535, 65535};
    private final List<Frame> frames = new ArrayList<>();
    private long nowNanos = 1_700_000_000_000_000_000L;
    private long gapNanos = 100_000;
    private byte[] nextOptions;

    private TcpConversation(String client, int cport, String server, int sport) {
        host[0] = client;
        port[0] = cport;
        host[1] = server;
        port[1] = sport;
        next[0] = 1_000_000;
        next[1] = 5_000_000;
    }

    public static TcpConversation between(String client, int cport, String server, int sport) {
        return new TcpConversation(client, cport, server, sport);
    }

    /** Sets the initial sequence numbers (before any segment). */
    public TcpConversation isn(long client, long server) {
        next[0] = client & 0xffff_ffffL;
        next[1] = server & 0xffff_ffffL;
        return this;
    }

    /** The clock before the first segment (default 2023-11-14T22:13:20Z). */
    public TcpConversation startAt(long tsNanos) {
        nowNanos = tsNanos;
        return this;
    }

    /** Time between segments from now on, in microseconds. */
    public TcpConversation gap(long micros) {
        gapNanos = micros * 1000;
        return this;
    }

    /** Advances the clock by {@code micros} (on top of the next segment's gap). */
    public TcpConversation pause(long micros) {
        nowNanos += micros * 1000;
        return this;
    }

    /** The raw window {@code side} advertises from now on. */
    public TcpConversation window(Side side, int w) {
        window[side.ordinal()] = w;
        return this;
    }

    /** Options for the next segment only. */
    public TcpConversation options(TcpOptions o) {
        nextOptions = o.bytes();
        return this;
    }

    /** The next new sequence number of {@code side}. */
    public long next(Side side) {
        return next[side.ordinal()];
    }

    /** Emits any segment; does not move the sides' sequence numbers. */
    public TcpConversation segment(Side side, long seq, long ack, int flags, int len) {
        nowNanos += gapNanos;
        int s = side.ordinal(), p = 1 - s;
        Frames.Builder b = Frames.ethernet();
        b = host[s].indexOf(':') >= 0 ? b.ipv6(host[s], host[p]) : b.ipv4(host[s], host[p]);
        b.tcp(port[s], port[p]).flags(flags).seq(seq & 0xffff_ffffL).ack(ack & 0xffff_ffffL).window(window[s])
                .payload(new byte[len]);
        if (nextOptions != null) {
            b.tcpOptions(nextOptions);
            nextOptions = null;
        }
        frames.add(new Frame(nowNanos, b.build()));
        return this;
    }

    /** SYN, SYN-ACK and ACK; the SYN-ACK comes {@code rttMicros} after the SYN, the ACK 100 µs later. */
    public TcpConversation handshake(long rttMicros) {
        syn();
        pause(rttMicros - gapNanos / 1000);
        synAck();
        return ack(CLIENT);
    }

    public TcpConversation syn() {
        segment(CLIENT, next[0], 0, Frames.SYN, 0);
        next[0]++;
        return this;
    }

    public TcpConversation synAck() {
        segment(SERVER, next[1], next[0], Frames.SYN | Frames.ACK, 0);
        next[1]++;
        return this;
    }

    /** {@code len} new bytes from {@code side}, acknowledging everything of the peer. */
    public TcpConversation send(Side side, int len) {
        int s = side.ordinal();
        segment(side, next[s], next[1 - s], Frames.ACK | Frames.PSH, len);
        next[s] += len;
        return this;
    }

    /** Skips {@code len} bytes of {@code side}: a segment the capture never sees. */
    public TcpConversation lose(Side side, int len) {
        next[side.ordinal()] += len;
        return this;
    }

    /** Sends again {@code len} bytes of {@code side} from {@code seq}. */
    public TcpConversation resend(Side side, long seq, int len) {
        int s = side.ordinal();
        return segment(side, seq, next[1 - s], Frames.ACK | Frames.PSH, len);
    }

    /** A pure ACK from {@code side} for everything of the peer. */
    public TcpConversation ack(Side side) {
        int s = side.ordinal();
        return segment(side, next[s], next[1 - s], Frames.ACK, 0);
    }

    /** A pure ACK from {@code side} acknowledging {@code ack} (e.g. a duplicate ACK for a hole). */
    public TcpConversation ackAt(Side side, long ack) {
        return segment(side, next[side.ordinal()], ack, Frames.ACK, 0);
    }

    public TcpConversation fin(Side side) {
        int s = side.ordinal();
        segment(side, next[s], next[1 - s], Frames.FIN | Frames.ACK, 0);
        next[s]++;
        return this;
    }

    public TcpConversation rst(Side side) {
        int s = side.ordinal();
        return segment(side, next[s], next[1 - s], Frames.RST | Frames.ACK, 0);
    }

    /** FIN from the client, ACK, FIN from the server, ACK. */
    public TcpConversation close() {
        return fin(CLIENT).ack(SERVER).fin(SERVER).ack(CLIENT);
    }

    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Writes the frames as a microsecond pcap. */
    public void writeTo(Path file) {
        try (PcapWriter w = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            for (Frame f : frames) w.packet(f.tsNanos(), f.bytes());
        }
    }
}
