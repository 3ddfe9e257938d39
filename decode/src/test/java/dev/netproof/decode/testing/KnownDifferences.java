package dev.netproof.decode.testing;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import java.util.Set;

/**
 * Disagreements with tshark that are by design, each a named rule matching an entry of
 * the repository's DIFFERENCES.md ("Packet decoding"). A rule must be narrow: it names the field and the condition under which the two
 * readings legitimately differ.
 */
public final class KnownDifferences {
    private KnownDifferences() {}

    static final Set<String> TCP_FIXED_AFTER_FLAGS = Set.of("tcp.ack_raw", "tcp.window_size_value", "tcp.len");

    /** The rule explaining {@code m}, or null when it is a real disagreement. */
    public static String explain(Tshark.Row row, DecodedPacket d, Differ.Mismatch m) {
        String f = m.field();
        // D1: a TCP fixed header cut by the snaplen: tshark shows the ports only; we keep every whole field.
        if (d.truncated && f.startsWith("tcp.") && m.tshark().equals("none")) return "D1 tcp-fixed-header-cut";
        // D2: tshark shows an "ip" layer without addresses when the header is cut or its lengths are
        //     impossible; we report no L3 at all (all-or-nothing fixed header).
        if (f.equals("l3") && m.ours().equals("none") && row.all("ip.src").isEmpty() && row.all("ipv6.src").isEmpty()
                && (d.truncated || d.error == DecodeError.IPV4_HEADER_LEN || d.error == DecodeError.IPV4_TOTAL_LEN)) {
            return "D2 ip-header-unusable";
        }
        // D3: EtherType IPv4 with version 6: tshark hands the bytes to its IPv6 dissector; we count IPV4_VERSION.
        if (f.equals("l3") && d.error == DecodeError.IPV4_VERSION && row.protocols().contains("ipv6")) {
            return "D3 ipv4-ethertype-version-6";
        }
        // D4: TCP data offset below 5: tshark stops after the flags and computes tcp.len from the bogus
        //     offset; we keep the fixed fields and report no payload.
        if (d.error == DecodeError.TCP_HEADER_LEN && TCP_FIXED_AFTER_FLAGS.contains(f)) return "D4 tcp-bad-data-offset";
        // D5: an ICMP message shorter than its 8-byte header: tshark adds no field; we keep type and code.
        if (d.error == DecodeError.ICMP_SHORT && (f.equals("icmp") || f.equals("icmpv6")) && m.tshark().equals("none")) {
            return "D5 icmp-short";
        }
        return null;
    }
}
