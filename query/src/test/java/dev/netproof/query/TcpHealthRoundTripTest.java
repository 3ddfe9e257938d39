package dev.netproof.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpFields;
import dev.netproof.core.model.TcpHealth;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's TCP health goes into the store and comes back, every field, nested as the JSON shows it. */
class TcpHealthRoundTripTest {
    @TempDir
    Path dir;

    static TcpDirection direction(int k) {
        return new TcpDirection(1400 + k, k == 0 ? -1 : 7, true, k == 0, 11 + k, 2, 1, 3 + k, 4, 5 + k, 6, 1, 2, 9, 1,
                100_000L + k, 90_000L + k, 10_000, 65535.5, new TcpDirection.Rtt(4 + k, 900, 3_000 + k, 1_500.25, 250.5));
    }

    static Flow withHealth(Flow f, TcpHealth h) {
        return new Flow(f.tsNanos(), f.uid(), f.origH(), f.origP(), f.respH(), f.respP(), f.proto(), f.ipProto(),
                f.durationNanos(), f.origBytes(), f.respBytes(), f.connState(), f.history(), f.origPkts(), f.origIpBytes(),
                f.respPkts(), f.respIpBytes(), f.vlan(), f.innerVlan(), f.closeReason(), f.source(), h, f.origName(), f.respName());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTcpFieldRoundTrips() throws Exception {
        int lifecycle = TcpHealth.Lifecycle.SYN.bit() | TcpHealth.Lifecycle.SYN_ACK.bit() | TcpHealth.Lifecycle.RST.bit()
                | TcpHealth.Lifecycle.RESET.bit();
        TcpHealth h = new TcpHealth(1_234, 56, 1_290, -1, lifecycle, direction(0), direction(1), 0.0625,
                TcpHealth.Health.SEVERE);
        Flow tcp = withHealth(StoreFixture.FLOWS.getFirst(), h);
        List<Flow> flows = new ArrayList<>(StoreFixture.FLOWS.subList(1, StoreFixture.FLOWS.size()));
        flows.add(tcp);
        try (Connection c = StoreFixture.open(dir)) {
            StoreFixture.insert(c, flows);
            Map<String, Object> row = FlowSearch.of("uid == " + tcp.uid()).run(c).rows().getFirst();
            Map<String, Object> t = (Map<String, Object>) row.get("tcp");
            assertEquals(1_234L, t.get("handshake_rtt_us"));
            assertEquals(56L, t.get("handshake_ack_us"));
            assertEquals(1_290L, t.get("initial_rtt_us"));
            assertFalse(t.containsKey("ttfb_us"), "not seen: left out");
            assertEquals(List.of("syn", "syn_ack", "rst", "reset"), t.get("lifecycle"));
            assertEquals("severe", t.get("health"));
            assertEquals(0.0625, t.get("retransmission_rate"));
            for (int k = 0; k < 2; k++) {
                TcpDirection d = k == 0 ? h.orig() : h.resp();
                Map<String, Object> m = (Map<String, Object>) t.get(k == 0 ? "orig" : "resp");
                for (TcpFields.Field<TcpDirection> f : TcpFields.DIRECTION) {
                    Object expected = f.get().apply(d);
                    String[] path = f.name().split("\\.");
                    Object actual = path.length == 1 ? m.get(path[0]) : ((Map<String, Object>) m.get(path[0])).get(path[1]);
                    if (expected instanceof Number n && actual instanceof Number a) {
                        assertEquals(n.doubleValue(), a.doubleValue(), 1e-9, f.name());
                    } else {
                        assertEquals(expected, actual, f.name());
                    }
                }
            }
            // rows without TCP health have no tcp object, and TCP filters never match them
            assertEquals(1, FlowSearch.of("tcp.health == severe").run(c).rows().size());
            assertEquals(1, FlowSearch.of("tcp.resp.rtt.max == 3001").run(c).rows().size());
            assertEquals(1, FlowSearch.of("tcp.lifecycle.reset == 1 and tcp.resp.window_scale == 7").run(c).rows().size());
            assertEquals(0, FlowSearch.of("tcp.orig.window_scale >= 0").run(c).rows().size(), "orig offered none: NULL");
            long withoutTcp = FlowSearch.of("").run(c).rows().stream().filter(r -> !r.containsKey("tcp")).count();
            assertEquals(flows.size() - 1, withoutTcp);
        }
    }
}
