package dev.netproof.app.corpus;

import dev.netproof.testkit.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * tshark's per-packet view of a capture with IP reassembly off, for the byte counts the oracle does
 * not hold: each TCP/UDP packet's IP length (IPv4 total length, IPv6 payload length + 40) and UDP
 * payload, keyed by the innermost IP header's addresses and the transport ports.
 *
 * <p>Which IP header: the last one before any ICMP/ICMPv6 layer, so a tunnel's inner packet counts and
 * the header an ICMP error quotes does not (the quoted packet is not traffic of that conversation).
 * A fragment with a non-zero offset carries no ports; it is attributed to the conversation of the
 * datagram's first fragment (same addresses, protocol and identification) when that was seen
 * earlier, the rule netproof documents; otherwise it is counted as unkeyed. Runs one tshark process.
 */
final class TsharkWire {
    private static final String[] FIELDS = {
        "frame.number", "frame.time_epoch", "frame.protocols",
        "ip.src", "ip.dst", "ip.len", "ip.proto", "ip.id", "ip.flags.mf", "ip.frag_offset",
        "ipv6.src", "ipv6.dst", "ipv6.plen", "ipv6.fraghdr.nxt", "ipv6.fraghdr.ident", "ipv6.fraghdr.offset",
        "ipv6.fraghdr.more", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "udp.length",
    };

    /** One TCP or UDP packet: {@code conv} is sender first; {@code udpPayload} is 0 for TCP and for later fragments. */
    record Packet(int frame, long tsNanos, Conv conv, long ipLen, long udpPayload, boolean attributedFragment) {
    }

    /**
     * Every frame's time, the TCP/UDP packets, how many later fragments were attributed to a TCP/UDP
     * conversation, and how many had no first fragment before them (later fragments of other
     * protocols' datagrams are in neither count).
     */
    record Result(Map<Integer, Long> frameTimes, List<Packet> packets, int fragmentsAttributed, int fragmentsUnkeyed) {
    }

    private TsharkWire() {
    }

    static Result read(Path capture) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(),
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Map<Integer, Long> times = new HashMap<>();
        List<Packet> packets = new ArrayList<>();
        Map<String, Optional<Conv>> firstFragments = new HashMap<>();
        int attributed = 0, unkeyed = 0;
        for (String line : run(cmd).lines().toList()) {
            Row r = new Row(line.split("\t", -1));
            int frame = Integer.parseInt(r.get("frame.number", 0));
            long ts = Tshark.epochNanos(r.get("frame.time_epoch", 0));
            times.put(frame, ts);
            Packet p = r.packet(frame, ts, firstFragments);
            if (p != null) {
                packets.add(p);
                if (p.attributedFragment()) attributed++;
            } else if (r.laterFragment) {
                unkeyed++;
            }
        }
        return new Result(times, packets, attributed, unkeyed);
    }

    /** One frame's fields; a field that occurs more than once (tunnels, ICMP quotes) holds all values. */
    private static final class Row {
        private final Map<String, String[]> values = new HashMap<>();
        boolean laterFragment;

        Row(String[] cells) {
            for (int i = 0; i < FIELDS.length; i++) {
                String c = i < cells.length ? cells[i] : "";
                values.put(FIELDS[i], c.isEmpty() ? new String[0] : c.split(","));
            }
        }

        String get(String field, int occurrence) {
            String[] v = values.get(field);
            return occurrence < v.length ? v[occurrence] : "";
        }

        Packet packet(int frame, long ts, Map<String, Optional<Conv>> firstFragments) {
            String protocols = get("frame.protocols", 0);
            List<String> layers = Arrays.asList(protocols.split(":"));
            int ip = -1;
            for (int i = 0; i < layers.size(); i++) {
                String l = layers.get(i);
                if (l.equals("ip") || l.equals("ipv6")) ip = i;
                else if ((l.equals("icmp") || l.equals("icmpv6")) && ip >= 0) break;
            }
            if (ip < 0) return null;
            boolean v6 = layers.get(ip).equals("ipv6");
            int k = occurrence(layers, ip);
            String src = get(v6 ? "ipv6.src" : "ip.src", k), dst = get(v6 ? "ipv6.dst" : "ip.dst", k);
            long ipLen = v6 ? Long.parseLong(get("ipv6.plen", k)) + 40 : Long.parseLong(get("ip.len", k));
            int transport = -1, fragHdr = -1;
            for (int i = ip + 1; i < layers.size(); i++) {
                String l = layers.get(i);
                if (l.equals("ip") || l.equals("ipv6") || l.equals("icmp") || l.equals("icmpv6")) break;
                if (l.equals("ipv6.fraghdr") && fragHdr < 0) fragHdr = i;
                if ((l.equals("tcp") || l.equals("udp")) && transport < 0) transport = i;
            }
            String fragKey = null;
            boolean later = false;
            if (!v6 && (flag(get("ip.flags.mf", k)) || !zero(get("ip.frag_offset", k)))) {
                fragKey = src + "|" + dst + "|" + get("ip.proto", k) + "|" + get("ip.id", k);
                later = !zero(get("ip.frag_offset", k));
            } else if (v6 && fragHdr >= 0) {
                int f = occurrence(layers, fragHdr);
                if (flag(get("ipv6.fraghdr.more", f)) || !zero(get("ipv6.fraghdr.offset", f))) {
                    fragKey = src + "|" + dst + "|" + get("ipv6.fraghdr.nxt", f) + "|" + get("ipv6.fraghdr.ident", f);
                    later = !zero(get("ipv6.fraghdr.offset", f));
                }
            }
            if (later) {
                Optional<Conv> first = firstFragments.get(fragKey);
                if (first == null) {
                    laterFragment = true;
                    return null;
                }
                return first.map(c -> new Packet(frame, ts, c, ipLen, 0, true)).orElse(null);
            }
            Conv conv = null;
            long udpPayload = 0;
            if (transport >= 0) {
                String proto = layers.get(transport);
                int t = occurrence(layers, transport);
                conv = Conv.of(proto, src, Integer.parseInt(get(proto + ".srcport", t)), dst,
                        Integer.parseInt(get(proto + ".dstport", t)));
                if (proto.equals("udp")) udpPayload = Math.max(0, Long.parseLong(get("udp.length", t)) - 8);
            }
            if (fragKey != null) firstFragments.put(fragKey, Optional.ofNullable(conv));
            return conv == null ? null : new Packet(frame, ts, conv, ipLen, udpPayload, false);
        }

        /** How many layers with the same name come before index {@code i}: the field occurrence of that layer. */
        private static int occurrence(List<String> layers, int i) {
            int n = 0;
            for (int j = 0; j < i; j++) if (layers.get(j).equals(layers.get(i))) n++;
            return n;
        }

        private static boolean flag(String v) {
            return v.equals("1") || v.equalsIgnoreCase("true");
        }

        private static boolean zero(String v) {
            return v.isEmpty() || v.equals("0");
        }
    }

    private static String run(List<String> cmd) {
        return Tshark.run(cmd);
    }
}
