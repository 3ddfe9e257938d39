package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Event rows reach the store whole across the writer's batch boundaries: the first batch of a table is handed over
 * at {@link StoreWriter#FIRST_EVENT_BATCH} rows (or the batch size when that is smaller), the later ones at the batch
 * size, and the rest at the end. Every row is stored once.
 */
class EventBatchesTest {
    @ParameterizedTest(name = "batch size {0}, {1} rows")
    @CsvSource({
        "3000, 0", "3000, 1", "3000, 1023", "3000, 1024", "3000, 1025", "3000, 4024", "3000, 4025", "3000, 9100",
        "100, 99", "100, 100", "100, 1001",
    })
    void everyRowOnce(int batchSize, int rows) throws Exception {
        try (Store store = Store.inMemory()) {
            try (StoreWriter w = new StoreWriter(store, batchSize, 2)) {
                for (int i = 0; i < rows; i++) w.add(dns(i));
            }
            Set<String> uids = new HashSet<>();
            int stored = 0;
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT uid FROM dns_events")) {
                while (rs.next()) {
                    uids.add(rs.getString(1));
                    stored++;
                }
            }
            assertEquals(rows, stored, "rows stored");
            assertEquals(rows, uids.size(), "distinct rows stored");
        }
    }

    private static DnsEvent dns(int i) {
        return new DnsEvent(1_700_000_000_000_000_000L + i * 1_000_000L, "C" + i, IpAddress.parse("10.0.0.1"), 40000 + i % 20000,
                IpAddress.parse("10.0.0.53"), 53, Transport.UDP, i & 0xffff, 1_000_000L, "n" + i + ".example", 1, 1, 0,
                false, false, true, true, List.of("192.0.2." + i % 250), List.of(300L), DnsEvent.Status.ANSWERED, 0, "t.pcap");
    }
}
