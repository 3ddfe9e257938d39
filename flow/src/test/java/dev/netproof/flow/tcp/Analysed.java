package dev.netproof.flow.tcp;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.testkit.TcpConversation;
import dev.netproof.testkit.Tshark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A conversation analysed twice: by netproof's flow table (frames decoded straight from memory) and
 * by tshark (the same frames written to a pcap), with the counts of each {@code tcp.analysis} flag
 * both ways, for tests that pin a rule to its expected count and to tshark's.
 */
record Analysed(List<Flow> rows, Map<String, Long> netproof, Map<String, Long> tshark, Long tsharkInitialRttUs) {

    /** Flags compared, as tshark names them, with the row field that counts them (both directions added). */
    static final Map<String, ToLongFunction<TcpDirection>> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("retransmission", TcpDirection::retransmissions);
        FLAGS.put("fast_retransmission", TcpDirection::fastRetransmissions);
        FLAGS.put("spurious_retransmission", TcpDirection::spuriousRetransmissions);
        FLAGS.put("out_of_order", TcpDirection::outOfOrder);
        FLAGS.put("lost_segment", TcpDirection::lostSegments);
        FLAGS.put("duplicate_ack", TcpDirection::dupAcks);
        FLAGS.put("zero_window", TcpDirection::zeroWindows);
        FLAGS.put("zero_window_probe", TcpDirection::zeroWindowProbes);
        FLAGS.put("window_full", TcpDirection::windowFull);
        FLAGS.put("keep_alive", TcpDirection::keepAlives);
        FLAGS.put("ack_lost_segment", TcpDirection::ackUnseen);
    }

    static Analysed of(TcpConversation c, Path dir) {
        List<Flow> rows = new ArrayList<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(), "test", rows::add, QualitySink.DISCARD);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        for (TcpConversation.Frame f : c.frames()) {
            byte[] b = f.bytes();
            decoder.decode(MemorySegment.ofArray(b), 0, b.length, b.length, f.tsNanos(), LinkTypes.ETHERNET, p);
            table.accept(p);
        }
        table.finish();
        Map<String, Long> ours = new LinkedHashMap<>();
        FLAGS.forEach((k, fn) -> ours.put(k, rows.stream()
                .mapToLong(r -> fn.applyAsLong(r.tcp().orig()) + fn.applyAsLong(r.tcp().resp())).sum()));

        Map<String, Long> theirs = new LinkedHashMap<>();
        Long rtt = null;
        if (Tshark.available()) {
            Path file;
            try {
                file = Files.createTempFile(dir, "conv", ".pcap");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            c.writeTo(file);
            String[] fields = FLAGS.keySet().stream().map(k -> "tcp.analysis." + k).toArray(String[]::new);
            String[] all = java.util.Arrays.copyOf(fields, fields.length + 1);
            all[fields.length] = "tcp.analysis.initial_rtt";
            for (String k : FLAGS.keySet()) theirs.put(k, 0L);
            for (List<String> row : Tshark.fields(file, all)) {
                int i = 0;
                for (String k : FLAGS.keySet()) {
                    if (!row.get(i++).isEmpty()) theirs.merge(k, 1L, Long::sum);
                }
                String r = row.get(fields.length);
                if (rtt == null && !r.isEmpty()) rtt = Math.round(Double.parseDouble(r) * 1e6);
            }
        }
        return new Analysed(List.copyOf(rows), ours, theirs, rtt);
    }

    Flow row() {
        if (rows.size() != 1) throw new AssertionError("expected one row, got " + rows.size() + ": " + rows);
        return rows.getFirst();
    }
}
