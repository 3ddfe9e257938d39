package dev.netproof.app.corpus;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.netproof.core.model.Flow;
import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the flow rows against tshark, conversation by conversation, over every bundled
 * (BSD/MIT) corpus capture.
 *
 * <p>A conversation is a transport and two endpoints, either way round. For each one the test takes
 * tshark's streams (the oracle JSON) and netproof's TCP/UDP rows with those endpoints, and compares:
 * the number of rows and streams ({@code rows}); the originator against tshark's client
 * ({@code orig}); packets each way against the oracle ({@code packets_c2s}/{@code _s2c}); TCP payload
 * bytes each way against the oracle's {@code tcp.len} sums ({@code payload_*}, compared whatever the
 * retransmission counts, so a difference caused by them must be listed too); and, from tshark run
 * here with IP reassembly off ({@link TsharkWire}), IP bytes each way ({@code ip_bytes_*}), packets on
 * the wire each way counting every fragment ({@code wire_packets_*}) and UDP payload bytes
 * ({@code payload_*} for UDP). Per capture it also compares the number of TCP and of UDP
 * conversations. Streams and rows of one conversation are paired in time order when their numbers
 * are equal, else compared as sums. Over the whole corpus (capture {@code *}) it compares the flow
 * stage's {@code time_backwards} counter with the frames tshark shows going back in time.
 *
 * <p>Every disagreement must be a row of DIFFERENCES.md, and every row of it for tshark must still
 * occur; the agreement summary goes to stdout and {@code target/corpus-agreement.txt}.
 */
@Tag("tshark")
class CorpusFlowsVsTsharkTest {
    private static final String ORACLE = "tshark";
    /** Capture and conversation name of the checks over the whole corpus. */
    private static final String CORPUS = "*";

    @TestFactory
    Stream<DynamicTest> everyCaptureAgreesWithTshark() {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed");
        KnownDifferences known = KnownDifferences.load();
        Comparison comparison = new Comparison(ORACLE, "netproof vs tshark 4.0 (CorpusFlowsVsTsharkTest)", known);
        List<Corpus.Capture> captures = Corpus.bundled();
        Set<String> names = captures.stream().map(Corpus.Capture::name).collect(Collectors.toCollection(TreeSet::new));
        long[] timeBackwards = new long[2];
        Stream<DynamicTest> each = captures.stream().map(c -> dynamicTest(c.name(), () -> {
            Comparison.Tally t = comparison.begin(c.name());
            TsharkWire.Result wire = compare(c, t);
            countTimeBackwards(c, wire, timeBackwards);
            t.finish();
        }));
        DynamicTest corpusWide = dynamicTest("corpus-wide ledger counters", () -> {
            Comparison.Tally t = comparison.begin(CORPUS);
            t.check(CORPUS, "time_backwards", timeBackwards[0], timeBackwards[1]);
            t.finish();
        });
        Set<String> all = new TreeSet<>(names);
        all.add(CORPUS);
        return Stream.of(
                Stream.of(dynamicTest("every shared zeek-/sv- capture is bundled", () -> allBundled(names))),
                each,
                Stream.of(corpusWide, dynamicTest("DIFFERENCES.md rows for tshark all occur", () -> comparison.finishAll(all))))
                .flatMap(s -> s);
    }

    /**
     * Adds the capture's flow-stage {@code time_backwards} count to {@code sums[0]}, and to {@code sums[1]}
     * the number of frames whose time is more than a second before the latest time of the frames before
     * them (what the counter means), from tshark's frame times.
     */
    private static void countTimeBackwards(Corpus.Capture c, TsharkWire.Result wire, long[] sums) {
        sums[0] += NetproofRun.of(c).report().flow().getOrDefault("time_backwards", 0L);
        Map<Integer, Long> times = wire.frameTimes();
        long latest = Long.MIN_VALUE;
        for (int frame = 1; times.containsKey(frame); frame++) {
            long ts = times.get(frame);
            if (frame > 1 && ts < latest - 1_000_000_000L) sums[1]++;
            latest = Math.max(latest, ts);
        }
    }

    private static void allBundled(Set<String> bundled) {
        Set<String> shared = new TreeSet<>();
        for (String glob : List.of("zeek-*.pcap*", "sv-*.pcap*")) {
            for (Path p : Corpus.shared("packets", glob)) {
                String f = p.getFileName().toString();
                shared.add(f.substring(0, f.lastIndexOf('.')));
            }
        }
        Assumptions.assumeFalse(shared.isEmpty(), "no shared corpus on this machine");
        shared.removeAll(bundled);
        Assertions.assertEquals(Set.of(), shared, "captures of the shared corpus this test does not see");
    }

    /** The oracle streams and netproof rows of one conversation (either orientation). */
    private static final class Group {
        final List<OracleStream> streams = new ArrayList<>();
        final List<Flow> rows = new ArrayList<>();
        final List<TsharkWire.Packet> wire = new ArrayList<>();
    }

