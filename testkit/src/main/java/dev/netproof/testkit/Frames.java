package dev.netproof.testkit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds simple packets as byte arrays for tests: Ethernet (optionally VLAN-tagged) or raw IP, then
 * IPv4 or IPv6, then TCP, UDP or any other protocol's bytes. Every length field is right (IPv4 total
 * length, IPv6 payload length, UDP length, TCP data offset) and the IPv4, TCP and UDP checksums are
 * computed, so tshark shows no warnings. Frames are not padded to Ethernet's 60-byte minimum.
 *
 * <pre>{@code
 * byte[] syn = Frames.ethernet().vlan(10)
 *         .ipv4("10.0.0.1", "10.0.0.2")
 *         .tcp(40000, 80).flags(Frames.SYN).seq(1000)
 *         .build();                                     // write with LinkTypes.ETHERNET
 * byte[] dns = Frames.rawIp().ipv6("2001:db8::1", "2001:db8::53")
 *         .udp(5353, 53).payload(query)
 *         .build();                                     // write with LinkTypes.RAW
 * }</pre>
 *
 * <p>Defaults: MACs 02:00:00:00:00:01 → 02:00:00:00:00:02, TTL/hop limit 64, IPv4 id 0 with DF set,
 * TCP window 65535, seq/ack 0, flags ACK. Builders are mutable and single-use; not thread-safe.
 */
public final class Frames {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_IPV6 = 0x86DD;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;

    private Frames() {
    }

    /** A frame starting with a 14-byte Ethernet II header (plus 4 bytes per {@link Builder#vlan}). */
    public static Builder ethernet() {
        return new Builder(true);
    }

    /** A packet starting at the IP header, for LINKTYPE_RAW (101), IPV4 (228) or IPV6 (229). */
    public static Builder rawIp() {
        return new Builder(false);
    }

    /** Fluent description of one packet; {@link #build()} lays it out. */
    public static final class Builder {
        private final boolean ethernet;
        private byte[] srcMac = mac("02:00:00:00:00:01");
        private byte[] dstMac = mac("02:00:00:00:00:02");
        private final List<Integer> vlans = new ArrayList<>();
        private int etherType = -1;
        private byte[] srcIp;
        private byte[] dstIp;
        private int ttl = 64;
        private int ipId;
        private int proto = -1;
        private boolean tcp;
        private boolean udp;
        private int srcPort;
        private int dstPort;
        private long seq;
        private long ack;
        private int flags = ACK;
        private int window = 65535;
        private byte[] tcpOptions = new byte[0];
        private byte[] payload = new byte[0];

        private Builder(boolean ethernet) {
            this.ethernet = ethernet;
        }

        /** MAC addresses as {@code "aa:bb:cc:dd:ee:ff"}. */
        public Builder macs(String src, String dst) {
            srcMac = mac(src);
            dstMac = mac(dst);
            return this;
        }

        /** Adds an 802.1Q tag (TPID 0x8100) with this VLAN id; call twice for QinQ, outer tag first. */
        public Builder vlan(int id) {
            vlans.add(id & 0xfff);
            return this;
        }

        /** The EtherType after the tags, for non-IP frames (e.g. {@link #ETHERTYPE_ARP}); IP sets it itself. */
        public Builder etherType(int type) {
            etherType = type;
            return this;
        }

        /** An IPv4 header (20 bytes, no options) between the two dotted-quad addresses. */
        public Builder ipv4(String src, String dst) {
            srcIp = addr(src, Inet4Address.class);
            dstIp = addr(dst, Inet4Address.class);
            return this;
        }

        /** An IPv6 header (40 bytes, no extension headers) between the two addresses. */
        public Builder ipv6(String src, String dst) {
            srcIp = addr(src, Inet6Address.class);
            dstIp = addr(dst, Inet6Address.class);
            return this;
        }

        public Builder ttl(int v) {
            ttl = v;
            return this;
        }

        public Builder ipId(int v) {
            ipId = v;
            return this;
        }

        /** The IP payload is just {@link #payload} under this protocol number (ICMP, GRE, ...). */
        public Builder ipProto(int p) {
            proto = p;
            return this;
        }

        /** A 20-byte TCP header (no options) with these ports; see {@link #flags}, {@link #seq}. */
        public Builder tcp(int src, int dst) {
            tcp = true;
            proto = PROTO_TCP;
            srcPort = src;
            dstPort = dst;
            return this;
        }

        /** An 8-byte UDP header with these ports. */
        public Builder udp(int src, int dst) {
            udp = true;
            proto = PROTO_UDP;
            srcPort = src;
            dstPort = dst;
            return this;
        }

