package dev.netproof.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netproof.core.model.Flow;
import dev.netproof.query.internal.DuckDbConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingConnectionTest {

    @TempDir
    Path dir;

    @Test
    void streamsManyRowsOverAReadOnlyStreamingConnection() throws Exception {
        List<Flow> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Flow t = StoreFixture.FLOWS.get(i % StoreFixture.FLOWS.size());
            many.add(new Flow(t.tsNanos() + i, dev.netproof.core.model.FlowUid.of(t.tsNanos() + i, i), t.origH(), t.origP(), t.respH(), t.respP(), t.proto(),
                    t.ipProto(), t.durationNanos(), t.origBytes(), t.respBytes(), t.connState(), t.history(),
                    t.origPkts(), t.origIpBytes(), t.respPkts(), t.respIpBytes(), t.vlan(), t.innerVlan(), t.closeReason(), t.source(), t.tcp(), null, null));
        }
        try (Connection w = StoreFixture.open(dir)) {
            StoreFixture.insert(w, many);
            StoreFixture.insertQuality(w, StoreFixture.QUALITY);
        }
        try (Connection c = DuckDbConnections.openReadOnly(dir.resolve("store.duckdb"))) {
            long[] n = {0};
            Streamed s = FlowSearch.of("host in 10.0.0.0/8").withLimit(FlowSearch.UNLIMITED).stream(c, r -> n[0]++);
            long expected = many.stream().filter(f -> f.origH().toString().startsWith("10.")
                    || f.respH().toString().startsWith("10.")).count();
            assertEquals(expected, s.rows());
            assertEquals(expected, n[0]);
            assertEquals(List.of("a.pcap", "c.pcap"), s.quality().sources());
            try (Statement st = c.createStatement()) {
                assertThrows(SQLException.class, () -> st.execute("DELETE FROM flows"));
            }
        }
    }
}
