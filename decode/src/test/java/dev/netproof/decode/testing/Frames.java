package dev.netproof.decode.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds frames inside-out for tests: each method wraps a payload in one header with its length
 * fields computed, e.g. {@code eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80).build()))}.
 * Fields a test wants wrong are poked afterwards with {@link #put16} and friends.
 */
public final class Frames {
    public static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10;

    private Frames() {}

    // ------------------------------------------------------------------ bytes

    public static byte[] cat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    public static byte[] zeros(int n) {
        return new byte[n];
    }

    public static byte[] put8(byte[] b, int at, int v) {
        b[at] = (byte) v;
        return b;
    }

    public static byte[] put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
        return b;
    }

    public static byte[] put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
        return b;
    }

    public static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    // ------------------------------------------------------------------ L2

    public static final byte[] MAC_A = bytes(0x02, 0, 0, 0, 0, 0x0a);
    public static final byte[] MAC_B = bytes(0x02, 0, 0, 0, 0, 0x0b);

    public static byte[] eth(int type, byte[] payload) {
        return cat(MAC_B, MAC_A, put16(new byte[2], 0, type), payload);
    }

    /** Ethernet padded to the 60-byte minimum, as on the wire. */
    public static byte[] ethPadded(int type, byte[] payload) {
        byte[] f = eth(type, payload);
        return f.length >= 60 ? f : cat(f, zeros(60 - f.length));
    }

    /** An 802.1Q/802.1ad tag body (after its TPID): TCI and the next EtherType. */
    public static byte[] tag(int vlanId, int nextType, byte[] payload) {
        byte[] t = new byte[4];
        put16(t, 0, vlanId & 0x0fff);
        put16(t, 2, nextType);
        return cat(t, payload);
    }

    public static byte[] mpls(int label, boolean bottom, byte[] payload) {
        byte[] e = new byte[4];
        put32(e, 0, ((long) label << 12) | (bottom ? 0x100 : 0) | 64);
        return cat(e, payload);
    }

    public static byte[] pppoe(int pppProto, byte[] payload) {
        byte[] h = new byte[8];
        h[0] = 0x11;
        put16(h, 2, 0x1234);
        put16(h, 4, payload.length + 2);
        put16(h, 6, pppProto);
        return cat(h, payload);
    }

    public static byte[] llcSnap(int type, byte[] payload) {
        byte[] h = bytes(0xaa, 0xaa, 0x03, 0, 0, 0, 0, 0);
        put16(h, 6, type);
        byte[] body = cat(h, payload);
        return cat(MAC_B, MAC_A, put16(new byte[2], 0, body.length), body);
    }

    public static byte[] sll(int protocol, byte[] payload) {
        byte[] h = new byte[16];
        put16(h, 0, 0);          // to us
        put16(h, 2, 1);          // ARPHRD_ETHER
        put16(h, 4, 6);
        System.arraycopy(MAC_A, 0, h, 6, 6);
        put16(h, 14, protocol);
        return cat(h, payload);
    }

    public static byte[] sll2(int protocol, byte[] payload) {
        byte[] h = new byte[20];
        put16(h, 0, protocol);
        put32(h, 4, 3);          // interface index
        put16(h, 8, 1);          // ARPHRD_ETHER
        h[10] = 0;
        h[11] = 6;
        System.arraycopy(MAC_A, 0, h, 12, 6);
        return cat(h, payload);
    }

    /** BSD loopback header with the family in little-endian (as written on x86) or big-endian. */
    public static byte[] loopback(int af, boolean bigEndian, byte[] payload) {
        byte[] h = new byte[4];
        if (bigEndian) {
            put32(h, 0, af);
        } else {
            h[0] = (byte) af;
            h[1] = (byte) (af >>> 8);
        }
        return cat(h, payload);
    }

    // ------------------------------------------------------------------ L3

    public static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
        return new Ip4(src, dst, proto).build(payload);
    }

    public static Ip4 ip4(String src, String dst, int proto) {
        return new Ip4(src, dst, proto);
    }

    /** IPv4 header builder; unset fields get ordinary values. */
    public static final class Ip4 {
        private final String src, dst;
        private final int proto;
        private int ttl = 64, id = 0x1234, fragOffsetBytes, totalLenOverride = -1;
        private boolean mf, df = true;
        private byte[] options = new byte[0];

        Ip4(String src, String dst, int proto) {
            this.src = src;
            this.dst = dst;
            this.proto = proto;
        }

        public Ip4 ttl(int v) { ttl = v; return this; }
        public Ip4 id(int v) { id = v; return this; }
        public Ip4 frag(boolean moreFragments, int offsetBytes) { mf = moreFragments; fragOffsetBytes = offsetBytes; df = false; return this; }
        public Ip4 options(byte[] v) { options = v; return this; }
        public Ip4 totalLen(int v) { totalLenOverride = v; return this; }

        public byte[] build(byte[] payload) {
            int hl = 20 + options.length;
            byte[] h = new byte[hl];
            h[0] = (byte) (0x40 | (hl / 4));
            put16(h, 2, totalLenOverride >= 0 ? totalLenOverride : hl + payload.length);
            put16(h, 4, id);
            put16(h, 6, (mf ? 0x2000 : 0) | (df ? 0x4000 : 0) | (fragOffsetBytes >>> 3));
            h[8] = (byte) ttl;
            h[9] = (byte) proto;
            System.arraycopy(addr(src), 0, h, 12, 4);
            System.arraycopy(addr(dst), 0, h, 16, 4);
            System.arraycopy(options, 0, h, 20, options.length);
            put16(h, 10, checksum(h));
            return cat(h, payload);
        }
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return ipv6(src, dst, nextHeader, 64, payload);
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, int hopLimit, byte[] payload) {
        byte[] h = new byte[40];
        h[0] = 0x60;
        put16(h, 4, payload.length);
        h[6] = (byte) nextHeader;
        h[7] = (byte) hopLimit;
        System.arraycopy(addr(src), 0, h, 8, 16);
        System.arraycopy(addr(dst), 0, h, 24, 16);
        return cat(h, payload);
    }

    /** A generic extension header (hop-by-hop, routing, destination options): padded to 8-byte units. */
    public static byte[] ext6(int nextHeader, int bodyUnits, byte[] payload) {
        byte[] h = new byte[(bodyUnits + 1) * 8];
        h[0] = (byte) nextHeader;
        h[1] = (byte) bodyUnits;
        if (h.length > 2) {   // PadN option filling the rest, so Wireshark sees valid options
            h[2] = 1;
            h[3] = (byte) (h.length - 4);
        }
        return cat(h, payload);
    }

    /** A type 2 routing header (Mobile IPv6 home address): length 2, one segment left. */
    public static byte[] routing6(int nextHeader, byte[] payload) {
        byte[] h = new byte[24];
        h[0] = (byte) nextHeader;
        h[1] = 2;
        h[2] = 2;
        h[3] = 1;
        System.arraycopy(addr("2001:db8::9"), 0, h, 8, 16);
        return cat(h, payload);
    }

    public static byte[] frag6(int nextHeader, int offsetBytes, boolean more, long id, byte[] payload) {
        byte[] h = new byte[8];
        h[0] = (byte) nextHeader;
        put16(h, 2, (offsetBytes & 0xfff8) | (more ? 1 : 0));
        put32(h, 4, id);
        return cat(h, payload);
    }

    public static byte[] ah(int nextHeader, byte[] payload) {
        byte[] h = new byte[24];   // 12 fixed + 12-byte ICV (HMAC-96): payload len = 24/4 - 2 = 4
        h[0] = (byte) nextHeader;
        h[1] = 4;
        put32(h, 4, 0x100);        // SPI
        put32(h, 8, 1);            // sequence
        return cat(h, payload);
    }

    // ------------------------------------------------------------------ L4

    public static Tcp tcp(int srcPort, int dstPort) {
        return new Tcp(srcPort, dstPort);
    }

    /** TCP header builder. */
    public static final class Tcp {
        private final int sp, dp;
        private long seq = 1000, ack;
        private int flags = TCP_SYN, window = 65535, dataOffsetOverride = -1;
        private byte[] options = new byte[0];

        Tcp(int sp, int dp) {
            this.sp = sp;
            this.dp = dp;
        }

        public Tcp seq(long v) { seq = v; return this; }
        public Tcp ack(long v) { ack = v; return this; }
        public Tcp flags(int v) { flags = v; return this; }
        public Tcp window(int v) { window = v; return this; }
        /** Raw option bytes; padded with EOL to a multiple of 4. */
        public Tcp options(byte[] v) { options = v; return this; }
        public Tcp dataOffset(int words) { dataOffsetOverride = words; return this; }

        public byte[] build() {
            return build(new byte[0]);
        }

        public byte[] build(byte[] payload) {
            int optLen = (options.length + 3) & ~3;
            byte[] h = new byte[20 + optLen];
            put16(h, 0, sp);
            put16(h, 2, dp);
            put32(h, 4, seq);
            put32(h, 8, ack);
            h[12] = (byte) ((dataOffsetOverride >= 0 ? dataOffsetOverride : h.length / 4) << 4);
            h[13] = (byte) flags;
            put16(h, 14, window);
            System.arraycopy(options, 0, h, 20, options.length);
            return cat(h, payload);
        }
    }

    public static byte[] optMss(int mss) { return put16(bytes(2, 4, 0, 0), 2, mss); }
    public static byte[] optWscale(int shift) { return bytes(3, 3, shift); }
    public static byte[] optSackPerm() { return bytes(4, 2); }
    public static byte[] optNop() { return bytes(1); }
    public static byte[] optTimestamps(long val, long ecr) {
        byte[] o = bytes(8, 10, 0, 0, 0, 0, 0, 0, 0, 0);
        put32(o, 2, val);
        put32(o, 6, ecr);
        return o;
    }
    public static byte[] optSack(long... edges) {
        byte[] o = new byte[2 + 4 * edges.length];
        o[0] = 5;
        o[1] = (byte) o.length;
        for (int i = 0; i < edges.length; i++) put32(o, 2 + 4 * i, edges[i]);
        return o;
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        byte[] h = new byte[8];
        put16(h, 0, srcPort);
        put16(h, 2, dstPort);
        put16(h, 4, 8 + payload.length);
        return cat(h, payload);
    }

    public static byte[] icmp(int type, int code, byte[] payload) {
        byte[] h = new byte[8];
        h[0] = (byte) type;
        h[1] = (byte) code;
        put16(h, 4, 0x0101);
        put16(h, 6, 1);
        return cat(h, payload);
    }

    // ------------------------------------------------------------------ tunnels

    /** GRE version 0 with optional checksum, key and sequence fields. */
    public static byte[] gre(int protocol, boolean checksum, Long key, Long sequence, byte[] payload) {
        int flags = (checksum ? 0x8000 : 0) | (key != null ? 0x2000 : 0) | (sequence != null ? 0x1000 : 0);
        var out = new ByteArrayOutputStream();
        byte[] h = new byte[4];
        put16(h, 0, flags);
        put16(h, 2, protocol);
        out.writeBytes(h);
        if (checksum) out.writeBytes(new byte[4]);
        if (key != null) out.writeBytes(put32(new byte[4], 0, key));
        if (sequence != null) out.writeBytes(put32(new byte[4], 0, sequence));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public static byte[] vxlan(int vni, byte[] innerFrame) {
        byte[] h = new byte[8];
        h[0] = 0x08;
        put32(h, 4, (long) vni << 8);
        return cat(h, innerFrame);
    }

    // ------------------------------------------------------------------ checksums

    static int checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i + 1 < h.length; i += 2) sum += ((h[i] & 0xff) << 8) | (h[i + 1] & 0xff);
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
