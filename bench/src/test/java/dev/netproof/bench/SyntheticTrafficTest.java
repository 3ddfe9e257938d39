package dev.netproof.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.bench.internal.SyntheticTraffic;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.Flow;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.flow.FlowCounter;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The benchmark traffic must be what it claims: distinct, complete conversations that decode cleanly. */
class SyntheticTrafficTest {

    @Test
    void everyFlowIsOneCompleteConversation() {
        SyntheticTraffic traffic = new SyntheticTraffic(2000, 1);
        DecodedPacket[] packets = FlowTableBenchmark.decodeAll(traffic); // throws on any decode error
        long expected = 0;
        for (int f = 0; f < traffic.flows(); f++) expected += traffic.packets(f);
        assertEquals(expected, packets.length);

        List<Flow> rows = new ArrayList<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(), "test", rows::add, QualitySink.DISCARD);
        for (DecodedPacket p : packets) table.accept(p);
        table.finish();

        assertEquals(traffic.flows(), rows.size(), "one row per flow");
        assertEquals(0, table.counters().total(FlowCounter.EVICTED));
        Map<String, Integer> states = new TreeMap<>();
        long pkts = 0;
        int v6 = 0, vlan = 0;
        for (Flow r : rows) {
            states.merge(r.proto() + " " + r.connState(), 1, Integer::sum);
            pkts += r.origPkts() + r.respPkts();
            if (!r.origH().isV4()) v6++;
            if (r.vlan() >= 0) vlan++;
        }
        assertEquals(packets.length, pkts);
        // every TCP connection completes its handshake and closes with FIN both ways; every DNS query is answered
        assertEquals(2, states.size(), states.toString());
        assertTrue(states.keySet().stream().allMatch(k -> k.endsWith(" SF")), states.toString());
        assertTrue(v6 > traffic.flows() / 20 && vlan > traffic.flows() / 20, "v6=" + v6 + " vlan=" + vlan);
    }
}
