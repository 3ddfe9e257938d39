package dev.netproof.decode.testing;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares one decoded packet with tshark's dissection of the same frame, field by field.
 *
 * <p>Which tshark layer to compare with: the decoder reports the IP header inside
 * {@code tunnelDepth} encapsulations, i.e. the {@code tunnelDepth}-th ("ip" or "ipv6") token of
 * {@code frame.protocols}, 0-based. A field that occurs in several layers is indexed by how many
 * layers of its protocol come before that IP token, so an outer VXLAN UDP header or an IP header
 * quoted inside an ICMP error is never confused with the one the decoder reports.
 */
public final class Differ {
    /** One disagreement; {@code field} names the tshark field or a derived check. */
    public record Mismatch(String field, String tshark, String ours) {
        @Override
        public String toString() {
            return field + ": tshark=" + tshark + " ours=" + ours;
        }
    }

    private final Tshark.Row row;
    private final DecodedPacket d;
    private final List<Mismatch> out = new ArrayList<>();
    private int checks;
    private final List<String> protos;

    private Differ(Tshark.Row row, DecodedPacket d) {
        this.row = row;
        this.d = d;
        this.protos = row.protocols();
    }

    /** The disagreements, and how many fields were compared (so a test can prove it compared). */
    public record Result(List<Mismatch> mismatches, int checks) {}

    public static Result compare(Tshark.Row row, DecodedPacket d) {
        Differ x = new Differ(row, d);
        x.run();
        return new Result(x.out, x.checks);
    }

    private void run() {
        vlans();
        int l3 = nthIp(d.tunnelDepth);
        if (d.ipVersion == 0) {
            if (l3 >= 0 && d.error != DecodeError.UNSUPPORTED_LINKTYPE) {
                check("l3", protos.get(l3), "none");
            }
            return;
        }
        if (l3 < 0) {
            check("l3", "none", "ipv" + d.ipVersion);
            return;
        }
        String fam = protos.get(l3);
        if (!fam.equals(d.ipVersion == 4 ? "ip" : "ipv6")) {
            check("l3", fam, "ipv" + d.ipVersion);
            return;
        }
        int idx = countBefore(fam, l3);
        if (d.ipVersion == 4) {
            addr("ip.src", row.get("ip.src", idx), d.srcHi, d.srcLo);
            addr("ip.dst", row.get("ip.dst", idx), d.dstHi, d.dstLo);
            checkInt("ip.proto", row.get("ip.proto", idx), d.ipProto);
            checkInt("ip.ttl", row.get("ip.ttl", idx), d.ttl);
            String len = row.get("ip.len", idx);
            if (!"0".equals(len)) checkInt("ip.len", len, d.ipLen);   // 0: TSO, we use the frame's
            checkBool("ip.flags.mf", row.get("ip.flags.mf", idx), d.moreFragments);
            checkInt("ip.frag_offset", row.get("ip.frag_offset", idx), d.fragOffset >>> 3);
            checkInt("ip.id", row.get("ip.id", idx), d.fragId);
        } else {
            addr("ipv6.src", row.get("ipv6.src", idx), d.srcHi, d.srcLo);
            addr("ipv6.dst", row.get("ipv6.dst", idx), d.dstHi, d.dstLo);
            checkInt("ipv6.hlim", row.get("ipv6.hlim", idx), d.ttl);
            String plen = row.get("ipv6.plen", idx);
            if (!"0".equals(plen)) checkInt("ipv6.plen", plen, d.ipLen - 40);
            int fragHdr = nextToken(l3, "ipv6.fraghdr");
            if (fragHdr >= 0) {
                int f = countBefore("ipv6.fraghdr", fragHdr);
                checkInt("ipv6.fraghdr.offset", row.get("ipv6.fraghdr.offset", f), d.fragOffset >>> 3);
                checkBool("ipv6.fraghdr.more", row.get("ipv6.fraghdr.more", f), d.moreFragments);
                checkInt("ipv6.fraghdr.ident", row.get("ipv6.fraghdr.ident", f), d.fragId);
            }
        }
        transport(l3);
    }

