package dev.netproof.app.corpus;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.testkit.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the DNS transactions against Zeek's dns.log baselines for the corpus captures
 * ({@code corpus-expected/*.expected.dns.log}, see its ATTRIBUTION.md).
 *
 * <p>Rows are matched by transport, the two endpoints (either orientation: Zeek's {@code id} is the
 * connection's originator, netproof's the side that asked), transaction id and query name, in time
 * order; per match key the number of rows is compared ({@code rows}: netproof's rows plus their
 * {@code duplicates}, since Zeek logs every copy of a query as a row). Per matched row: whether a
 * query was seen ({@code query_seen}: Zeek fills {@code qclass} only from a query), {@code qclass},
 * {@code qtype} (where Zeek has them), {@code rcode} (Zeek's {@code -}: no response), the flags
 * {@code TC}, {@code RD}, and {@code AA}, {@code RA} where the response has answers (Zeek sets them only
 * then), {@code rtt} within 1 µs (where Zeek has one: it sets it only with an answer), {@code answers} by
 * Zeek's formatting rules ({@link #sameAnswer}) and {@code TTLs}. Every disagreement must be a row of DIFFERENCES.md (oracle
 * {@code zeek-dns}), and every such row must still occur.
 */
class DnsVsZeekTest {
    private static final String ORACLE = "zeek-dns";

    /** One dns.log row, by field name. */
    record ZeekRow(Map<String, String> f) {
        String get(String name) {
            String v = f.get(name);
            if (v == null) throw new IllegalStateException("dns.log has no field " + name);
            return v;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyZeekDnsLogAgrees() {
        KnownDifferences known = KnownDifferences.load();
        Comparison comparison = new Comparison(ORACLE, "netproof DNS vs Zeek dns.log (DnsVsZeekTest)", known);
        List<Path> logs = logs();
        Set<String> names = logs.stream().map(DnsVsZeekTest::capture).collect(Collectors.toCollection(TreeSet::new));
        Stream<DynamicTest> each = logs.stream().map(log -> dynamicTest(capture(log), () -> {
            Comparison.Tally t = comparison.begin(capture(log));
            compare(parse(log), NetproofRun.of(Corpus.bundled(capture(log))).dns(), t);
            t.finish();
        }));
        return Stream.concat(Stream.of(dynamicTest("every Zeek dns.log of the shared corpus is here", () -> coverage(names))),
                Stream.concat(each, Stream.of(dynamicTest("DIFFERENCES.md rows for zeek-dns all occur",
                        () -> comparison.finishAll(names)))));
    }

    static void compare(List<ZeekRow> zeek, List<DnsEvent> ours, Comparison.Tally t) {
        Map<String, List<ZeekRow>> zeekByKey = new LinkedHashMap<>();
        for (ZeekRow z : zeek) zeekByKey.computeIfAbsent(key(z), k -> new ArrayList<>()).add(z);
        Map<String, List<DnsEvent>> oursByKey = new LinkedHashMap<>();
        ours.stream().sorted(Comparator.comparingLong(DnsEvent::tsNanos))
                .forEach(e -> oursByKey.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e));
        t.note(zeek.size() + " Zeek rows, " + ours.size() + " netproof");
        for (Map.Entry<String, List<ZeekRow>> k : zeekByKey.entrySet()) {
            List<ZeekRow> zs = k.getValue();
            List<DnsEvent> es = oursByKey.getOrDefault(k.getKey(), List.of());
            String conv = conversation(zs.getFirst());
            // Zeek logs each copy of a query as a row of its own; netproof folds the copies into one row's duplicates
            t.check(conv, "rows", es.stream().mapToInt(e -> 1 + e.duplicates()).sum(), zs.size());
            for (int i = 0; i < Math.min(zs.size(), es.size()); i++) {
                t.conversation();
                compareRow(t, zs.size() > 1 ? conv + " [" + (i + 1) + "]" : conv, zs.get(i), es.get(i));
            }
        }
        for (Map.Entry<String, List<DnsEvent>> k : oursByKey.entrySet()) {
            if (!zeekByKey.containsKey(k.getKey())) {
                DnsEvent e = k.getValue().getFirst();
                t.check(e.proto().zeekName() + " " + e.origH() + ":" + e.origP() + " > " + e.respH() + ":" + e.respP() + " #"
                        + e.transId() + " " + e.query(), "rows", k.getValue().size(), 0);
            }
        }
    }

    private static void compareRow(Comparison.Tally t, String conv, ZeekRow z, DnsEvent e) {
        boolean zeekQuery = !z.get("qclass").equals("-");
        t.check(conv, "query_seen", e.status() != DnsEvent.Status.RESPONSE_ONLY, zeekQuery);
        if (zeekQuery) {
            t.check(conv, "qclass", e.qclass(), z.get("qclass"));
            t.check(conv, "qtype", e.qtype(), z.get("qtype"));
        }
        t.check(conv, "rcode", e.rcode() < 0 ? "-" : String.valueOf(e.rcode()), z.get("rcode"));
        // Zeek copies AA and RA from a response only while logging its answer records (DNS::do_reply runs per
        // answer), so a response without answers leaves them F; netproof reports the header bits
        if (!e.answers().isEmpty()) {
            t.check(conv, "AA", flag(e.authoritative()), z.get("AA"));
            t.check(conv, "RA", flag(e.recursionAvailable()), z.get("RA"));
        }
        t.check(conv, "TC", flag(e.truncated()), z.get("TC"));
        t.check(conv, "RD", flag(e.recursionDesired()), z.get("RD"));
        if (!z.get("rtt").equals("-")) {
            long zeekMicros = Math.round(Double.parseDouble(z.get("rtt")) * 1e6);
            long oursMicros = e.rttNanos() < 0 ? -1 : Math.round(e.rttNanos() / 1e3);
            t.check(conv, "rtt", String.valueOf(oursMicros), String.valueOf(zeekMicros), Math.abs(oursMicros - zeekMicros) <= 1);
        }
        List<String> zeekAnswers = z.get("answers").equals("-") ? List.of() : List.of(z.get("answers").split(","));
        boolean same = zeekAnswers.size() == e.answers().size();
        for (int i = 0; same && i < zeekAnswers.size(); i++) same = sameAnswer(e.answers().get(i), zeekAnswers.get(i));
        t.check(conv, "answers", e.answers().isEmpty() ? "-" : String.join(",", e.answers()), z.get("answers"), same);
        String ttls = e.ttls().isEmpty() ? "-" : e.ttls().stream().map(String::valueOf).collect(Collectors.joining(","));
        String zeekTtls = z.get("TTLs").equals("-") ? "-" : Stream.of(z.get("TTLs").split(","))
                .map(s -> String.valueOf(Math.round(Double.parseDouble(s)))).collect(Collectors.joining(","));
        t.check(conv, "TTLs", ttls, zeekTtls);
    }

    private static final java.util.regex.Pattern ZEEK_TXT = java.util.regex.Pattern.compile("TXT \\d+ ");
    private static final java.util.regex.Pattern ZEEK_TYPED = java.util.regex.Pattern.compile("^[A-Z0-9]+ \\d+ .*");

    /**
     * One answer as netproof writes it against Zeek's text, by Zeek's formatting rules: names compare
     * without case (Zeek lowercases them; netproof keeps the case on the wire); SRV and MX are only their
     * target in Zeek (netproof: priority, weight, port or preference first); a TXT record is
     * {@code TXT <length> <string>} per string in Zeek (netproof: the strings joined by a space); a type
     * netproof shows in RFC 3597's generic form ({@code \# length hex}), such as RRSIG, is Zeek's own
     * summary ({@code RRSIG <type covered> <signer>}) and is not compared.
     */
    static boolean sameAnswer(String ours, String zeek) {
        if (ours.equalsIgnoreCase(zeek)) return true;
        if (ours.startsWith("\\# ") && ZEEK_TYPED.matcher(zeek).matches()) return true;
        if (zeek.startsWith("TXT ") && ZEEK_TXT.matcher(zeek).replaceAll("").equals(ours)) return true;
        int space = ours.lastIndexOf(' ');
        return space > 0 && ours.substring(space + 1).equalsIgnoreCase(zeek) && ours.substring(0, space).matches("[0-9 ]+");
    }

    private static String flag(boolean b) {
        return b ? "T" : "F";
    }

    private static String key(ZeekRow z) {
        return key(z.get("proto"), z.get("id.orig_h") + ":" + z.get("id.orig_p"), z.get("id.resp_h") + ":" + z.get("id.resp_p"),
                z.get("trans_id"), z.get("query"));
    }

    private static String key(DnsEvent e) {
        return key(e.proto().zeekName(), e.origH() + ":" + e.origP(), e.respH() + ":" + e.respP(), String.valueOf(e.transId()),
                e.query() == null ? "-" : e.query());
    }

    private static String key(String proto, String a, String b, String id, String query) {
        String lo = a.compareTo(b) <= 0 ? a : b, hi = a.compareTo(b) <= 0 ? b : a;
        return proto + " " + lo + " " + hi + " #" + id + " " + query.toLowerCase(Locale.ROOT);
    }

    private static String conversation(ZeekRow z) {
        return z.get("proto") + " " + endpoint(z.get("id.orig_h"), z.get("id.orig_p")) + " > "
                + endpoint(z.get("id.resp_h"), z.get("id.resp_p")) + " #" + z.get("trans_id") + " " + z.get("query");
    }

    private static String endpoint(String h, String p) {
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + p;
    }

    static List<ZeekRow> parse(Path log) {
        try {
            List<ZeekRow> rows = new ArrayList<>();
            String[] names = null;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("#fields\t")) names = line.substring("#fields\t".length()).split("\t");
                if (line.startsWith("#") || line.isBlank()) continue;
                if (names == null) throw new IllegalStateException(log + ": row before #fields");
                String[] cells = line.split("\t", -1);
                Map<String, String> f = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) f.put(names[i], cells[i]);
                rows.add(new ZeekRow(f));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> logs() {
        try (Stream<Path> s = Files.list(ZeekExpected.dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".expected.dns.log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String capture(Path log) {
        String n = log.getFileName().toString();
        return n.substring(0, n.indexOf(".expected."));
    }

    /** The shared corpus's dns.log baselines (when this machine has it) are all copied here. */
    private static void coverage(Set<String> here) {
        Set<String> shared = new TreeSet<>();
        for (Path p : Corpus.shared("packets", "*.pcap*")) {
            String n = p.getFileName().toString();
            String capture = n.substring(0, n.lastIndexOf('.'));
            if (Files.exists(p.resolveSibling(capture + ".expected.dns.log"))) shared.add(capture);
        }
        shared.removeAll(here);
        if (!shared.isEmpty()) throw new AssertionError("dns.log baselines not copied to corpus-expected: " + shared);
    }
}
