package dev.netproof.app.corpus;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpHealth;
import dev.netproof.testkit.Corpus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the TCP analysis against tshark's {@code tcp.analysis.*} flags, connection by
 * connection, over every bundled corpus capture (the oracle JSON of each).
 *
 * <p>Per connection it compares the initial RTT (within 1 µs) and the counts of the flags the issue
 * names: retransmission (tshark's flag, which fast and spurious retransmissions also carry), fast
 * retransmission, spurious retransmission, out-of-order, lost segment, duplicate ACK, zero window,
 * window full and keep-alive. Connections pair with tshark's streams as in
 * {@link CorpusFlowsVsTsharkTest}; a conversation whose row and stream counts differ is compared as
 * sums. It prints the agreement per flag and fails when fewer than 98% of the connections agree on
 * every flag, or on a disagreement DIFFERENCES.md does not list (oracle {@code tshark-tcp}).
 */
class CorpusTcpAnalysisVsTsharkTest {
    private static final String ORACLE = "tshark-tcp";
    static final double REQUIRED_AGREEMENT = 0.98;

    /** A compared flag: its oracle key and how to read it from a row. */
    private record Metric(String key, ToLongFunction<TcpDirection> count) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("retransmission", TcpDirection::retransmissions),
            new Metric("fast_retransmission", TcpDirection::fastRetransmissions),
            new Metric("spurious_retransmission", TcpDirection::spuriousRetransmissions),
            new Metric("out_of_order", TcpDirection::outOfOrder),
            new Metric("lost_segment", TcpDirection::lostSegments),
            new Metric("duplicate_ack", TcpDirection::dupAcks),
            new Metric("zero_window", TcpDirection::zeroWindows),
            new Metric("window_full", TcpDirection::windowFull),
            new Metric("keep_alive", TcpDirection::keepAlives));

    private final Map<String, int[]> perFlag = new LinkedHashMap<>();
    private int connections;
    private int connectionsAgreeing;

    @TestFactory
    Stream<DynamicTest> tcpAnalysisAgreesWithTshark() {
        KnownDifferences known = KnownDifferences.load();
        Comparison comparison = new Comparison(ORACLE, "netproof TCP analysis vs tshark 4.0 (CorpusTcpAnalysisVsTsharkTest)", known);
        List<Corpus.Capture> captures = Corpus.bundled();
        Set<String> names = captures.stream().map(Corpus.Capture::name).collect(Collectors.toCollection(TreeSet::new));
        for (Metric m : METRICS) perFlag.put(m.key(), new int[2]);
        perFlag.put("initial_rtt", new int[2]);
        Stream<DynamicTest> each = captures.stream().map(c -> dynamicTest(c.name(), () -> {
            Comparison.Tally t = comparison.begin(c.name());
            compare(c, t);
            t.finish();
        }));
        return Stream.concat(each, Stream.of(
                dynamicTest("DIFFERENCES.md rows for tshark-tcp all occur", () -> comparison.finishAll(names)),
                dynamicTest("at least 98% of connections agree on every flag", this::agreement)));
    }

    private void agreement() {
        StringBuilder sb = new StringBuilder("TCP analysis agreement with tshark per connection:\n");
        perFlag.forEach((k, v) -> sb.append(String.format("  %-24s %4d/%-4d (%.1f%%)%n", k, v[0], v[1], v[1] == 0 ? 100.0 : 100.0 * v[0] / v[1])));
        double rate = connections == 0 ? 1 : (double) connectionsAgreeing / connections;
        sb.append(String.format("  all flags and initial RTT: %d/%d connections (%.1f%%)", connectionsAgreeing, connections, 100 * rate));
        System.out.println(sb);
        Assertions.assertTrue(connections > 0, "no TCP connection compared");
        Assertions.assertTrue(rate >= REQUIRED_AGREEMENT, sb.toString());
    }

    private void compare(Corpus.Capture capture, Comparison.Tally t) {
        List<OracleStream> streams = OracleStream.all(capture.oracle()).stream().filter(OracleStream::tcp).toList();
        Map<Integer, JsonNode> raw = new LinkedHashMap<>();
        for (JsonNode s : capture.oracle().path("tcp_streams")) raw.put(s.path("stream").asInt(), s);
        List<Flow> rows = NetproofRun.of(capture).flows().stream().filter(f -> f.tcp() != null).toList();
        Map<Conv, List<OracleStream>> byConv = new LinkedHashMap<>();
        Map<Conv, List<Flow>> rowsByConv = new LinkedHashMap<>();
        for (OracleStream s : streams) byConv.computeIfAbsent(s.conv().unordered(), k -> new ArrayList<>()).add(s);
        for (Flow f : rows) rowsByConv.computeIfAbsent(Conv.of(f).unordered(), k -> new ArrayList<>()).add(f);
        for (var e : byConv.entrySet()) {
            List<OracleStream> ss = e.getValue();
            List<Flow> fs = rowsByConv.getOrDefault(e.getKey(), List.of());
            if (fs.isEmpty()) continue; // CorpusFlowsVsTsharkTest reports missing rows
            ss.sort(Comparator.comparingInt(OracleStream::firstFrame));
            fs = new ArrayList<>(fs);
            fs.sort(Comparator.comparingLong(Flow::tsNanos));
            String label = ss.getFirst().conv().toString();
            if (ss.size() == fs.size()) {
                for (int i = 0; i < ss.size(); i++) {
                    compareConnection(t, i == 0 ? label : label + " #" + (i + 1), List.of(raw.get(ss.get(i).stream())), List.of(fs.get(i)));
                }
            } else {
                compareConnection(t, label, ss.stream().map(s -> raw.get(s.stream())).toList(), fs);
            }
        }
    }

    private void compareConnection(Comparison.Tally t, String label, List<JsonNode> oracle, List<Flow> rows) {
        t.conversation();
        connections++;
        boolean all = true;
        for (Metric m : METRICS) {
            long ours = 0, theirs = 0;
            for (Flow f : rows) ours += m.count().applyAsLong(f.tcp().orig()) + m.count().applyAsLong(f.tcp().resp());
            for (JsonNode o : oracle) theirs += o.path("analysis").path(m.key()).asLong(0);
            all &= tally(m.key(), ours == theirs);
            t.check(label, m.key(), ours, theirs);
        }
        // initial RTT: the first connection's, within 1 µs
        TcpHealth h = rows.getFirst().tcp();
        JsonNode rtt = oracle.getFirst().path("initial_rtt");
        String ours = h.initialRttUs() < 0 ? "-" : String.valueOf(h.initialRttUs());
        String theirs = rtt.isNull() || rtt.isMissingNode() ? "-" : String.valueOf(Math.round(rtt.asDouble() * 1e6));
        boolean ok = ours.equals("-") || theirs.equals("-") ? ours.equals(theirs)
                : Math.abs(h.initialRttUs() - rtt.asDouble() * 1e6) <= 1.0;
        all &= tally("initial_rtt", ok);
        t.check(label, "initial_rtt_us", ours, theirs, ok);
        if (all) connectionsAgreeing++;
    }

    private boolean tally(String key, boolean agree) {
        int[] v = perFlag.get(key);
        if (agree) v[0]++;
        v[1]++;
        return agree;
    }
}
