package dev.netproof.app.corpus;

import dev.netproof.core.model.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Zeek's expected outputs for corpus captures ({@code corpus-expected/} in the test resources, see its
 * ATTRIBUTION.md), read as the connections Zeek reported, with conn.log's field names and text.
 *
 * <p>A file is {@code CAPTURE.expected.KIND}; each kind comes from one Zeek test script and says
 * something different: a {@code conn.log} gives every field of every connection; the printed outputs
 * give what their script printed ({@code history, conn_state}; an endpoint's size, packets and IP
 * bytes; a connection id, i.e. who is the originator; each reassembled packet's IPv6 and UDP header).
 */
final class ZeekExpected {
    static final String DIR = "corpus-expected";
    /** Logs of the application analyzers, compared by their own tests (e.g. {@code DnsVsZeekTest}), not as connections. */
    static final Set<String> TRANSACTION_LOGS = Set.of("dns.log", "http.log", "ssl.log");

    /** conn.log columns netproof also has (Zeek's {@code service}, {@code local_*}, {@code missed_bytes}, {@code tunnel_parents} are not ours). */
    static final List<String> CONN_FIELDS = List.of("proto", "ip_proto", "duration", "orig_bytes", "resp_bytes",
            "conn_state", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes");

    /** Line of each capture in the conn_state-RST-behavior output (the script runs four traces in this order). */
    private static final Map<String, Integer> CONN_STATE_LINE = Map.of("zeek-tcp-single-rst", 0,
            "zeek-tcp-syn-then-rst", 1, "zeek-tcp-syn-then-stuff-then-rst", 3);

    private static final Pattern CONN_ID = Pattern.compile(
            "\\[orig_h=([0-9A-Fa-f:.]+), orig_p=(\\d+)/(\\w+), resp_h=([0-9A-Fa-f:.]+), resp_p=(\\d+)/\\w+");
    private static final Pattern ENDPOINT = Pattern.compile("^\\[size=(\\d+), state=(\\d+), num_pkts=(\\d+), num_bytes_ip=(\\d+)");
    private static final Pattern IP6_UDP = Pattern.compile(
            "^ip6=\\[.*?len=(\\d+), nxt=17, .*?src=([0-9a-f:]+), dst=([0-9a-f:]+), .*udp = \\[sport=(\\d+)/udp, dport=(\\d+)/udp, ulen=(\\d+)\\]");

    private ZeekExpected() {
    }

    /**
     * One connection Zeek reported. {@code conv} is originator first, or null when the output names no
     * connection (it is then the only connection of the baseline's scope); {@code fields} holds conn.log
     * field names and Zeek's text ({@code -} = unset), in {@link #CONN_FIELDS} order.
     */
    record Conn(Conv conv, Map<String, String> fields) {
    }

    /** One expected-output file: the connections it reports and which netproof rows it covers. */
    record Baseline(String capture, String kind, List<Conn> conns, Predicate<Flow> scope, String scopeText) {
    }

    static List<Baseline> all() {
        List<Baseline> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                int i = name.indexOf(".expected.");
                if (i < 0 || TRANSACTION_LOGS.contains(name.substring(i + ".expected.".length()))) continue;
                out.add(parse(name.substring(0, i), name.substring(i + ".expected.".length()), Files.readAllLines(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Path dir() {
        URL url = ZeekExpected.class.getClassLoader().getResource(DIR);
        if (url == null) throw new IllegalStateException("no test resource " + DIR);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Predicate<Flow> TCP = f -> f.proto().zeekName().equals("tcp");

    static Baseline parse(String capture, String kind, List<String> lines) {
        List<String> body = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        return switch (kind) {
            case "conn.log" -> new Baseline(capture, kind, connLog(lines), f -> true, "all rows");
            case "conn_state.out" -> {
                Integer n = CONN_STATE_LINE.get(capture);
                if (n == null) throw new IllegalStateException(capture + ": not a trace of conn_state-RST-behavior");
                String[] hc = body.get(n).split(", ");
                yield new Baseline(capture, kind, List.of(new Conn(null, fields("history", hc[0], "conn_state", hc[1]))),
                        TCP, "TCP rows");
            }
            case "tcp-dups.out" -> {
                String remove = body.stream().filter(l -> l.startsWith("REMOVE:")).findFirst().orElseThrow();
                yield new Baseline(capture, kind, List.of(new Conn(connId(remove),
                        fields("history", remove.substring(remove.lastIndexOf(", ") + 2).strip()))), TCP, "TCP rows");
            }
            case "fin-retransmit.out" -> {
                Matcher o = matcher(ENDPOINT, body.get(0)), r = matcher(ENDPOINT, body.get(1));
                yield new Baseline(capture, kind, List.of(new Conn(null, fields("orig_bytes", o.group(1), "orig_pkts",
                        o.group(3), "orig_ip_bytes", o.group(4), "resp_bytes", r.group(1), "resp_pkts", r.group(3),
                        "resp_ip_bytes", r.group(4)))), TCP, "TCP rows");
            }
            case "flip-roles.out" -> {
                String removed = body.stream().filter(l -> l.startsWith("connection_state_remove")).findFirst().orElseThrow();
                yield new Baseline(capture, kind, List.of(new Conn(connId(removed), fields())), TCP, "TCP rows");
            }
            case "atomic-frag.output" -> new Baseline(capture, kind,
                    body.stream().map(l -> new Conn(connId(l), fields())).toList(),
                    TCP.and(f -> f.respP() == 80 || f.origP() == 80), "TCP rows with port 80");
            case "ipv6-frag.output" -> new Baseline(capture, kind, ipv6Packets(body),
                    f -> f.proto().zeekName().equals("udp"), "UDP rows");
            default -> throw new IllegalStateException(capture + ": unknown kind of expected output " + kind);
        };
    }

    private static List<Conn> connLog(List<String> lines) {
        List<String> names = null;
        List<Conn> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#fields\t")) names = Arrays.asList(l.substring("#fields\t".length()).split("\t"));
            if (l.startsWith("#") || l.isBlank()) continue;
            if (names == null) throw new IllegalStateException("conn.log row before #fields");
            String[] v = l.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) row.put(names.get(i), v[i]);
            Conv conv = Conv.of(row.get("proto"), row.get("id.orig_h"), Integer.parseInt(row.get("id.orig_p")),
                    row.get("id.resp_h"), Integer.parseInt(row.get("id.resp_p")));
            Map<String, String> f = new LinkedHashMap<>();
            for (String n : CONN_FIELDS) if (row.containsKey(n)) f.put(n, row.get(n));
            out.add(new Conn(conv, f));
        }
        return out;
    }

    /** Per connection, Zeek's packets (after reassembly), UDP payload and IP bytes each way; the first packet's sender is the originator. */
    private static List<Conn> ipv6Packets(List<String> body) {
        Map<Conv, long[]> sums = new LinkedHashMap<>();
        Map<Conv, Conv> oriented = new LinkedHashMap<>();
        for (String l : body) {
            Matcher m = matcher(IP6_UDP, l);
            Conv c = Conv.of("udp", m.group(2), Integer.parseInt(m.group(4)), m.group(3), Integer.parseInt(m.group(5)));
            Conv first = oriented.computeIfAbsent(c.unordered(), k -> c);
            long[] s = sums.computeIfAbsent(c.unordered(), k -> new long[6]);
            int d = first.a().equals(c.a()) ? 0 : 3;
            s[d]++;
            s[d + 1] += Long.parseLong(m.group(6)) - 8;
            s[d + 2] += Long.parseLong(m.group(1)) + 40;
        }
        List<Conn> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new Conn(oriented.get(k), fields("orig_bytes", "" + s[1], "resp_bytes", "" + s[4],
                "orig_pkts", "" + s[0], "orig_ip_bytes", "" + s[2], "resp_pkts", "" + s[3], "resp_ip_bytes", "" + s[5]))));
        return out;
    }

    private static Conv connId(String line) {
        Matcher m = CONN_ID.matcher(line);
        if (!m.find()) throw new IllegalStateException("no connection id in: " + line);
        return Conv.of(m.group(3), m.group(1), Integer.parseInt(m.group(2)), m.group(4), Integer.parseInt(m.group(5)));
    }

    private static Matcher matcher(Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (!m.find()) throw new IllegalStateException("unexpected line: " + line);
        return m;
    }

    /** Name/value pairs in {@link #CONN_FIELDS} order. */
    private static Map<String, String> fields(String... kv) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) given.put(kv[i], kv[i + 1]);
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : CONN_FIELDS) if (given.containsKey(n)) out.put(n, given.remove(n));
        if (!given.isEmpty()) throw new IllegalArgumentException("not conn.log fields: " + given.keySet());
        return out;
    }
}
