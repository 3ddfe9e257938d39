package dev.netproof.decode.testing;

import static dev.netproof.decode.testing.Frames.*;

import dev.netproof.decode.LinkTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built frames for what the corpus lacks: every link type, tunnels, PPPoE, MPLS, QinQ, IPv6
 * extension headers, snaplen cuts and malformed headers. Shared by the unit tests and the tshark
 * differential test.
 *
 * @param capLen bytes kept of {@code frame} (the rest is "cut by the snaplen"); wire length is {@code frame.length}
 */
public record Synthetic(String name, int linkType, byte[] frame, int capLen) {

    public static final String A4 = "192.0.2.1", B4 = "198.51.100.2";
    public static final String A6 = "2001:db8::1", B6 = "2001:db8:ffff::2";

    public static Synthetic of(String name, int linkType, byte[] frame) {
        return new Synthetic(name, linkType, frame, frame.length);
    }

    public Synthetic cut(int cap) {
        return new Synthetic(name + "/cut" + cap, linkType, frame, cap);
    }

    public byte[] captured() {
        return java.util.Arrays.copyOf(frame, capLen);
    }

    // ------------------------------------------------------------------ reusable payloads

    public static byte[] tcpSyn() {
        return tcp(40000, 443).seq(0xfedcba98L).flags(TCP_SYN).window(64240)
                .options(cat(optMss(1460), optSackPerm(), optTimestamps(123456789L, 0), optNop(), optWscale(7)))
                .build();
    }

    public static byte[] tcpData(int len) {
        return tcp(40000, 443).seq(1001).ack(2002).flags(TCP_ACK | TCP_PSH).window(501)
                .options(cat(optNop(), optNop(), optTimestamps(1, 2))).build(new byte[len]);
    }

    public static byte[] dns() {
        return udp(53000, 53, bytes(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1));
    }

    public static byte[] v4(int proto, byte[] payload) {
        return ipv4(A4, B4, proto, payload);
    }

    public static byte[] v6(int nh, byte[] payload) {
        return ipv6(A6, B6, nh, payload);
    }

    // ------------------------------------------------------------------ the set

