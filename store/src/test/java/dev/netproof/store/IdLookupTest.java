package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A flood of new keys (exporters, domains) must not grow the remembered ids without bound, and a key must keep
 * its id after it was forgotten.
 */
class IdLookupTest {
    @Test
    void forgetsPastItsBoundAndFindsTheSameIdsAgain() throws Exception {
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            IdLookup ids = new IdLookup(50, c, "export_keys", "key_id", "format_code", "exporter_hi", "exporter_lo", "domain",
                    "source_id");
            int[] first = new int[400];
            for (int domain = 0; domain < first.length; domain++) {
                first[domain] = ids.id(1, 0L, 0L, (long) domain, 7);
                assertTrue(ids.remembered() <= 50, "remembered " + ids.remembered());
            }
            for (int domain = first.length - 1; domain >= 0; domain--) {
                assertEquals(first[domain], ids.id(1, 0L, 0L, (long) domain, 7), "domain " + domain + " keeps its id");
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT key_id) FROM export_keys")) {
                rs.next();
                assertEquals(400, rs.getLong(1), "one row per key, none registered twice");
                assertEquals(400, rs.getLong(2));
            }
        }
    }
}
