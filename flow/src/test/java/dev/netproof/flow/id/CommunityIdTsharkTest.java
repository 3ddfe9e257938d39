package dev.netproof.flow.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.core.model.IpAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against Wireshark's Community ID post-dissector: tshark prints each packet's
 * addresses, protocol, ports or ICMP type/code and its Community ID; we recompute the ID from the
 * printed tuple. Packets the spec leaves open are skipped: more than one IP header (tunnels, ICMP
 * errors quoting a datagram), a port-carrying protocol without its ports (non-first fragments),
 * and IPv6 whose upper-layer protocol tshark does not name.
 *
 * <p>Needs {@code tshark} on the PATH (or {@code TSHARK}); the captures are the corpus copies the
 * test kit bundles.
 */
@Tag("tshark")
class CommunityIdTsharkTest {

    private static final String[] FIELDS = {
        "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto", "ipv6.nxt",
        "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "sctp.srcport", "sctp.dstport",
        "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code", "communityid", "frame.number",
    };

    /** IPv6 next-header values that are extension headers, not the upper-layer protocol. */
    private static final Set<Integer> IPV6_EXTENSIONS = Set.of(0, 43, 44, 50, 51, 60, 135, 139, 140, 253, 254);

    @ParameterizedTest
    @ValueSource(strings = {
        "zeek-wikipedia.pcap",              // TCP and UDP over IPv4, UDP multicast over IPv6
        "zeek-ipv6-http-atomic-frag.pcap",  // ICMPv6 neighbor discovery, TCP over IPv6 with extension header
        "zeek-ipv6-fragmented-dns.pcap",    // UDP over IPv6 with fragments
        "sv-ipv4-frags.pcap",               // ICMP echo request and reply, fragmented
        "sv-eve-flow-vlan.pcap",            // ICMP echo to broadcast over VLAN
        "zeek-mixed-vlan-mpls.pcap",        // VLAN and MPLS encapsulations
    })
    void agreesWithTshark(String capture) throws Exception {
        String tshark = System.getenv().getOrDefault("TSHARK", "tshark");
        Path pcap = dev.netproof.testkit.Corpus.bundled(capture.substring(0, capture.lastIndexOf('.'))).path();

        List<String> command = new ArrayList<>(List.of(tshark, "-n", "-r", pcap.toString(),
                "--enable-protocol", "communityid", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a"));
        for (String f : FIELDS) {
            command.add("-e");
            command.add(f);
        }
        List<String> lines = run(command);

        int compared = 0;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            assertEquals(FIELDS.length, f.length, "tshark line: " + line);
            String expected = f[16];
            Tuple t = tuple(f);
            if (t == null || expected.isEmpty()) continue;
            String actual = CommunityId.v1(0, t.proto, t.src.hi(), t.src.lo(), t.dst.hi(), t.dst.lo(), t.sport, t.dport);
            assertEquals(expected, actual, capture + " frame " + f[17] + ": " + line);
            compared++;
        }
        assertTrue(compared > 0, capture + ": no packet was comparable");
    }

    private record Tuple(int proto, IpAddress src, IpAddress dst, int sport, int dport) {}

    /** The flow tuple of one tshark row, or null if the row is outside what we compare. */
    private static Tuple tuple(String[] f) {
        boolean v4 = !f[0].isEmpty();
        boolean v6 = !f[2].isEmpty();
        if (v4 == v6) return null; // no IP, or IPv6 in IPv4
        String src = v4 ? f[0] : f[2];
        String dst = v4 ? f[1] : f[3];
        if (src.contains(",") || dst.contains(",")) return null; // nested IP header
        int[][] transports = {{6, 6}, {17, 8}, {132, 10}, {1, 12}, {58, 14}}; // proto, index of first field
        Tuple found = null;
        for (int[] tr : transports) {
            String a = f[tr[1]];
            String b = f[tr[1] + 1];
            if (a.isEmpty() && b.isEmpty()) continue;
            if (found != null || a.contains(",") || b.contains(",") || a.isEmpty() || b.isEmpty()) return null;
            found = new Tuple(tr[0], Vectors.address(src), Vectors.address(dst), Integer.parseInt(a), Integer.parseInt(b));
        }
        if (found != null) return found;
        String protoField = v4 ? f[4] : f[5];
        if (protoField.isEmpty() || protoField.contains(",")) return null;
        int proto = Integer.parseInt(protoField);
        if (proto == 6 || proto == 17 || proto == 132 || proto == 1 || proto == 58) return null; // ports missing
        if (v6 && IPV6_EXTENSIONS.contains(proto)) return null;
        return new Tuple(proto, Vectors.address(src), Vectors.address(dst), 0, 0);
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, "tshark not runnable: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark timed out");
        assertEquals(0, p.exitValue(), "tshark exit status for " + command);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

}
