package dev.netproof.app.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during {@code netproof ingest}, at random points, several times over: after each kill the
 * store opens, rows are never duplicated, and what the journal says was committed is there and is what
 * a clean ingest stores; a complete ingest afterwards gives the clean ingest's totals, ingesting the
 * file again (or a copy) adds nothing, and the ledger counts the interrupted runs.
 */
class CrashRecoveryTest {
    private static final int FLOWS = 100_000;
    private static final int KILLS = 5;

    @TempDir Path dir;

    @Test
    void killedIngestsLeaveCommittedRowsAndAReingestEqualsACleanOne() throws Exception {
        Path big = dir.resolve("big.pcap").toAbsolutePath();
        SyntheticCapture.write(big, FLOWS);
        Path small = dir.resolve("small.pcap").toAbsolutePath();
        Files.copy(Path.of("src/main/resources/samples/zeek-wikipedia.pcap"), small);
        String bigSource = big.toString(), smallSource = small.toString();

        // the clean ingest, for reference, and how long it takes
        Path ref = dir.resolve("ref");
        NetproofProcess cleanRun = NetproofProcess.start(dir, "ingest", "--data", ref.toString(), "--progress", "bar", bigSource);
        cleanRun.awaitStderr();
        long t0 = System.nanoTime();
        NetproofProcess.Result clean = cleanRun.waitFor();
        long readNanos = System.nanoTime() - t0; // from the first progress bar to the end
        assertEquals(0, clean.exit(), clean.err());
        StoreFacts.Totals refTotals;
        Map<String, Long> refLedger;
        try (Store s = Store.open(ref); Connection c = s.connect()) {
            refTotals = StoreFacts.totals(c, bigSource);
            refLedger = StoreFacts.ledger(c, bigSource);
        }
        assertEquals(FLOWS, refTotals.flows());
        assertEquals(2L * FLOWS, refTotals.packets());
        assertEquals(0, refTotals.duplicates(), "a clean ingest's (uid, ts_ns) are unique");

        Path data = dir.resolve("data");
        assertEquals(0, NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none", smallSource).exit());
        StoreFacts.Totals smallTotals;
        try (Store s = Store.open(data); Connection c = s.connect()) {
            smallTotals = StoreFacts.totals(c, smallSource);
        }

        long seed = System.nanoTime();
        Random random = new Random(seed);
        java.util.Set<Long> killedRuns = new java.util.HashSet<>(); // a kill before the next run began finds the same one
        int withCommittedRows = 0;
        boolean lastHit = false;
        for (int i = 0; i < KILLS || (!lastHit && i < KILLS + 5); i++) {
            NetproofProcess p = NetproofProcess.start(dir, "ingest", "--data", data.toString(), "--progress", "bar",
                    "--commit-interval", "0.3", bigSource);
            p.awaitStderr(); // reading has begun (and the journal row is written)
            // the i-th fifth of the first 90 % of a clean run's read and store time, so that later kills come
            // after the first commit (32,768 flows) whatever the draw; when the last one came after a run that
            // was faster than the clean one had finished, one more within the first half, so that the final
            // re-ingest finds an interrupted run to recover
            long delayMs = i < KILLS ? (long) (readNanos / 1e6 * 0.9 * (i + random.nextDouble()) / KILLS)
                    : (long) (readNanos / 1e6 * 0.5 * random.nextDouble());
            Thread.sleep(delayMs);
            boolean alive = p.kill();
            String at = "kill " + (i + 1) + " " + delayMs + " ms into the read (seed " + seed + ")";
            long opened = System.nanoTime();
            try (Store s = Store.open(data); Connection c = s.connect()) {
                System.out.printf("%s: store reopened in %.0f ms%n", at, (System.nanoTime() - opened) / 1e6);
                assertEquals(smallTotals, StoreFacts.totals(c, smallSource), at + ": the other file's rows are intact");
                StoreFacts.Totals now = StoreFacts.totals(c, bigSource);
                assertEquals(0, now.duplicates(), at + ": no row twice");
                List<StoreFacts.Run> runs = StoreFacts.runs(c, bigSource);
                assertTrue(!runs.isEmpty(), at + ": the run was journaled before reading");
                StoreFacts.Run last = runs.getLast();
                lastHit = alive && !last.status().equals("ok");
                if (!lastHit) continue; // finished before the kill: nothing to check here
                killedRuns.add(last.id());
                assertEquals("running", last.status(), at);
                assertEquals(last.flowsCommitted(), now.flows(), at + ": the rows the journal says were committed are there");
                if (now.flows() > 0) withCommittedRows++;
                c.createStatement().execute("ATTACH '" + ref.resolve(Store.FILE_NAME) + "' AS ref (READ_ONLY)");
                long foreign = StoreFacts.count(c, "SELECT count(*) FROM (SELECT uid_key, ts_ns, orig_pkts, resp_pkts, orig_ip_bytes, "
                        + "resp_ip_bytes FROM all_flow_rows WHERE source_id = (SELECT source_id FROM sources WHERE source = '"
                        + bigSource + "') EXCEPT SELECT uid_key, ts_ns, orig_pkts, resp_pkts, orig_ip_bytes, resp_ip_bytes FROM ref.all_flow_rows)");
                assertEquals(0, foreign, at + ": every committed row is a row of the clean ingest");
                assertTrue(last.readOffset() <= Files.size(big), at);
            }
        }
        int killedRunning = killedRuns.size();
        assertTrue(killedRunning >= 2, "kills hit running ingests (" + killedRunning + ")");
        assertTrue(withCommittedRows >= 1, "at least one kill came after a commit (seed " + seed + ")");

        NetproofProcess.Result again = NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none", bigSource);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("was interrupted"), again.out());
        try (Store s = Store.open(data); Connection c = s.connect()) {
            assertEquals(refTotals, StoreFacts.totals(c, bigSource), "a complete re-ingest stores what a clean one does");
            assertEquals(refLedger, StoreFacts.ledger(c, bigSource));
            assertEquals(smallTotals, StoreFacts.totals(c, smallSource));
            Map<String, Long> lost = StoreFacts.interrupted(c, bigSource);
            assertEquals(killedRunning, lost.get("interrupted.ingests"), lost.toString());
            assertTrue(lost.get("interrupted.bytes_not_stored") > 0, lost.toString());
        }

        // the same file, and a copy under another name: nothing added
        Path copy = dir.resolve("copy-of-big.pcap").toAbsolutePath();
        Files.copy(big, copy);
        NetproofProcess.Result twice = NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none",
                bigSource, copy.toString());
        assertEquals(0, twice.exit(), twice.err());
        assertTrue(twice.out().contains(bigSource + ": already ingested, skipped"), twice.out());
        assertTrue(twice.out().contains(copy + ": already ingested as " + bigSource), twice.out());
        try (Store s = Store.open(data); Connection c = s.connect()) {
            assertEquals(refTotals, StoreFacts.totals(c, bigSource));
            assertEquals(0, StoreFacts.totals(c, copy.toString()).flows());
            assertEquals(refTotals.flows() + smallTotals.flows(), StoreFacts.count(c, "SELECT count(*) FROM flows"));
        }
    }
}
