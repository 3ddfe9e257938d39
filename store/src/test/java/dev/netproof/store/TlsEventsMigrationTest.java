package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.internal.TlsWriter;
import dev.netproof.store.internal.TlsWriterTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written when {@code tls_events} was a table (each row with its offer) reads the same through the view
 * after its migration ({@link TlsEventsMigration}), each distinct offer kept once.
 */
class TlsEventsMigrationTest {
    @TempDir Path dir;

    /** The table as builds before the split wrote it (commit d08bbfe). */
    private static final String OLD_TABLE = """
            CREATE TABLE IF NOT EXISTS tls_events (
              ts_ns BIGINT NOT NULL,
              uid VARCHAR NOT NULL,
              orig_h VARCHAR NOT NULL,
              orig_p INTEGER NOT NULL,
              resp_h VARCHAR NOT NULL,
              resp_p INTEGER NOT NULL,
              version VARCHAR,
              cipher VARCHAR,
              curve VARCHAR,
              server_name VARCHAR,
              resumed BOOLEAN NOT NULL,
              last_alert VARCHAR,
              next_protocol VARCHAR,
              established BOOLEAN NOT NULL,
              ssl_history VARCHAR,
              cert_chain_fps VARCHAR[] NOT NULL,
              client_version VARCHAR,
              client_supported_versions VARCHAR[] NOT NULL,
              client_ciphers VARCHAR[] NOT NULL,
              client_alpn VARCHAR[] NOT NULL,
              client_groups VARCHAR[] NOT NULL,
              client_ech BOOLEAN NOT NULL,
              ja3 VARCHAR,
              ja3_string VARCHAR,
              ja3s VARCHAR,
              ja3s_string VARCHAR,
              ja4 VARCHAR,
              handshake DOUBLE,
              cert_subject VARCHAR,
              cert_issuer VARCHAR,
              cert_not_valid_before VARCHAR,
              cert_not_valid_after VARCHAR,
              cert_san VARCHAR[] NOT NULL,
              alerts VARCHAR NOT NULL,
              hello_whole BOOLEAN NOT NULL,
              error VARCHAR,
              source VARCHAR NOT NULL,
              orig_ip_hi BIGINT NOT NULL,
              orig_ip_lo BIGINT NOT NULL,
              resp_ip_hi BIGINT NOT NULL,
              resp_ip_lo BIGINT NOT NULL
            )""";

    @Test
    void anOldTableMovesIntoHandshakesAndOffers() throws Exception {
        Random r = new Random(5);
        List<TlsEvent> offers = new ArrayList<>();
        for (int i = 0; i < 7; i++) offers.add(TlsWriterTest.offer(r));
        List<TlsEvent> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) rows.add(TlsWriterTest.handshake(r, offers.get(r.nextInt(offers.size())), i));
        List<Map<String, Object>> before;
        try (Store store = Store.open(dir); Connection c = store.connect(); Statement s = c.createStatement()) {
            // the rows as an old build stored them: written now, then moved into the old table
            new TlsWriter().write(c, rows);
            s.execute("CREATE TEMP TABLE snapshot AS SELECT * FROM tls_events");
            s.execute("DROP VIEW tls_events");
            s.execute("DROP TABLE tls_handshakes");
            s.execute("DROP TABLE tls_offers");
            s.execute("DROP SEQUENCE tls_offer_ids");
            s.execute(OLD_TABLE);
            s.execute("INSERT INTO tls_events SELECT * FROM snapshot");
            s.execute("DELETE FROM np_schema"); // as a store of an older build: its catalogue is made again
            before = TlsWriterTest.stored(c);
        }
        assertEquals(TlsWriterTest.expected(rows), before, "the old table holds the rows");
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            assertEquals(before, TlsWriterTest.stored(c));
            long distinct = offers.stream().map(o -> List.of(String.valueOf(o.clientVersion()), o.clientSupportedVersions(),
                    o.clientCiphers(), o.clientAlpn(), o.clientGroups(), o.clientEch(), String.valueOf(o.ja3()),
                    String.valueOf(o.ja4()))).distinct().count();
            assertEquals(distinct, TlsWriterTest.count(c, "SELECT count(*) FROM tls_offers"));
            assertEquals(rows.size(), TlsWriterTest.count(c, "SELECT count(*) FROM tls_handshakes"));
            assertEquals(0, TlsWriterTest.count(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                    + TlsEventsMigration.OLD + "'"));
            // and the writer goes on from there
            new TlsWriter().write(c, List.of(TlsWriterTest.handshake(r, offers.getFirst(), 3000)));
            assertEquals(rows.size() + 1, TlsWriterTest.count(c, "SELECT count(*) FROM tls_events"));
        }
    }
}