    public static List<Synthetic> all() {
        List<Synthetic> s = new ArrayList<>();
        int E = LinkTypes.ETHERNET;
        s.add(of("eth-ipv4-tcp-syn-options", E, eth(0x0800, v4(6, tcpSyn()))));
        s.add(of("eth-ipv4-tcp-data", E, eth(0x0800, v4(6, tcpData(100)))));
        s.add(of("eth-ipv4-udp-padded", E, ethPadded(0x0800, v4(17, udp(1, 2, bytes(7))))));
        s.add(of("eth-ipv4-icmp-echo", E, eth(0x0800, v4(1, icmp(8, 0, new byte[32])))));
        s.add(of("eth-ipv4-icmp-unreach", E, eth(0x0800, v4(1, icmp(3, 3, v4(17, dns()))))));
        s.add(of("eth-ipv4-options", E, eth(0x0800, ip4(A4, B4, 6).options(bytes(148, 4, 0, 0)).build(tcpSyn()))));
        s.add(of("eth-ipv4-tso-zero-len", E, eth(0x0800, ip4(A4, B4, 6).totalLen(0).build(tcpData(3000)))));
        s.add(of("eth-ipv4-frag-first", E, eth(0x0800, ip4(A4, B4, 17).id(77).frag(true, 0).build(
                cat(put16(udp(5000, 5001, new byte[0]), 4, 8 + 2000), new byte[1472])))));
        s.add(of("eth-ipv4-frag-middle", E, eth(0x0800, ip4(A4, B4, 17).id(77).frag(true, 1480).build(new byte[1480]))));
        s.add(of("eth-ipv4-frag-last", E, eth(0x0800, ip4(A4, B4, 17).id(77).frag(false, 2960).build(new byte[48]))));
        s.add(of("eth-ipv4-esp", E, eth(0x0800, v4(50, new byte[40]))));
        s.add(of("eth-ipv6-tcp", E, eth(0x86dd, v6(6, tcpSyn()))));
        s.add(of("eth-ipv6-udp", E, eth(0x86dd, v6(17, dns()))));
        s.add(of("eth-ipv6-icmpv6-echo", E, eth(0x86dd, v6(58, icmp(128, 0, new byte[16])))));
        s.add(of("eth-ipv6-hbh-dst-tcp", E, eth(0x86dd, v6(0, ext6(60, 0, ext6(6, 1, tcpData(10)))))));
        s.add(of("eth-ipv6-routing-udp", E, eth(0x86dd, v6(43, routing6(17, dns())))));
        s.add(of("eth-ipv6-ah-tcp", E, eth(0x86dd, v6(51, ah(6, tcpData(20))))));
        s.add(of("eth-ipv6-frag-first-udp", E, eth(0x86dd, v6(44, frag6(17, 0, true, 0xabcdef01L,
                cat(put16(udp(5000, 5001, new byte[0]), 4, 8 + 3000), new byte[1440]))))));
        s.add(of("eth-ipv6-frag-later", E, eth(0x86dd, v6(44, frag6(17, 1448, true, 0xabcdef01L, new byte[1448])))));
        s.add(of("eth-ipv6-atomic-frag-tcp", E, eth(0x86dd, v6(44, frag6(6, 0, false, 99, tcpData(5))))));
        s.add(of("eth-ipv6-no-next", E, eth(0x86dd, v6(59, new byte[0]))));
        s.add(of("eth-vlan-ipv4", E, eth(0x8100, tag(100, 0x0800, v4(6, tcpSyn())))));
        s.add(of("eth-qinq-88a8", E, eth(0x88a8, tag(200, 0x8100, tag(100, 0x0800, v4(17, dns()))))));
        s.add(of("eth-qinq-9100", E, eth(0x9100, tag(300, 0x8100, tag(30, 0x86dd, v6(6, tcpSyn()))))));
        s.add(of("eth-vlan-x3", E, eth(0x8100, tag(1, 0x8100, tag(2, 0x8100, tag(3, 0x0800, v4(17, dns())))))));
        s.add(of("eth-mpls2-ipv4", E, eth(0x8847, mpls(1000, false, mpls(2000, true, v4(6, tcpData(30)))))));
        s.add(of("eth-mpls-ipv6", E, eth(0x8847, mpls(16, true, v6(17, dns())))));
        s.add(of("eth-vlan-mpls-ipv4", E, eth(0x8100, tag(7, 0x8847, mpls(99, true, v4(1, icmp(0, 0, new byte[8])))))));
        s.add(of("eth-pppoe-ipv4", E, eth(0x8864, pppoe(0x0021, v4(6, tcpData(12))))));
        s.add(of("eth-pppoe-ipv6", E, eth(0x8864, pppoe(0x0057, v6(17, dns())))));
        s.add(of("eth-pppoe-lcp", E, ethPadded(0x8864, pppoe(0xc021, bytes(1, 1, 0, 4)))));
        s.add(of("eth-arp", E, ethPadded(0x0806, bytes(0, 1, 8, 0, 6, 4, 0, 1))));
        s.add(of("eth-llc-snap-ipv4", E, llcSnap(0x0800, v4(17, dns()))));
        s.add(of("eth-llc-stp", E, cat(MAC_B, MAC_A, bytes(0, 38, 0x42, 0x42, 0x03), new byte[35])));
        s.add(of("eth-gre-ipv4", E, eth(0x0800, v4(47, gre(0x0800, false, null, null, ipv4("10.0.0.1", "10.0.0.2", 6, tcpSyn()))))));
        s.add(of("eth-gre-key-seq-csum-ipv6", E, eth(0x0800, v4(47, gre(0x86dd, true, 42L, 7L, v6(17, dns()))))));
        s.add(of("eth-gre-teb-vlan", E, eth(0x0800, v4(47, gre(0x6558, false, 5L, null,
                eth(0x8100, tag(55, 0x0800, ipv4("10.1.0.1", "10.1.0.2", 1, icmp(8, 0, new byte[8])))))))));
        s.add(of("eth-gre-over-ipv6", E, eth(0x86dd, v6(47, gre(0x0800, false, null, null, ipv4("10.0.0.1", "10.0.0.2", 17, dns()))))));
        s.add(of("eth-vxlan-tcp", E, eth(0x0800, v4(17, udp(54321, 4789, vxlan(5001,
                eth(0x0800, ipv4("172.16.0.1", "172.16.0.2", 6, tcpData(40)))))))));
        s.add(of("eth-vxlan-vlan-ipv6", E, eth(0x86dd, v6(17, udp(54321, 4789, vxlan(7,
                eth(0x8100, tag(12, 0x86dd, ipv6("fd00::1", "fd00::2", 17, dns())))))))));
        s.add(of("eth-vxlan-arp", E, eth(0x0800, v4(17, udp(54321, 4789, vxlan(9, ethPadded(0x0806, bytes(0, 1, 8, 0))))))));
        s.add(of("eth-ipip", E, eth(0x0800, v4(4, ipv4("10.9.0.1", "10.9.0.2", 17, dns())))));
        s.add(of("eth-6in4", E, eth(0x0800, v4(41, ipv6("fd00::a", "fd00::b", 6, tcpSyn())))));
        s.add(of("eth-gre-depth5", E, eth(0x0800, nestGre(5, v4(17, dns())))));
        // snaplen cuts
        s.add(of("eth-ipv4-tcp-cut-options", E, eth(0x0800, v4(6, tcpSyn()))).cut(14 + 20 + 24));
        s.add(of("eth-ipv4-tcp-cut-fixed", E, eth(0x0800, v4(6, tcpSyn()))).cut(14 + 20 + 20));
        s.add(of("eth-ipv4-tcp-cut-ports", E, eth(0x0800, v4(6, tcpSyn()))).cut(14 + 20 + 6));
        s.add(of("eth-ipv4-cut-header", E, eth(0x0800, v4(6, tcpSyn()))).cut(14 + 10));
        s.add(of("eth-ipv6-cut-ext", E, eth(0x86dd, v6(0, ext6(60, 0, ext6(6, 1, tcpData(10)))))).cut(14 + 40 + 9));
        s.add(of("eth-vxlan-cut-inner", E, eth(0x0800, v4(17, udp(54321, 4789, vxlan(5001,
                eth(0x0800, ipv4("172.16.0.1", "172.16.0.2", 6, tcpData(40)))))))).cut(14 + 20 + 8 + 8 + 14 + 30));
        s.add(of("eth-udp-payload-cut", E, eth(0x0800, v4(17, udp(9, 10, new byte[500])))).cut(96));
        // malformed
        s.add(of("eth-tcp-doff-4", E, eth(0x0800, v4(6, tcp(1, 2).dataOffset(4).build()))));
        s.add(of("eth-tcp-doff-beyond-ip", E, eth(0x0800, v4(6, tcp(1, 2).dataOffset(15).build()))));
        s.add(of("eth-tcp-option-len-0", E, eth(0x0800, v4(6, tcp(1, 2).options(bytes(2, 0, 0, 0)).build()))));
        s.add(of("eth-tcp-option-past-header", E, eth(0x0800, v4(6, tcp(1, 2).options(cat(optMss(1400), bytes(8, 10, 0, 0))).build()))));
        s.add(of("eth-tcp-empty-sack", E, eth(0x0800, v4(6, tcp(1, 2).flags(TCP_ACK).options(bytes(1, 1, 5, 2)).build()))));
        s.add(of("eth-udp-len-too-big", E, eth(0x0800, v4(17, put16(udp(1, 2, new byte[4]), 4, 100)))));
        s.add(of("eth-udp-len-too-small", E, eth(0x0800, v4(17, put16(udp(1, 2, new byte[4]), 4, 3)))));
        s.add(of("eth-ipv4-ihl-4", E, eth(0x0800, put8(v4(6, tcpSyn()), 0, 0x44))));
        s.add(of("eth-ipv4-total-lt-ihl", E, eth(0x0800, put16(v4(6, tcpSyn()), 2, 12))));
        s.add(of("eth-ipv4-total-gt-frame", E, eth(0x0800, put16(v4(17, dns()), 2, 1000))));
        s.add(of("eth-ipv4-version-6", E, eth(0x0800, put8(v4(6, tcpSyn()), 0, 0x65))));
        s.add(of("eth-ipv6-ext-past-end", E, eth(0x86dd, v6(60, put8(ext6(6, 0, new byte[0]), 1, 9)))));
        s.add(of("eth-ipv6-plen-gt-frame", E, eth(0x86dd, put16(v6(17, dns()), 4, 900))));
        s.add(of("eth-icmp-short", E, eth(0x0800, v4(1, bytes(8, 0, 0, 0)))));
        s.add(of("eth-vxlan-no-i-flag", E, eth(0x0800, v4(17, udp(54321, 4789, put8(vxlan(1, eth(0x0800, v4(17, dns()))), 0, 0))))));
        s.add(of("eth-short", E, bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));

        // other link types
        s.add(of("sll-ipv4-tcp", LinkTypes.LINUX_SLL, sll(0x0800, v4(6, tcpSyn()))));
        s.add(of("sll-ipv6-udp", LinkTypes.LINUX_SLL, sll(0x86dd, v6(17, dns()))));
        s.add(of("sll-vlan-ipv4", LinkTypes.LINUX_SLL, sll(0x8100, tag(44, 0x0800, v4(17, dns())))));
        s.add(of("sll-arp", LinkTypes.LINUX_SLL, sll(0x0806, bytes(0, 1, 8, 0, 6, 4, 0, 1))));
        s.add(of("sll-llc", LinkTypes.LINUX_SLL, sll(0x0004, bytes(0x42, 0x42, 3, 0))));
        s.add(of("sll2-ipv4-tcp", LinkTypes.LINUX_SLL2, sll2(0x0800, v4(6, tcpData(9)))));
        s.add(of("sll2-ipv6-icmpv6", LinkTypes.LINUX_SLL2, sll2(0x86dd, v6(58, icmp(135, 0, new byte[16])))));
        s.add(of("null-le-ipv4", LinkTypes.NULL, loopback(2, false, v4(6, tcpSyn()))));
        s.add(of("null-le-ipv6-24", LinkTypes.NULL, loopback(24, false, v6(17, dns()))));
        s.add(of("null-le-ipv6-28", LinkTypes.NULL, loopback(28, false, v6(6, tcpSyn()))));
        s.add(of("null-le-ipv6-30", LinkTypes.NULL, loopback(30, false, v6(58, icmp(129, 0, new byte[4])))));
        s.add(of("null-be-ipv4", LinkTypes.NULL, loopback(2, true, v4(17, dns()))));
        s.add(of("null-be-ipv6-30", LinkTypes.NULL, loopback(30, true, v6(6, tcpData(1)))));
        s.add(of("null-unknown-af", LinkTypes.NULL, loopback(7, false, new byte[20])));
        s.add(of("loop-ipv4", LinkTypes.LOOP, loopback(2, true, v4(6, tcpSyn()))));
        s.add(of("loop-ipv6-24", LinkTypes.LOOP, loopback(24, true, v6(17, dns()))));
        s.add(of("raw-ipv4", LinkTypes.RAW, v4(17, dns())));
        s.add(of("raw-ipv6", LinkTypes.RAW, v6(6, tcpSyn())));
        s.add(of("raw-bad-nibble", LinkTypes.RAW, put8(v4(17, dns()), 0, 0x55)));
        s.add(of("ipv4-linktype", LinkTypes.IPV4, v4(6, tcpData(3))));
        s.add(of("ipv6-linktype", LinkTypes.IPV6, v6(17, dns())));
        return s;
    }

    /** {@code depth} GRE-in-IPv4 layers around {@code inner} (an IPv4 packet). */
    static byte[] nestGre(int depth, byte[] inner) {
        byte[] p = inner;
        for (int i = 0; i < depth; i++) p = ipv4("10.0." + i + ".1", "10.0." + i + ".2", 47, gre(0x0800, false, null, null, p));
        return p;
    }
}
