package dev.netproof.flow.tls;

import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.RecordedStreams;
import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;


/**
 * Each TCP connection of a capture as the TLS analyzer gets it from the real reassembly
 * ({@link RecordedStreams}), numbered in order of first packet like tshark's {@code tcp.stream}.
 */
final class TcpStreams {
    /** One delivery: bytes of one direction, or a gap when {@code bytes} is null. */
    record Chunk(boolean fromOrig, byte[] bytes, long tsNanos) {}

    /** One connection's deliveries in capture order. */
    record Conn(int stream, ConnectionId id, List<Chunk> chunks, long endTs) {
        /** Feeds {@code c} in order; {@code size} gives each piece's length (a chunk is cut into pieces). */
        void replay(StreamConsumer c, IntSupplier size) {
            for (Chunk k : chunks) {
                if (k.bytes() == null) {
                    c.gap(k.fromOrig(), -1, k.tsNanos());
                    continue;
                }
                MemorySegment s = MemorySegment.ofArray(k.bytes());
                for (int at = 0; at < k.bytes().length; ) {
                    int n = Math.max(1, Math.min(size.getAsInt(), k.bytes().length - at));
                    c.data(k.fromOrig(), s, at, n, k.tsNanos());
                    at += n;
                }
            }
            c.end(endTs);
        }

        void replay(StreamConsumer c) {
            replay(c, () -> Integer.MAX_VALUE);
        }

        /** All bytes of one direction, concatenated (gaps ignored). */
        byte[] direction(boolean fromOrig) {
            var out = new java.io.ByteArrayOutputStream();
            for (Chunk k : chunks) if (k.fromOrig() == fromOrig && k.bytes() != null) out.writeBytes(k.bytes());
            return out.toByteArray();
        }
    }

    private TcpStreams() {}

    /** Every TCP connection of the capture with a payload, through the real flow table and reassembly. */
    static List<Conn> read(Path capture) throws Exception {
        List<Conn> out = new ArrayList<>();
        for (RecordedStreams.Connection c : RecordedStreams.read(capture)) {
            List<Chunk> chunks = new ArrayList<>();
            long end = c.firstTs();
            for (RecordedStreams.Call call : c.calls()) {
                switch (call) {
                    case RecordedStreams.Data d -> chunks.add(new Chunk(d.fromOrig(), d.bytes(), d.ts()));
                    case RecordedStreams.Gap g -> chunks.add(new Chunk(g.fromOrig(), null, g.ts()));
                    case RecordedStreams.End e -> end = e.ts();
                }
            }
            out.add(new Conn(c.stream(), c.id(), List.copyOf(chunks), end));
        }
        return out;
    }
}
