package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingesting what is already stored: skipped; {@code --replace}: removed and stored again; another file under a used name: refused. */
class ReingestCliTest {
    private static final Path WIKIPEDIA = Path.of("src/main/resources/samples/zeek-wikipedia.pcap");
    private static final Path HTTP = Path.of("src/main/resources/samples/zeek-http-get.pcap");

    @TempDir Path dir;

    private static long flows(Path data) throws Exception {
        try (Store s = Store.open(data); Connection c = s.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM flows")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void skipReplaceAndRefuse() throws Exception {
        Path a = dir.resolve("a.pcap"), data = dir.resolve("data");
        Files.copy(WIKIPEDIA, a);
        var first = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", a.toString());
        assertEquals(0, first.exit(), first.err());
        long wikipedia = flows(data);
        assertTrue(wikipedia > 0);

        var again = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", a.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(a + ": already ingested, skipped (--replace ingests it again)", again.out().strip());
        assertEquals(wikipedia, flows(data));

        var replaced = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", "--replace", a.toString());
        assertEquals(0, replaced.exit(), replaced.err());
        assertTrue(replaced.out().contains("removed the earlier ingest of " + a + " (" + wikipedia + " flows)"), replaced.out());
        assertEquals(wikipedia, flows(data), "replaced, not added");

        Files.copy(HTTP, a, StandardCopyOption.REPLACE_EXISTING); // another file under the same name
        var refused = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", a.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("a different file was ingested under this name before"), refused.err());
        assertEquals(wikipedia, flows(data));

        var forced = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", "--force", a.toString());
        assertEquals(0, forced.exit(), forced.err());
        long http = flows(data);
        assertTrue(http > 0 && http != wikipedia, "only the new file's flows: " + http);

        var missing = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", dir.resolve("nope.pcap").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.pcap: no such file"), missing.err());
    }
}
