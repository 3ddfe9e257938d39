package dev.netproof.decode.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark over a capture and returns one {@link Row} per frame. Fragment reassembly is off, so
 * that every fragment is dissected on its own, as the decoder sees it. A field that occurs in more
 * than one layer (QinQ tags, tunnels, the IP header quoted by an ICMP error) has its values in
 * layer order, outermost first.
 */
public final class Tshark {
    public static final Path TSHARK = Path.of("/usr/bin/tshark");

    /** The fields of the brief first, then extras for TTL, lengths, fragments, ICMP, options, tunnels. */
    public static final List<String> FIELDS = List.of(
            "frame.number", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto",
            "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "vlan.id", "tcp.flags",
            "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "udp.length",
            "frame.protocols", "ieee8021ad.id", "ip.ttl", "ipv6.hlim", "ip.len", "ipv6.plen",
            "ip.flags.mf", "ip.frag_offset", "ip.id", "ipv6.fraghdr.offset", "ipv6.fraghdr.more",
            "ipv6.fraghdr.ident", "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code",
            "tcp.window_size_value", "tcp.option_kind", "tcp.options.mss_val", "tcp.options.wscale.shift",
            "tcp.options.sack.count", "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr",
            "vxlan.vni", "gre.key", "mpls.label");

    private Tshark() {}

    public static boolean available() {
        return Files.isExecutable(TSHARK);
    }

    /** One frame: each field's values in layer order (empty list when absent). */
    public record Row(int frame, Map<String, List<String>> values) {
        public List<String> all(String field) {
            return values.getOrDefault(field, List.of());
        }

        /** The {@code index}-th value of {@code field}, or null. */
        public String get(String field, int index) {
            List<String> v = all(field);
            return index < v.size() ? v.get(index) : null;
        }

        public List<String> protocols() {
            String p = get("frame.protocols", 0);
            return p == null ? List.of() : Arrays.asList(p.split(":"));
        }
    }

    public static List<Row> run(Path capture) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TSHARK.toString(), "-r", capture.toString(), "-n",
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stdout = proc.getInputStream().readAllBytes();
        if (!proc.waitFor(120, TimeUnit.SECONDS) || proc.exitValue() != 0) {
            throw new IOException("tshark failed on " + capture + ": exit " + proc.exitValue());
        }
        List<Row> rows = new ArrayList<>();
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            String[] cols = line.split("\t", -1);
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size() && i < cols.length; i++) {
                if (!cols[i].isEmpty()) values.put(FIELDS.get(i), List.of(cols[i].split(",", -1)));
            }
            rows.add(new Row(Integer.parseInt(cols[0]), values));
        }
        return rows;
    }
}
