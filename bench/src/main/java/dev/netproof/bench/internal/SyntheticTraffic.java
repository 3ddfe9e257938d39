package dev.netproof.bench.internal;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A deterministic set of conversations whose packets are computed on demand, so a million flows
 * cost no memory until they are written. Flow {@code f} is fully described by a hash of
 * {@code (seed, f)}; its packet number {@code r} is written by {@link #frame}.
 *
 * <p>The mix, by flow: 55% TCP over IPv4, 10% TCP over IPv4 in a VLAN, 10% TCP over IPv6, 17% DNS
 * over IPv4, 4% DNS over IPv4 in a VLAN, 4% DNS over IPv6. A TCP flow is a full connection of 9 to
 * 12 packets: handshake with options (MSS, SACK-permitted, window scale; timestamps on 80% of
 * flows), a 60-560 byte request, 1-4 response segments of up to 1448 bytes, an ACK, and a FIN
 * each way. A DNS flow is a query and its answer, in DNS wire format. Every 5-tuple is distinct.
 *
 * <p>{@link #roundRobin} orders the packets so that every flow is live at once (packet 0 of every
 * flow in a shuffled order, then packet 1 of every flow, ...): the table holds all flows and each
 * packet touches a random one, the worst case for caches. Not thread-safe.
 */
public final class SyntheticTraffic {
    /** Most packets a flow has. */
    public static final int MAX_PACKETS = 12;
    /** Room for the largest frame {@link #frame} writes. */
    public static final int MAX_FRAME = 1600;

    private static final int KIND_TCP = 0, KIND_DNS = 1;
    private static final int MSS = 1448;

    private final int flows;
    private final long seed;
    private final byte[] dns = new byte[512];

    public SyntheticTraffic(int flows, long seed) {
        if (flows < 1 || flows > 50_000_000) throw new IllegalArgumentException("flows: " + flows);
        this.flows = flows;
        this.seed = seed;
    }

    public int flows() {
        return flows;
    }

    /** Receives one packet of {@link #roundRobin}. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(MemorySegment frame, int length, int flow, int packet);
    }

    /**
     * Writes, in round-robin order, packets {@code 0..rounds-1} of every flow into {@code scratch}
     * (at least {@link #MAX_FRAME} bytes) and hands each to {@code out}; returns the number written.
     */
    public long roundRobin(int rounds, MemorySegment scratch, FrameConsumer out) {
        int[] order = new int[flows];
        for (int i = 0; i < flows; i++) order[i] = i;
        Random rnd = new Random(seed);
        long n = 0;
        for (int r = 0; r < Math.min(rounds, MAX_PACKETS); r++) {
            for (int i = flows - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            for (int f : order) {
                int len = frame(f, r, scratch, 0);
                if (len > 0) {
                    out.accept(scratch, len, f, r);
                    n++;
                }
            }
        }
        return n;
    }

    /** Packets flow {@code f} has. */
    public int packets(int f) {
        long h = hash(f);
        return kind(h) == KIND_TCP ? 8 + segments(h) : 2;
    }

    /**
     * Writes packet {@code r} of flow {@code f} as an Ethernet frame at {@code m[at]}.
     *
     * @return the frame length, or 0 when the flow has no packet {@code r}
     */
    public int frame(int f, int r, MemorySegment m, long at) {
        long h = hash(f);
        int variant = (int) Long.remainderUnsigned(h, 100);
        int vlan = (variant >= 55 && variant < 65) || (variant >= 92 && variant < 96) ? 100 + (int) ((h >>> 40) & 0x3ff) : -1;
        boolean v6 = (variant >= 65 && variant < 75) || variant >= 96;
        // client: distinct per flow (address from f / 50, port from f % 50); server: one of 4096
        int client = 0x0a00_0000 + f / 50;
        int cport = 10_000 + (f % 50) * 1000 + (int) ((h >>> 8) % 1000);
        int server = (int) ((h >>> 20) & 0xfff);
        long cHi, cLo, sHi, sLo;
        if (v6) {
            cHi = 0x2001_0db8_0001_0000L; cLo = client;
            sHi = 0x2001_0db8_0002_0000L; sLo = 0x1000 + server;
        } else {
            cHi = 0; cLo = FrameWriter.v4(client);
            sHi = 0; sLo = FrameWriter.v4(0xc633_0000 | server); // 198.51.x.y
        }
        if (kind(h) == KIND_DNS) {
            if (r > 1) return 0;
            int len = dnsMessage(f, r == 1);
            return r == 0
                    ? FrameWriter.udp(m, at, vlan, cHi, cLo, sHi, sLo, cport, 53, dns, len)
                    : FrameWriter.udp(m, at, vlan, sHi, sLo, cHi, cLo, 53, cport, dns, len);
        }
        int k = segments(h);
        if (r >= 8 + k) return 0;
        int sport = (h & (1L << 7)) != 0 ? 443 : 80;
        boolean ts = ((h >>> 32) & 0xff) < 205; // ~80% negotiate timestamps
        long isnC = (h >>> 11) & 0xffff_ffffL, isnS = (hash(f + 0x5bd1e995L) >>> 7) & 0xffff_ffffL;
        int req = 60 + (int) ((h >>> 44) % 500);
        int last = 100 + (int) ((h >>> 52) % (MSS - 100));
        int resp = (k - 1) * MSS + last;
        int opt = ts ? FrameWriter.OPT_TS : FrameWriter.OPT_NONE;
        int tsv = (int) isnC + r * 7, tse = (int) isnS + r * 5;
        // packet r: sender (true = client), flags, seq, ack, payload
        boolean fromClient;
        int flags, len = 0, win = 502;
        long seq, ack;
        if (r == 0) {
            fromClient = true; flags = FrameWriter.SYN; seq = isnC; ack = 0; win = 64240;
            opt = ts ? FrameWriter.OPT_SYN_TS : FrameWriter.OPT_SYN; tse = 0;
        } else if (r == 1) {
            fromClient = false; flags = FrameWriter.SYN | FrameWriter.ACK; seq = isnS; ack = isnC + 1; win = 65160;
            opt = ts ? FrameWriter.OPT_SYN_TS : FrameWriter.OPT_SYN;
        } else if (r == 2) {
            fromClient = true; flags = FrameWriter.ACK; seq = isnC + 1; ack = isnS + 1;
        } else if (r == 3) {
            fromClient = true; flags = FrameWriter.PSH | FrameWriter.ACK; seq = isnC + 1; ack = isnS + 1; len = req;
        } else if (r < 4 + k) {
            int j = r - 4;
            fromClient = false; flags = j == k - 1 ? FrameWriter.PSH | FrameWriter.ACK : FrameWriter.ACK;
            seq = isnS + 1 + (long) j * MSS; ack = isnC + 1 + req; len = j == k - 1 ? last : MSS;
        } else if (r == 4 + k) {
            fromClient = true; flags = FrameWriter.ACK; seq = isnC + 1 + req; ack = isnS + 1 + resp;
        } else if (r == 5 + k) {
            fromClient = false; flags = FrameWriter.FIN | FrameWriter.ACK; seq = isnS + 1 + resp; ack = isnC + 1 + req;
        } else if (r == 6 + k) {
            fromClient = true; flags = FrameWriter.FIN | FrameWriter.ACK; seq = isnC + 1 + req; ack = isnS + 2 + resp;
        } else {
            fromClient = false; flags = FrameWriter.ACK; seq = isnS + 2 + resp; ack = isnC + 2 + req;
        }
        seq &= 0xffff_ffffL;
        ack &= 0xffff_ffffL;
        return fromClient
                ? FrameWriter.tcp(m, at, vlan, cHi, cLo, sHi, sLo, cport, sport, seq, ack, flags, win, opt, tsv, tse, len)
                : FrameWriter.tcp(m, at, vlan, sHi, sLo, cHi, cLo, sport, cport, seq, ack, flags, win, opt, tse, tsv, len);
    }

    private static int kind(long h) {
        int variant = (int) Long.remainderUnsigned(h, 100);
        return variant < 75 ? KIND_TCP : KIND_DNS;
    }

    private static int segments(long h) {
        return 1 + (int) ((h >>> 60) & 3);
    }

    private long hash(long f) {
        long z = f * 0x9E3779B97F4A7C15L + seed * 0xD6E8FEB86659FD93L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A query for {@code w<n>.example.com} A, or its answer; written to {@link #dns}, returns the length. */
    private int dnsMessage(int f, boolean response) {
        byte[] d = dns;
        int p = 0;
        d[p++] = (byte) (f >>> 8); d[p++] = (byte) f;                     // id
        d[p++] = (byte) (response ? 0x81 : 0x01); d[p++] = (byte) (response ? 0x80 : 0x00);
        d[p++] = 0; d[p++] = 1;                                            // qdcount
        d[p++] = 0; d[p++] = (byte) (response ? 1 : 0);                    // ancount
        d[p++] = 0; d[p++] = 0; d[p++] = 0; d[p++] = 0;                    // nscount, arcount
        byte[] label = ("w" + (f % 9973)).getBytes(StandardCharsets.US_ASCII);
        d[p++] = (byte) label.length;
        System.arraycopy(label, 0, d, p, label.length);
        p += label.length;
        for (String s : new String[] {"example", "com"}) {
            d[p++] = (byte) s.length();
            for (int i = 0; i < s.length(); i++) d[p++] = (byte) s.charAt(i);
        }
        d[p++] = 0;
        d[p++] = 0; d[p++] = 1; d[p++] = 0; d[p++] = 1;                    // A, IN
        if (response) {
            d[p++] = (byte) 0xc0; d[p++] = 0x0c;                           // name: pointer to the question
            d[p++] = 0; d[p++] = 1; d[p++] = 0; d[p++] = 1;                // A, IN
            d[p++] = 0; d[p++] = 0; d[p++] = 0x01; d[p++] = 0x2c;          // TTL 300
            d[p++] = 0; d[p++] = 4;
            d[p++] = (byte) 203; d[p++] = 0; d[p++] = 113; d[p++] = (byte) f;
        }
        return p;
    }
}