        /** TCP flags, OR of {@link #SYN}, {@link #ACK}, ...; the default is ACK alone. */
        public Builder flags(int f) {
            flags = f;
            return this;
        }

        public Builder seq(long v) {
            seq = v;
            return this;
        }

        public Builder ack(long v) {
            ack = v;
            return this;
        }

        /** The raw (unscaled) TCP window. */
        public Builder window(int v) {
            window = v;
            return this;
        }

        /** Raw TCP options, padded with EOL to a multiple of 4 bytes; see {@link TcpOptions}. */
        public Builder tcpOptions(byte[] options) {
            int padded = (options.length + 3) & ~3;
            if (padded > 40) throw new IllegalArgumentException("TCP options longer than 40 bytes: " + options.length);
            tcpOptions = java.util.Arrays.copyOf(options, padded);
            return this;
        }

        /** Bytes after the innermost header. */
        public Builder payload(byte[] p) {
            payload = p.clone();
            return this;
        }

        public Builder payload(String ascii) {
            return payload(ascii.getBytes(StandardCharsets.US_ASCII));
        }

        /** Lays the packet out; length fields and checksums are filled in. */
        public byte[] build() {
            byte[] l4 = layer4();
            byte[] l3 = srcIp == null ? l4 : layer3(l4);
            if (!ethernet) return l3;
            // Without IP and without an explicit type, 0x88B5 (IEEE "local experimental") keeps
            // decoders from mistaking the payload for a protocol.
            int type = srcIp != null ? (srcIp.length == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6)
                    : etherType >= 0 ? etherType : 0x88B5;
            ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans.size() + l3.length);
            b.put(dstMac).put(srcMac);
            for (int id : vlans) b.putShort((short) ETHERTYPE_VLAN).putShort((short) id);
            b.putShort((short) type).put(l3);
            return b.array();
        }

        private byte[] layer4() {
            if (udp) {
                ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
                b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length))
                        .putShort((short) 0).put(payload);
                return withTransportChecksum(b.array(), 6);
            }
            if (tcp) {
                int hlen = 20 + tcpOptions.length;
                ByteBuffer b = ByteBuffer.allocate(hlen + payload.length);
                b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                        .put((byte) ((hlen / 4) << 4)).put((byte) flags).putShort((short) window)
                        .putShort((short) 0).putShort((short) 0).put(tcpOptions).put(payload);
                return withTransportChecksum(b.array(), 16);
            }
            return payload.clone();
        }

        private byte[] withTransportChecksum(byte[] seg, int at) {
            if (srcIp == null) return seg;
            ByteBuffer pseudo = ByteBuffer.allocate(srcIp.length * 2 + 8 + seg.length);
            pseudo.put(srcIp).put(dstIp).putInt(seg.length).putInt(proto).put(seg);
            int sum = checksum(pseudo.array());
            if (udp && sum == 0) sum = 0xffff; // 0 means "no checksum" in UDP
            seg[at] = (byte) (sum >> 8);
            seg[at + 1] = (byte) sum;
            return seg;
        }

        private byte[] layer3(byte[] l4) {
            int p = proto < 0 ? 59 : proto; // 59: IPv6 "no next header"; harmless for IPv4 too
            if (srcIp.length == 4) {
                ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
                b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) ipId)
                        .putShort((short) 0x4000).put((byte) ttl).put((byte) p).putShort((short) 0)
                        .put(srcIp).put(dstIp);
                int sum = checksum(java.util.Arrays.copyOf(b.array(), 20));
                b.putShort(10, (short) sum).put(l4);
                return b.array();
            }
            ByteBuffer b = ByteBuffer.allocate(40 + l4.length);
            b.putInt(0x60000000).putShort((short) l4.length).put((byte) p).put((byte) ttl)
                    .put(srcIp).put(dstIp).put(l4);
            return b.array();
        }
    }

    /** The Internet checksum (RFC 1071) of {@code data}. */
    public static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        if ((data.length & 1) != 0) sum += (data[data.length - 1] & 0xff) << 8;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }

    private static byte[] mac(String s) {
        String[] parts = s.split(":");
        if (parts.length != 6) throw new IllegalArgumentException("not a MAC address: " + s);
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) m[i] = (byte) Integer.parseInt(parts[i], 16);
        return m;
    }

    private static byte[] addr(String literal, Class<? extends InetAddress> kind) {
        // Only literals: a host name would be a DNS lookup in a unit test.
        if (!literal.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("not an IP literal: " + literal);
        try {
            InetAddress a = InetAddress.getByName(literal);
            if (!kind.isInstance(a)) throw new IllegalArgumentException("not an " + kind.getSimpleName() + ": " + literal);
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
