package dev.netproof.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.flow.FlowTableConfig;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.store.tier.ColdFiles;
import dev.netproof.store.tier.Dimension;
import dev.netproof.store.tier.TierSettings;
import dev.netproof.testkit.Corpus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bundled capture (97 files, 369 flows, 2004 to 2020: windows of many days, hours and minutes, one source each)
 * ingested with tiny budgets: for every window and source, the flows, the 1-s series, the minute rows of each
 * dimension (named plus "other") and the hour rows in the Parquet files hold the same flows, bytes and packets.
 */
class TiersOnCorpusTest {
    static final long MIN = 60_000_000_000L, HOUR = 60 * MIN;
    @TempDir Path dir;

    @Test
    void everyTierAddsUpOnRealCaptures() throws Exception {
        var dims = Dimension.parseList("src=id.orig_h:2,service=id.resp_h+id.resp_p:2,proto=proto:1");
        try (Store store = Store.open(dir)) {
            IngestPipeline pipeline = new IngestPipeline(FlowTableConfig.defaults(), Progress.Mode.NONE, System.err);
            for (Corpus.Capture cap : Corpus.bundled()) {
                // a writer per file, as ingest does (the pipeline drains it at the end of its file)
                try (StoreWriter w = new StoreWriter(store, 64, 4).tiers(new TierSettings(dims, dir))) {
                    pipeline.run(cap.path(), w);
                } catch (dev.netproof.source.pcap.CaptureOpenException e) {
                    // a capture the pipeline refuses stores nothing; the sums below cover what was stored
                }
            }
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                long flows = count(s, "SELECT count(*) FROM flows");
                assertTrue(flows > 300, "flows stored: " + flows);
                String hot = "SELECT ts_ns // {W} * {W} AS w, source, count(*) AS f, sum(orig_ip_bytes + resp_ip_bytes) AS b, "
                        + "sum(orig_pkts + resp_pkts) AS p FROM flows GROUP BY ALL";
                String seconds = "SELECT second_ns // {W} * {W} AS w, source, sum(flows), sum(bytes), sum(packets) "
                        + "FROM traffic_seconds GROUP BY ALL";
                assertSame(s, hot.replace("{W}", "1000000000"), seconds.replace("{W}", "1000000000"), "1-s series");
                for (String dim : new String[] {"total", "src", "service", "proto"}) {
                    String minutes = "SELECT minute_ns // {W} * {W} AS w, source, sum(flows), sum(bytes), sum(packets) "
                            + "FROM traffic_minutes WHERE dim = '" + dim + "' GROUP BY ALL";
                    assertSame(s, hot.replace("{W}", "" + MIN), minutes.replace("{W}", "" + MIN), "minutes of " + dim);
                    String hours = "SELECT hour_ns AS w, source, sum(flows), sum(bytes), sum(packets) FROM read_parquet('"
                            + ColdFiles.glob(dir) + "', hive_partitioning = true) WHERE dim = '" + dim + "' GROUP BY ALL";
                    assertSame(s, hot.replace("{W}", "" + HOUR), hours, "hours of " + dim);
                }
                assertTrue(count(s, "SELECT count(*) FROM traffic_minutes WHERE key IS NULL") > 0,
                        "budgets of 1 and 2 lump keys into 'other' rows");
                assertEquals(count(s, "SELECT sum(flows) FROM traffic_minutes WHERE key IS NULL"),
                        count(s, "SELECT sum(value) FROM quality WHERE stage = 'rollup' AND metric LIKE 'traffic.%'"),
                        "the ledger counts the 'other' rows' flows");
            }
        }
    }

    private static void assertSame(Statement s, String a, String b, String what) throws Exception {
        long diff = count(s, "SELECT count(*) FROM ((" + a + " EXCEPT ALL " + b + ") UNION ALL (" + b + " EXCEPT ALL " + a + "))");
        assertEquals(0, diff, what + ": windows whose sums differ from the flows'");
        assertTrue(count(s, "SELECT count(*) FROM (" + b + ")") > 10, what + " has windows");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