    /** Compares one capture; returns tshark's per-packet view of it. */
    static TsharkWire.Result compare(Corpus.Capture capture, Comparison.Tally t) {
        List<OracleStream> streams = OracleStream.all(capture.oracle());
        List<Flow> flows = NetproofRun.of(capture).flows().stream()
                .filter(f -> f.proto().zeekName().equals("tcp") || f.proto().zeekName().equals("udp")).toList();
        TsharkWire.Result wire = TsharkWire.read(capture.path());
        Map<Conv, Group> groups = new LinkedHashMap<>();
        for (OracleStream s : streams) groups.computeIfAbsent(s.conv().unordered(), k -> new Group()).streams.add(s);
        for (Flow f : flows) groups.computeIfAbsent(Conv.of(f).unordered(), k -> new Group()).rows.add(f);
        for (TsharkWire.Packet p : wire.packets()) {
            Group g = groups.get(p.conv().unordered());
            if (g != null) g.wire.add(p);
        }
        for (String proto : List.of("tcp", "udp")) {
            t.check("*", proto + "_conversations", flows.stream().filter(f -> f.proto().zeekName().equals(proto)).count(),
                    streams.stream().filter(s -> s.conv().proto().equals(proto)).count());
        }
        if (wire.fragmentsAttributed() + wire.fragmentsUnkeyed() > 0) {
            t.note("tshark without reassembly: " + wire.fragmentsAttributed() + " later fragments attributed by IP id, "
                    + wire.fragmentsUnkeyed() + " without their first fragment");
        }
        long reseq = streams.stream().filter(s -> !s.resequencing().isEmpty()).count();
        if (reseq > 0) t.note(reseq + " TCP stream(s) with retransmission/reordering/loss flags");
        for (Group g : groups.values()) {
            Map<Integer, Long> times = wire.frameTimes();
            g.streams.sort(Comparator.comparingLong(s -> times.getOrDefault(s.firstFrame(), 0L)));
            g.rows.sort(Comparator.comparingLong(Flow::tsNanos));
            Conv ref = g.streams.isEmpty() ? Conv.of(g.rows.getFirst()) : g.streams.getFirst().conv();
            String label = ref.toString();
            if (g.streams.size() != g.rows.size()) t.check(label, "rows", g.rows.size(), g.streams.size());
            if (g.streams.isEmpty() || g.rows.isEmpty()) continue;
            if (g.streams.size() == g.rows.size()) {
                for (int i = 0; i < g.rows.size(); i++) {
                    t.conversation();
                    compareStreams(t, i == 0 ? label : label + " #" + (i + 1), List.of(g.streams.get(i)), List.of(g.rows.get(i)));
                }
            } else {
                t.conversation();
                compareStreams(t, label, g.streams, g.rows);
            }
            compareWire(t, label, ref, g);
        }
        return wire;
    }

    /** Orientation, packets and TCP payload of streams and rows of one conversation (summed when several). */
    private static void compareStreams(Comparison.Tally t, String label, List<OracleStream> streams, List<Flow> rows) {
        Conv ref = streams.getFirst().conv();
        t.check(label, "orig", Conv.of(rows.getFirst()).a(), ref.a());
        long[] pkts = new long[2], payload = new long[2];
        for (Flow f : rows) {
            boolean fwd = Conv.of(f).a().equals(ref.a());
            pkts[fwd ? 0 : 1] += f.origPkts();
            pkts[fwd ? 1 : 0] += f.respPkts();
            payload[fwd ? 0 : 1] += f.origBytes();
            payload[fwd ? 1 : 0] += f.respBytes();
        }
        t.check(label, "packets_c2s", pkts[0], streams.stream().mapToLong(OracleStream::packetsC2s).sum());
        t.check(label, "packets_s2c", pkts[1], streams.stream().mapToLong(OracleStream::packetsS2c).sum());
        if (streams.getFirst().tcp()) {
            t.check(label, "payload_c2s", payload[0], streams.stream().mapToLong(OracleStream::payloadC2s).sum());
            t.check(label, "payload_s2c", payload[1], streams.stream().mapToLong(OracleStream::payloadS2c).sum());
        }
    }

    /** IP bytes, packets on the wire and UDP payload each way, from tshark without reassembly. */
    private static void compareWire(Comparison.Tally t, String label, Conv ref, Group g) {
        long[] ip = new long[2], pk = new long[2], udp = new long[2];
        for (TsharkWire.Packet p : g.wire) {
            int d = p.conv().a().equals(ref.a()) ? 0 : 1;
            ip[d] += p.ipLen();
            pk[d]++;
            udp[d] += p.udpPayload();
        }
        long[] nIp = new long[2], nPk = new long[2], nPay = new long[2];
        for (Flow f : g.rows) {
            boolean fwd = Conv.of(f).a().equals(ref.a());
            nIp[fwd ? 0 : 1] += f.origIpBytes();
            nIp[fwd ? 1 : 0] += f.respIpBytes();
            nPk[fwd ? 0 : 1] += f.origPkts();
            nPk[fwd ? 1 : 0] += f.respPkts();
            nPay[fwd ? 0 : 1] += f.origBytes();
            nPay[fwd ? 1 : 0] += f.respBytes();
        }
        t.check(label, "ip_bytes_c2s", nIp[0], ip[0]);
        t.check(label, "ip_bytes_s2c", nIp[1], ip[1]);
        t.check(label, "wire_packets_c2s", nPk[0], pk[0]);
        t.check(label, "wire_packets_s2c", nPk[1], pk[1]);
        if (ref.proto().equals("udp")) {
            t.check(label, "payload_c2s", nPay[0], udp[0]);
            t.check(label, "payload_s2c", nPay[1], udp[1]);
        }
    }
}
