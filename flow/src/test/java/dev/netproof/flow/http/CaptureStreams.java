package dev.netproof.flow.http;

import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.RecordedStreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture's TCP connections as the calls a {@link dev.netproof.flow.stream.StreamConsumer} gets
 * from the real flow table and reassembly ({@link RecordedStreams}), for replaying into the HTTP
 * analyzer whole or cut up.
 */
final class CaptureStreams {
    /** One call to a stream consumer. */
    sealed interface Call permits Data, Gap, End {
        long ts();
    }

    record Data(boolean fromOrig, byte[] bytes, long ts) implements Call {}

    record Gap(boolean fromOrig, long bytes, long ts) implements Call {}

    record End(long ts) implements Call {}

    /** One connection: its id, the time of its first payload, and its calls. */
    record Connection(ConnectionId id, long firstTs, List<Call> calls) {}

    private CaptureStreams() {}

    /** Every TCP connection of the capture with a payload, through the real flow table and reassembly. */
    static List<Connection> read(Path capture) throws Exception {
        List<Connection> out = new ArrayList<>();
        for (RecordedStreams.Connection c : RecordedStreams.read(capture)) {
            List<Call> calls = new ArrayList<>();
            for (RecordedStreams.Call call : c.calls()) {
                calls.add(switch (call) {
                    case RecordedStreams.Data d -> new Data(d.fromOrig(), d.bytes(), d.ts());
                    case RecordedStreams.Gap g -> new Gap(g.fromOrig(), g.bytes(), g.ts());
                    case RecordedStreams.End e -> new End(e.ts());
                });
            }
            out.add(new Connection(c.id(), c.firstTs(), List.copyOf(calls)));
        }
        return out;
    }
}
