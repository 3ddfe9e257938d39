package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netproof.store.Store;
import dev.netproof.testkit.Corpus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow exports found in captures, through the real command line: {@code ingest} recognises the export
 * datagrams of the shared corpus (NetFlow v5/v9, IPFIX, sFlow, on their odd ports with
 * {@code --export-ports any}), stores their records and every exporter's account, and
 * {@code query exported} and {@code query top --exported} answer from them with sampled counts scaled.
 */
class ExportsCliTest {
    @TempDir static Path dir;
    static List<Path> captures;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Records the ingest summary said it decoded, summed over the files. */
    static long reported;

    @BeforeAll
    static void ingest() throws Exception {
        captures = Corpus.shared("flows", "ak-*.pcap");
        assumeTrue(!captures.isEmpty(), "the shared corpus is present");
        List<String> args = new ArrayList<>(List.of("ingest", "--data", dir.resolve("data").toString(), "--progress", "none",
                "--export-ports", "any"));
        captures.forEach(c -> args.add(c.toString()));
        Cli.Result r = Cli.run(dir, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        var m = java.util.regex.Pattern.compile("flow exports: (\\d+) records").matcher(r.out());
        while (m.find()) reported += Long.parseLong(m.group(1));
        assertTrue(reported > 0, r.out());
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String l : out.lines().toList()) rows.add(JSON.readTree(l));
        return rows;
    }

    @Test
    void everyCaptureHasItsExportersAccountedWithTheOraclesDatagramCount() throws Exception {
        try (Store store = Store.open(dir.resolve("data")); Connection c = store.connect(); Statement s = c.createStatement()) {
            for (Path capture : captures) {
                JsonNode oracle = Corpus.sharedOracle(capture);
                int exportDatagrams = oracle.path("flow_export").size();
                ResultSet rs = s.executeQuery("SELECT sum(datagrams) FROM exporters WHERE source = '" + capture + "'");
                rs.next();
                assertEquals(exportDatagrams, rs.getLong(1), capture.getFileName() + ": datagrams in the exporters' account");
            }
            ResultSet t = s.executeQuery("SELECT templates FROM exporters WHERE source LIKE '%ak-netflow-v9-nat.pcap'");
            assertTrue(t.next());
            assertEquals(4, t.getInt(1), "the nat capture's exporter defined 4 templates (the decoder counted templates=4)");
            t = s.executeQuery("SELECT count(*) FROM exporters WHERE format IN ('netflow_v5', 'sflow_v5') AND templates <> -1");
            t.next();
            assertEquals(0, t.getLong(1), "no templates in v5 and sFlow");
            ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT format) FROM export_flows");
            rs.next();
            assertEquals(reported, rs.getLong(1), "every record the summaries reported is stored");
            assertEquals(4, rs.getLong(2), "NetFlow v5, v9, IPFIX and sFlow all stored");
        }
    }

    @Test
    void queryExportedFiltersByAddressAndScalesBySamplingRate() throws Exception {
        Cli.Result r = Cli.run(dir, "query", "exported", "--data", dir.resolve("data").toString(), "--format", "json",
                "--filter", "format == sflow_v5 and src_addr in 0.0.0.0/0", "--limit", "1000");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = lines(r.out());
        assertTrue(rows.size() >= 5, r.out());
        for (JsonNode row : rows) {
            assertEquals("sflow_v5", row.get("format").asText());
            assertEquals(1, row.get("packets").asLong(), "an sFlow record is one sampled packet");
            assertTrue(row.get("sampling_rate").asLong() >= 1, "an sFlow sample always says its rate");
            assertEquals(row.get("bytes").asLong() * row.get("sampling_rate").asLong(), row.get("scaled_bytes").asLong());
            assertTrue(row.get("src_addr").asText().contains("."), "IPv4 only: " + row);
        }
    }

    @Test
    void topExportedScalesEachRecordByItsOwnRateAndSaysSo() throws Exception {
        Cli.Result r = Cli.run(dir, "query", "top", "--exported", "--data", dir.resolve("data").toString(), "--by", "exporter",
                "--metric", "bytes", "--format", "json", "--limit", "100");
        assertEquals(0, r.exit(), r.err());
        long scaled = 0;
        long asExported = 0;
        for (JsonNode row : lines(r.out())) {
            scaled += row.get("bytes").asLong();
            asExported += row.get("bytes_as_exported").asLong();
            if (row.get("unknown_rate_records").asLong() == 0 && row.get("min_rate").asLong() == row.get("max_rate").asLong()) {
                assertEquals(row.get("bytes_as_exported").asLong() * row.get("max_rate").asLong(), row.get("bytes").asLong(), row.toString());
            }
        }
        try (Store store = Store.open(dir.resolve("data")); Connection c = store.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT sum(bytes * greatest(sampling_rate, 1)), sum(bytes) FROM export_flows");
            rs.next();
            assertEquals(rs.getLong(1), scaled, "the groups add up to the scaled total");
            assertEquals(rs.getLong(2), asExported);
        }
        assertTrue(scaled > asExported, "the corpus has sampled exporters");
    }
}
