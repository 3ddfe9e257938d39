package dev.netproof.flow.tcp;

import static dev.netproof.testkit.TcpConversation.CLIENT;
import static dev.netproof.testkit.TcpConversation.SERVER;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.Flow;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.TcpConversation;
import dev.netproof.testkit.TcpOptions;
import dev.netproof.testkit.Tshark;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random conversations full of trouble (lost, resent, reordered and duplicated segments, duplicate
 * ACKs, zero windows and probes, keep-alives, window-edge sends, resets), 300 per seed, analysed by
 * netproof and by tshark; every flag count of every connection must agree.
 */
class RandomConversationsVsTsharkTest {
    private static final int CONVERSATIONS = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyFlagOfEveryConnectionAgreesWithTshark(long seed) {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed");
        Random r = new Random(seed);
        List<TcpConversation> all = new ArrayList<>();
        long start = 1_700_000_000_000_000_000L;
        for (int i = 0; i < CONVERSATIONS; i++) all.add(script(r, 20_000 + i, start + i * 1_000_000_000_000L));

        // netproof, frame by frame
        List<Flow> rows = new ArrayList<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(), "random", rows::add, QualitySink.DISCARD);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        Path file = dir.resolve("random-" + seed + ".pcap");
        try (PcapWriter w = PcapWriter.toFile(file, PcapWriter.Header.ethernet().withPrecision(PcapWriter.Precision.NANO))) {
            for (TcpConversation c : all) {
                for (TcpConversation.Frame f : c.frames()) {
                    byte[] b = f.bytes();
                    w.packet(f.tsNanos(), b);
                    decoder.decode(MemorySegment.ofArray(b), 0, b.length, b.length, f.tsNanos(), LinkTypes.ETHERNET, p);
                    table.accept(p);
                }
            }
        }
        table.finish();
        Map<Integer, Map<String, Long>> ours = new TreeMap<>();
        for (Flow f : rows) {
            Map<String, Long> m = ours.computeIfAbsent(f.origP(), k -> zeros());
            Analysed.FLAGS.forEach((k, fn) -> m.merge(k, fn.applyAsLong(f.tcp().orig()) + fn.applyAsLong(f.tcp().resp()), Long::sum));
        }

        // tshark, per client port
        List<String> fields = new ArrayList<>(List.of("tcp.srcport", "tcp.dstport"));
        for (String k : Analysed.FLAGS.keySet()) fields.add("tcp.analysis." + k);
        Map<Integer, Map<String, Long>> theirs = new TreeMap<>();
        for (List<String> row : Tshark.fields(file, fields.toArray(String[]::new))) {
            int src = Integer.parseInt(row.get(0)), dst = Integer.parseInt(row.get(1));
            int client = src == 80 ? dst : src; // every server listens on 80, every client port is above it
            Map<String, Long> m = theirs.computeIfAbsent(client, k -> zeros());
            int i = 2;
            for (String k : Analysed.FLAGS.keySet()) if (!row.get(i++).isEmpty()) m.merge(k, 1L, Long::sum);
        }
        List<String> differ = new ArrayList<>();
        long flagged = 0;
        for (var e : theirs.entrySet()) {
            Map<String, Long> o = ours.getOrDefault(e.getKey(), zeros());
            if (!o.equals(e.getValue())) differ.add("port " + e.getKey() + ": netproof " + o + "\n           tshark   " + e.getValue());
            if (e.getValue().values().stream().anyMatch(v -> v > 0)) flagged++;
        }
        Assertions.assertEquals(CONVERSATIONS, theirs.size(), "tshark's connections");
        Assertions.assertTrue(flagged > CONVERSATIONS / 2, "the scripts should cause flags on most connections: " + flagged);
        Assertions.assertEquals(List.of(), differ, differ.size() + " of " + CONVERSATIONS + " connections differ");
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : Analysed.FLAGS.keySet()) m.put(k, 0L);
        return m;
    }

    /** One conversation of random steps. */
    private static TcpConversation script(Random r, int port, long startNanos) {
        TcpConversation c = TcpConversation.between("10.1.0.1", port, "10.2.0.2", 80).startAt(startNanos)
                .isn(r.nextLong() & 0xffff_ffffL, r.nextLong() & 0xffff_ffffL).gap(50 + r.nextInt(400));
        boolean scaled = r.nextBoolean();
        c.options(scaled ? TcpOptions.of().mss(1460).sackPermitted().windowScale(r.nextInt(8)) : TcpOptions.of().mss(1460)).syn();
        c.pause(r.nextInt(5_000));
        c.options(scaled ? TcpOptions.of().mss(1400).sackPermitted().windowScale(r.nextInt(8)) : TcpOptions.of().mss(1400)).synAck();
        c.ack(CLIENT);
        List<long[]> sent = new ArrayList<>(); // {side, seq, len}
        int steps = 10 + r.nextInt(40);
        for (int i = 0; i < steps; i++) {
            TcpConversation.Side s = r.nextInt(3) == 0 ? SERVER : CLIENT;
            TcpConversation.Side peer = s.peer();
            int len = 1 + r.nextInt(1460);
            switch (r.nextInt(14)) {
                case 0, 1, 2, 3 -> {
                    sent.add(new long[] {s.ordinal(), c.next(s), len});
                    c.send(s, len);
                }
                case 4, 5 -> c.ack(s);
                case 6 -> c.lose(s, len); // the next send leaves a hole
                case 7 -> {
                    if (!sent.isEmpty()) {
                        long[] old = sent.get(r.nextInt(sent.size()));
                        TcpConversation.Side os = old[0] == 0 ? CLIENT : SERVER;
                        c.resend(os, old[1], (int) old[2]);
                    }
                }
                case 8 -> c.ackAt(s, c.next(peer) - r.nextInt(3000)); // an old ACK: duplicate or not
                case 9 -> c.pause(r.nextInt(4) == 0 ? 250_000 : r.nextInt(20_000));
                case 10 -> c.window(s, r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(65535));
                case 11 -> c.segment(s, c.next(s) - 1, c.next(peer), 0x10, r.nextInt(2)); // keep-alive
                case 12 -> c.segment(s, c.next(s), c.next(peer), 0x10, 1); // a byte at the edge: probe if window 0
                default -> c.gap(r.nextInt(3) == 0 ? 5 : 50 + r.nextInt(2_000));
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> c.close();
            case 1 -> c.rst(r.nextBoolean() ? CLIENT : SERVER);
            case 2 -> c.fin(CLIENT).ack(SERVER);
            default -> { }
        }
        return c;
    }
}
