package dev.netproof.app.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code tcp_streams} or {@code udp_streams} entry of a tshark oracle (shared corpus README):
 * client first (the sender of the first pure SYN, else of the first packet), packets and, for TCP,
 * payload bytes ({@code tcp.len} sums) each way, and the counts of tshark's TCP analysis flags.
 */
record OracleStream(int stream, Conv conv, int firstFrame, long packetsC2s, long packetsS2c, long payloadC2s,
                    long payloadS2c, JsonNode analysis) {

    /** Flags under which a sequence-space byte count and a {@code tcp.len} sum may legitimately differ. */
    static final List<String> RESEQUENCING = List.of("retransmission", "fast_retransmission",
            "spurious_retransmission", "out_of_order", "lost_segment");

    static List<OracleStream> all(JsonNode oracle) {
        List<OracleStream> out = new ArrayList<>();
        for (String proto : List.of("tcp", "udp")) {
            for (JsonNode s : oracle.path(proto + "_streams")) {
                JsonNode c = s.path("client"), v = s.path("server");
                Conv conv = Conv.of(proto, c.get(0).asText(), c.get(1).asInt(), v.get(0).asText(), v.get(1).asInt());
                out.add(new OracleStream(s.path("stream").asInt(), conv, s.path("first_frame").asInt(),
                        s.path("packets_c2s").asLong(), s.path("packets_s2c").asLong(),
                        s.path("payload_c2s").asLong(-1), s.path("payload_s2c").asLong(-1), s.path("analysis")));
            }
        }
        return out;
    }

    boolean tcp() {
        return conv.proto().equals("tcp");
    }

    /** The non-zero counts among {@link #RESEQUENCING}, e.g. {@code retransmission=18 out_of_order=1}; "" if none. */
    String resequencing() {
        StringBuilder sb = new StringBuilder();
        for (String f : RESEQUENCING) {
            long n = analysis.path(f).asLong(0);
            if (n > 0) sb.append(sb.isEmpty() ? "" : " ").append(f).append('=').append(n);
        }
        return sb.toString();
    }
}