    private void transport(int l3) {
        String l4 = l4Token(l3);
        switch (d.ipProto) {
            case 6 -> tcp(l3, l4);
            case 17 -> udp(l3, l4);
            case 1 -> icmp(l3, l4, "icmp");
            case 58 -> icmp(l3, l4, "icmpv6");
            default -> {
                if (d.hasPorts) check("ports", "-", "ports for proto " + d.ipProto);
            }
        }
    }

    private void tcp(int l3, String l4) {
        int i = countBefore("tcp", l3);
        boolean theirs = "tcp".equals(l4) && row.get("tcp.srcport", i) != null;
        if (!theirs || !d.hasPorts) {
            check("tcp", theirs ? "ports" : "none", d.hasPorts ? "ports" : "none");
            return;
        }
        checkInt("tcp.srcport", row.get("tcp.srcport", i), d.srcPort);
        checkInt("tcp.dstport", row.get("tcp.dstport", i), d.dstPort);
        checkInt("tcp.seq_raw", row.get("tcp.seq_raw", i), d.seq);
        checkInt("tcp.ack_raw", row.get("tcp.ack_raw", i), d.ack);
        String flags = row.get("tcp.flags", i);
        if (flags != null) checkInt("tcp.flags", flags, d.tcpFlags, 0xff);
        checkInt("tcp.window_size_value", row.get("tcp.window_size_value", i), d.window);
        String len = row.get("tcp.len", i);
        if (len != null) checkInt("tcp.len", len, d.payloadLen);
        if (i == 0) options();
    }

    /** Options are compared only for the first TCP layer and when each occurs once. */
    private void options() {
        List<String> kinds = row.all("tcp.option_kind");
        single("tcp.options.mss_val", d.mss);
        single("tcp.options.wscale.shift", d.windowScale);
        if (kinds.contains("4") != d.sackPermitted) check("sack_perm", "" + kinds.contains("4"), "" + d.sackPermitted);
        if (row.all("tcp.options.sack.count").size() == 1 && d.error != DecodeError.TCP_OPTIONS) {
            checkInt("tcp.options.sack.count", row.get("tcp.options.sack.count", 0), d.sackBlocks);
        }
        if (row.all("tcp.options.timestamp.tsval").size() == 1) {
            checkInt("tcp.options.timestamp.tsval", row.get("tcp.options.timestamp.tsval", 0), d.tsVal);
            checkInt("tcp.options.timestamp.tsecr", row.get("tcp.options.timestamp.tsecr", 0), d.tsEcr);
        } else if (row.all("tcp.options.timestamp.tsval").isEmpty() && d.hasTimestamps) {
            check("tcp.options.timestamp.tsval", "none", "" + d.tsVal);
        }
    }

    private void single(String field, int ours) {
        List<String> v = row.all(field);
        if (v.size() > 1) return;
        if (v.isEmpty()) {
            if (ours >= 0) check(field, "none", "" + ours);
            return;
        }
        checkInt(field, v.get(0), ours);
    }

    private void udp(int l3, String l4) {
        int i = countBefore("udp", l3);
        boolean theirs = "udp".equals(l4) && row.get("udp.srcport", i) != null;
        if (!theirs || !d.hasPorts) {
            check("udp", theirs ? "ports" : "none", d.hasPorts ? "ports" : "none");
            return;
        }
        checkInt("udp.srcport", row.get("udp.srcport", i), d.srcPort);
        checkInt("udp.dstport", row.get("udp.dstport", i), d.dstPort);
        String len = row.get("udp.length", i);
        if (len != null && d.error != DecodeError.UDP_LENGTH) checkInt("udp.length", len, d.payloadLen + 8);
    }

