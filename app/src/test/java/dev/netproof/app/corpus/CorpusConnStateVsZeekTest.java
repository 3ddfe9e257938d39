package dev.netproof.app.corpus;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.netproof.core.model.Flow;
import dev.netproof.testkit.Corpus;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the flow rows against Zeek's own expected outputs for the corpus captures
 * ({@link ZeekExpected}): conn.log rows matched by transport and endpoints (either orientation), and
 * the printed outputs of Zeek test scripts.
 *
 * <p>Compared per connection, where the baseline has them: the originator ({@code orig}),
 * {@code proto}, {@code ip_proto}, {@code conn_state}, {@code history}, {@code orig_pkts},
 * {@code resp_pkts}, {@code orig_ip_bytes}, {@code resp_ip_bytes}, {@code orig_bytes},
 * {@code resp_bytes} and {@code duration} (within 1 µs); Zeek's {@code -} (unset: conn.log leaves
 * duration and bytes unset for a connection that lasted no time) skips the field. Per connection
 * key, the number of netproof rows against Zeek's ({@code rows}); rows outside a baseline's scope
 * (e.g. the UDP rows of a TCP-only script output) are not compared. Timestamps and uids are masked
 * in the baselines and not compared.
 *
 * <p>Every disagreement must be a row of DIFFERENCES.md, and every row of it for zeek must still
 * occur; the agreement summary goes to stdout and {@code target/corpus-agreement.txt}.
 */
class CorpusConnStateVsZeekTest {
    private static final String ORACLE = "zeek";

    @TestFactory
    Stream<DynamicTest> everyZeekBaselineAgrees() {
        KnownDifferences known = KnownDifferences.load();
        Comparison comparison = new Comparison(ORACLE, "netproof vs Zeek expected outputs (CorpusConnStateVsZeekTest)", known);
        List<ZeekExpected.Baseline> baselines = ZeekExpected.all();
        Set<String> names = baselines.stream().map(ZeekExpected.Baseline::capture).collect(Collectors.toCollection(TreeSet::new));
        Assertions.assertEquals(baselines.size(), names.size(), "one baseline per capture");
        Stream<DynamicTest> each = baselines.stream().map(b -> dynamicTest(b.capture() + " (" + b.kind() + ")", () -> {
            Comparison.Tally t = comparison.begin(b.capture());
            compare(b, t);
            t.finish();
        }));
        return Stream.concat(Stream.of(dynamicTest("every Zeek conn baseline of the shared corpus is here", ZeekCoverage::check)),
                Stream.concat(each, Stream.of(dynamicTest("DIFFERENCES.md rows for zeek all occur",
                        () -> comparison.finishAll(names)))));
    }

    static void compare(ZeekExpected.Baseline b, Comparison.Tally t) {
        List<Flow> rows = NetproofRun.of(Corpus.bundled(b.capture())).flows().stream().filter(b.scope())
                .sorted(Comparator.comparingLong(Flow::tsNanos)).toList();
        t.note("scope: " + b.scopeText() + ", " + rows.size() + " netproof, " + b.conns().size() + " Zeek");
        int unset = 0;
        if (b.conns().size() == 1 && b.conns().getFirst().conv() == null) {
            t.check("*", "rows", rows.size(), 1);
            if (rows.size() == 1) {
                t.conversation();
                unset += compareConn(t, Conv.of(rows.getFirst()).toString(), b.conns().getFirst(), rows.getFirst());
            }
        } else {
            unset += compareByConversation(b, rows, t);
        }
        if (unset > 0) t.note(unset + " unset (-) Zeek field(s) skipped");
    }

