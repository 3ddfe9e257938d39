package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.app.ingest.IngestPipeline;
import dev.netproof.app.ingest.Progress;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.Flow;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.store.FlowRowsAppender;
import dev.netproof.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest's flows and TCP health go to the hot tier's Parquet files (store.tier.HotFiles) and read back through
 * the {@code flows} view exactly as the same flows written to the tables do: every column, TCP health included,
 * for every bundled capture.
 */
class HotFilesIngestTest {
    @TempDir Path dir;

    @Test
    void theFilesOfAnIngestReadBackAsTheTables() throws Exception {
        List<String> captures;
        try (Stream<Path> s = Files.list(Path.of("src/main/resources/samples"))) {
            captures = s.filter(p -> p.toString().endsWith(".pcap")).map(p -> p.toAbsolutePath().toString()).sorted().toList();
        }
        assertTrue(captures.size() >= 10, captures.toString());
        Path data = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--progress", "none"));
        args.addAll(captures);
        Cli.Result r = Cli.run(dir, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());

        List<Flow> flows = new ArrayList<>();
        for (String c : captures) {
            new IngestPipeline(FlowTableConfig.defaults(), Progress.Mode.NONE, System.err)
                    .run(Path.of(c), flows::add, QualitySink.DISCARD, e -> { });
        }
        String q = "SELECT * FROM flows ORDER BY source, ts_ns, uid";
        try (Store files = Store.open(data); Connection cf = files.connect();
             Store tables = Store.inMemory(); Connection ct = tables.connect()) {
            FlowRowsAppender.write(ct, flows);
            assertEquals(0, one(cf, "SELECT count(*) FROM flow_rows") + one(cf, "SELECT count(*) FROM tcp_rows"),
                    "the ingest's rows are in files, not in the tables");
            assertEquals(flows.size(), one(cf, "SELECT sum(row_count) FROM hot_files WHERE tbl = 'flow_rows'"));
            long tcp = flows.stream().filter(f -> f.tcp() != null).count();
            assertTrue(tcp > 100, "TCP flows: " + tcp);
            assertEquals(tcp, one(cf, "SELECT sum(row_count) FROM hot_files WHERE tbl = 'tcp_rows'"));
            List<String> fromFiles = rows(cf, q), fromTables = rows(ct, q);
            assertEquals(fromTables.size(), fromFiles.size());
            for (int i = 0; i < fromFiles.size(); i++) assertEquals(fromTables.get(i), fromFiles.get(i), "row " + i);
        }
    }

    private static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                out.add(b.toString());
            }
        }
        return out;
    }
}