    private void icmp(int l3, String l4, String proto) {
        int i = countBefore(proto, l3);
        boolean theirs = proto.equals(l4) && row.get(proto + ".type", i) != null;
        if (!theirs || !d.hasPorts) {
            check(proto, theirs ? "type" : "none", d.hasPorts ? "type" : "none");
            return;
        }
        checkInt(proto + ".type", row.get(proto + ".type", i), d.srcPort);
        checkInt(proto + ".code", row.get(proto + ".code", i), d.dstPort);
    }

    private void vlans() {
        // Wireshark dissects 802.1ad (0x88a8) tags as their own protocol: merge both in layer order.
        List<String> tags = new ArrayList<>();
        int vlan = 0, ad = 0;
        for (String p : protos) {
            if (p.equals("vlan")) tags.add(row.get("vlan.id", vlan++));
            if (p.equals("ieee8021ad")) tags.add(row.get("ieee8021ad.id", ad++));
        }
        String v0 = tags.size() > 0 ? tags.get(0) : null;
        String v1 = tags.size() > 1 ? tags.get(1) : null;
        checkInt("vlan.id[0]", v0 == null ? "-1" : v0, d.vlan);
        checkInt("vlan.id[1]", v1 == null ? "-1" : v1, d.innerVlan);
    }

    // Index helpers ---------------------------------------------------------------------------------

    /** Position in frame.protocols of the n-th IP token, or -1. */
    private int nthIp(int n) {
        int seen = 0;
        for (int i = 0; i < protos.size(); i++) {
            String p = protos.get(i);
            if (p.equals("ip") || p.equals("ipv6")) {
                if (seen++ == n) return i;
            }
        }
        return -1;
    }

    private int countBefore(String proto, int pos) {
        int n = 0;
        for (int i = 0; i < pos && i < protos.size(); i++) if (protos.get(i).equals(proto)) n++;
        return n;
    }

    /** The first token after the IP header at {@code l3}, skipping IPv6 extension headers and AH. */
    private String l4Token(int l3) {
        for (int i = l3 + 1; i < protos.size(); i++) {
            String p = protos.get(i);
            if (!p.startsWith("ipv6.") && !p.equals("ah")) return p;
        }
        return null;
    }

    /** Position of {@code token} among the extension headers right after {@code l3}, or -1. */
    private int nextToken(int l3, String token) {
        for (int i = l3 + 1; i < protos.size() && protos.get(i).startsWith("ipv6."); i++) {
            if (protos.get(i).equals(token)) return i;
        }
        return -1;
    }

    // Comparisons -----------------------------------------------------------------------------------

    private void check(String field, String tshark, String ours) {
        checks++;
        if (!Objects.equals(tshark, ours)) out.add(new Mismatch(field, tshark, ours));
    }

    private void checkInt(String field, String tshark, long ours) {
        checkInt(field, tshark, ours, -1L);
    }

    private void checkInt(String field, String tshark, long ours, long mask) {
        checks++;
        if (tshark == null) {
            out.add(new Mismatch(field, "none", "" + ours));
            return;
        }
        long v = tshark.startsWith("0x") ? Long.parseLong(tshark.substring(2), 16) : Long.parseLong(tshark);
        if ((v & mask) != ours) out.add(new Mismatch(field, tshark, "" + ours));
    }

    private void checkBool(String field, String tshark, boolean ours) {
        checks++;
        if (tshark == null) {
            out.add(new Mismatch(field, "none", "" + ours));
            return;
        }
        boolean v = tshark.equals("1") || tshark.equalsIgnoreCase("true");
        if (v != ours) out.add(new Mismatch(field, tshark, "" + ours));
    }

    private void addr(String field, String tshark, long hi, long lo) {
        checks++;
        if (tshark == null) {
            out.add(new Mismatch(field, "none", IpAddress.format(hi, lo)));
            return;
        }
        IpAddress a = IpAddress.parse(tshark);
        if (a.hi() != hi || a.lo() != lo) out.add(new Mismatch(field, tshark, IpAddress.format(hi, lo)));
    }
}