    /** Matches Zeek's connections to netproof's rows by endpoints; returns how many unset fields were skipped. */
    private static int compareByConversation(ZeekExpected.Baseline b, List<Flow> rows, Comparison.Tally t) {
        int unset = 0;
        Map<Conv, List<ZeekExpected.Conn>> zeek = new LinkedHashMap<>();
        Map<Conv, List<Flow>> ours = new LinkedHashMap<>();
        for (ZeekExpected.Conn c : b.conns()) zeek.computeIfAbsent(c.conv().unordered(), k -> new ArrayList<>()).add(c);
        for (Flow f : rows) ours.computeIfAbsent(Conv.of(f).unordered(), k -> new ArrayList<>()).add(f);
        Set<Conv> keys = new LinkedHashSet<>(zeek.keySet());
        keys.addAll(ours.keySet());
        for (Conv k : keys) {
            List<ZeekExpected.Conn> zs = zeek.getOrDefault(k, List.of());
            List<Flow> ns = ours.getOrDefault(k, List.of());
            String label = zs.isEmpty() ? Conv.of(ns.getFirst()).toString() : zs.getFirst().conv().toString();
            if (zs.size() != ns.size()) t.check(label, "rows", ns.size(), zs.size());
            for (int i = 0; i < Math.min(zs.size(), ns.size()); i++) {
                t.conversation();
                unset += compareConn(t, i == 0 ? label : label + " #" + (i + 1), zs.get(i), ns.get(i));
            }
        }
        return unset;
    }

    /** Compares one connection; returns how many of Zeek's fields were unset and skipped. */
    private static int compareConn(Comparison.Tally t, String label, ZeekExpected.Conn z, Flow f) {
        boolean fwd = z.conv() == null || Conv.of(f).a().equals(z.conv().a());
        if (z.conv() != null) t.check(label, "orig", Conv.of(f).a(), z.conv().a());
        int unset = 0;
        for (Map.Entry<String, String> e : z.fields().entrySet()) {
            String field = e.getKey(), expected = e.getValue();
            if (expected.equals("-")) {
                unset++;
            } else if (field.equals("duration")) {
                long zeekNanos = new BigDecimal(expected).movePointRight(9).longValueExact();
                t.check(label, field, BigDecimal.valueOf(f.durationNanos(), 9).toPlainString(), expected,
                        Math.abs(f.durationNanos() - zeekNanos) <= 1_000);
            } else {
                t.check(label, field, value(f, field, fwd), expected);
            }
        }
        return unset;
    }

    /** netproof's value of a conn.log field, seen from Zeek's originator when {@code fwd} is false. */
    private static String value(Flow f, String field, boolean fwd) {
        return switch (field) {
            case "proto" -> f.proto().zeekName();
            case "ip_proto" -> String.valueOf(f.ipProto());
            case "conn_state" -> f.connState();
            case "history" -> f.history();
            case "orig_pkts" -> String.valueOf(fwd ? f.origPkts() : f.respPkts());
            case "resp_pkts" -> String.valueOf(fwd ? f.respPkts() : f.origPkts());
            case "orig_ip_bytes" -> String.valueOf(fwd ? f.origIpBytes() : f.respIpBytes());
            case "resp_ip_bytes" -> String.valueOf(fwd ? f.respIpBytes() : f.origIpBytes());
            case "orig_bytes" -> String.valueOf(fwd ? f.origBytes() : f.respBytes());
            case "resp_bytes" -> String.valueOf(fwd ? f.respBytes() : f.origBytes());
            default -> throw new IllegalArgumentException("not a compared field: " + field);
        };
    }

    /** The shared corpus's Zeek conn.log and conn_state baselines must all be among the test resources. */
    private static final class ZeekCoverage {
        static void check() throws Exception {
            var shared = Corpus.sharedDir();
            Assumptions.assumeTrue(shared.isPresent(), "no shared corpus on this machine");
            Set<String> missing = new TreeSet<>();
            try (Stream<Path> s = Files.list(shared.get().resolve("packets"))) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    boolean wanted = n.startsWith("zeek-") && (n.endsWith(".expected.conn.log") || n.endsWith(".expected.conn_state.out"));
                    Path copy = ZeekExpected.dir().resolve(n);
                    if (wanted && (!Files.isRegularFile(copy) || Files.mismatch(copy, p) != -1)) missing.add(n);
                }
            }
            Assertions.assertEquals(Set.of(), missing, "Zeek baselines in the shared corpus missing from (or different in) the test resources");
        }
    }
}
