package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A source keeps its id whether it comes again at once (the last one is remembered apart) or after others, equal
 * strings that are other objects included; each is registered once.
 */
class SourceIdsTest {
    @Test
    void aSourceKeepsItsIdInAnyOrder() throws Exception {
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            SourceIds ids = new SourceIds(c);
            int a = ids.id("a.pcap");
            assertEquals(a, ids.id("a.pcap"));
            int b = ids.id("b.pcap");
            assertNotEquals(a, b);
            assertEquals(a, ids.id(new String("a.pcap")), "an equal string");
            assertEquals(b, ids.id("b.pcap"));
            assertEquals(b, ids.id("b.pcap"));
            assertEquals(a, ids.id("a.pcap"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sources")) {
                rs.next();
                assertEquals(2, rs.getLong(1), "each source registered once");
            }
            assertEquals(a, new SourceIds(c).id("a.pcap"), "and found again by a new lookup");
        }
    }
}
