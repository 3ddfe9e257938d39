package dev.netproof.flow.stream;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.Flow;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.source.pcap.CaptureReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the analyzers of a capture's TCP connections are told, recorded: the capture goes through the
 * real decoder, flow table and {@link TcpStreams} (default settings), and every connection with a
 * payload is recorded, call by call, so that tests can replay it into an analyzer, whole or cut up.
 */
public final class RecordedStreams {
    public sealed interface Call permits Data, Gap, End {}

    public record Data(boolean fromOrig, byte[] bytes, long ts) implements Call {}

    public record Gap(boolean fromOrig, long bytes, long ts) implements Call {}

    public record End(long ts) implements Call {}

    /**
     * One connection: its id, the time its first payload was seen, the calls, and its number among the
     * capture's TCP flows in order of first packet (as tshark numbers {@code tcp.stream}).
     */
    public record Connection(int stream, ConnectionId id, long firstTs, List<Call> calls) {}

    private RecordedStreams() {}

    /** Every TCP connection of {@code capture} that carried a payload, in order of first packet. */
    public static List<Connection> read(Path capture) throws Exception {
        Map<String, List<Call>> calls = new HashMap<>();
        Map<String, Object[]> firsts = new HashMap<>();
        List<Flow> flows = new ArrayList<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(), "test", flows::add, QualitySink.DISCARD);
        TcpStreams streams = new TcpStreams(table, (c, fromOrig, data, offset, length, ts) -> {
            ConnectionId id = c.id();
            List<Call> list = new ArrayList<>();
            calls.put(id.uid(), list);
            firsts.put(id.uid(), new Object[] {id, ts});
            return new StreamConsumer() {
                @Override
                public void data(boolean o, MemorySegment d, long off, int len, long t) {
                    list.add(new Data(o, d.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE), t));
                }

                @Override
                public void gap(boolean o, long bytes, long t) {
                    list.add(new Gap(o, bytes, t));
                }

                @Override
                public void end(long t) {
                    list.add(new End(t));
                }
            };
        }, TcpStreams.DEFAULT_MAX_HELD, TcpStreams.DEFAULT_MAX_HELD_TOTAL, "test", QualitySink.DISCARD);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        try (CaptureReader r = CaptureReader.open(capture, "test", QualitySink.DISCARD)) {
            r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> {
                decoder.decode(data, offset, capLen, wireLen, ts, linkType, p);
                table.accept(p);
                streams.accept(data, offset, p);
            });
        }
        table.finish();
        streams.finish();
        List<Flow> tcp = flows.stream().filter(f -> f.proto().zeekName().equals("tcp"))
                .sorted(Comparator.comparingLong(Flow::tsNanos)).toList();
        List<Connection> out = new ArrayList<>();
        for (int i = 0; i < tcp.size(); i++) {
            String uid = tcp.get(i).uid();
            if (!calls.containsKey(uid)) continue;
            Object[] first = firsts.get(uid);
            out.add(new Connection(i, (ConnectionId) first[0], (Long) first[1], List.copyOf(calls.get(uid))));
        }
        return out;
    }
}
