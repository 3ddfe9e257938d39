package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.Flow;
import dev.netproof.store.IngestJournal;
import dev.netproof.store.SourceRemoval;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import dev.netproof.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a writer commits: at its interval, or (a file ingest's) once enough flows wait or the longest wait passed. */
class StoreWriterCommitsTest {
    private static final long S = 1_000_000_000L;
    @TempDir Path dir;

    @Test
    void aFileIngestCommitsAtTheIntervalOnlyOnceEnoughFlowsWait() {
        StoreWriter.Commits file = StoreWriter.FILE_COMMITS;
        assertFalse(file.due(S - 1, 2_000_000), "not before the interval");
        assertFalse(file.due(11 * S, 313_000), "313,000 flows would make small files, merged again at the end");
        assertTrue(file.due(S, 500_000), "500,000 flows go to files as soon as they wait (in the background)");
        assertFalse(file.due(59 * S, 1));
        assertTrue(file.due(60 * S, 1), "the longest wait");
        StoreWriter.Commits every = StoreWriter.Commits.every(Duration.ofSeconds(1));
        assertFalse(every.due(S - 1, 1_000_000));
        assertTrue(every.due(S, 0), "a plain interval commits whatever waits");
        assertThrows(IllegalArgumentException.class, () -> new StoreWriter.Commits(Duration.ofSeconds(10), 0, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new StoreWriter.Commits(Duration.ofSeconds(10), -1, Duration.ofSeconds(10)));
    }

    /** The writer's thread follows the rule: rows stay uncommitted, past the interval, until enough flows wait. */
    @Test
    void rowsBecomeVisibleWhenEnoughFlowsWait() throws Exception {
        List<Flow> flows = HotFilesTest.flows(7, 2000, "a.pcap");
        try (Store store = Store.open(dir);
             StoreWriter w = new StoreWriter(store, 500, 2, new StoreWriter.Commits(Duration.ofMillis(1), 1500, Duration.ofHours(1)));
             Connection reader = store.connect()) {
            flows.subList(0, 1000).forEach(w::add);
            w.handPending();
            Thread.sleep(1000); // the writer has long taken both batches, each more than 1 ms after the last commit
            assertEquals(0, count(reader), "1,000 flows wait: no commit yet");
            flows.subList(1000, 2000).forEach(w::add);
            w.handPending();
            long deadline = System.nanoTime() + 20 * S;
            while (count(reader) == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(1500, count(reader), "the commit came with the batch that made 1,500 wait");
        }
    }

    /**
     * A file ingest's commit writes its files in the background while the writer stages the flows after it: a reader
     * sees the commit's flows and its journal row together and nothing of the later flows, the commit lands without a
     * further batch, and the end stores every flow once.
     */
    @Test
    void aBackgroundCommitShowsItsFlowsWithItsJournalRowOnly() throws Exception {
        List<Flow> flows = HotFilesTest.flows(11, 3500, "b.pcap");
        try (Store store = Store.open(dir);
             IngestJournal journal = new IngestJournal(store, new SourceRemoval(List.of()));
             Connection reader = store.connect()) {
            long id = journal.begin("b.pcap", "k", 1_000_000, 1);
            String seen = "SELECT (SELECT count(*) FROM all_flow_rows), (SELECT flows_committed FROM ingests WHERE ingest_id = "
                    + id + "), (SELECT read_offset FROM ingests WHERE ingest_id = " + id + ")";
            long[] offset = {0};
            try (StoreWriter w = new StoreWriter(store, 500, 2, new StoreWriter.Commits(Duration.ofMillis(1), 1000,
                    Duration.ofHours(1))).sealHot(true)) {
                w.journal(id);
                w.inputOffset(() -> offset[0]);
                for (int i = 0; i < 1000; i++) {
                    offset[0] = 10L * (i + 1);
                    w.add(flows.get(i));
                }
                long deadline = System.nanoTime() + 20 * S;
                while (HotFilesTest.one(reader, "SELECT flows_committed FROM ingests WHERE ingest_id = " + id) == 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals("1000 1000 10000", row(reader, seen), "the commit, with no batch after it");
                Set<String> views = new TreeSet<>();
                for (int i = 1000; i < flows.size(); i++) {
                    offset[0] = 10L * (i + 1);
                    w.add(flows.get(i));
                    // ledger rows between them: batches of them wait for a background commit with the flows' share
                    w.add(new QualityRow("b.pcap", i, "test", "rows", 1));
                    if (i % 50 == 0) views.add(row(reader, seen));
                }
                w.drain();
                for (String v : views) {
                    String[] n = v.split(" ");
                    assertEquals(n[0], n[1], "flows seen and the journal's count, in one snapshot: " + v);
                    assertEquals(Long.parseLong(n[0]) * 10, Long.parseLong(n[2]), "the offset read at its last batch: " + v);
                }
            }
            assertEquals(flows.size() + " " + flows.size() + " 35000", row(reader, seen));
            assertEquals(flows.size(), HotFilesTest.one(reader, "SELECT count(DISTINCT uid) FROM flows"));
            assertEquals(flows.size() - 1000, HotFilesTest.one(reader, "SELECT count(DISTINCT second) FROM quality WHERE stage = 'test'"));
        }
    }

    /** A background commit that cannot write its files fails the writer: nothing of it is listed or committed. */
    @Test
    void aBackgroundCommitThatFailsCommitsNothing() throws Exception {
        List<Flow> flows = HotFilesTest.flows(12, 2000, "c.pcap");
        try (Store store = Store.open(dir);
             IngestJournal journal = new IngestJournal(store, new SourceRemoval(List.of()))) {
            long id = journal.begin("c.pcap", "k", 1_000_000, 1);
            Files.writeString(dir.resolve(HotFiles.DIR), "not a directory");
            StoreWriter w = new StoreWriter(store, 500, 2, new StoreWriter.Commits(Duration.ofMillis(1), 1000,
                    Duration.ofHours(1))).sealHot(true);
            w.journal(id);
            flows.forEach(w::add);
            StoreException e = assertThrows(StoreException.class, w::drain);
            assertTrue(e.getMessage().startsWith("writing to the store failed"), e.getMessage());
            w.close();
            try (Connection c = store.connect()) {
                assertEquals(0, HotFilesTest.one(c, "SELECT count(*) FROM hot_files"));
                assertEquals(0, HotFilesTest.one(c, "SELECT flows_committed FROM ingests WHERE ingest_id = " + id));
                assertEquals(0, HotFilesTest.one(c, "SELECT count(*) FROM flows"));
            }
        }
    }

    private static String row(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3);
        }
    }

    private static long count(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM flow_rows")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
