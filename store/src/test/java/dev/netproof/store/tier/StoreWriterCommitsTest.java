package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.Flow;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a writer commits: at its interval, or (a file ingest's) once enough flows wait or the longest wait passed. */
class StoreWriterCommitsTest {
    private static final long S = 1_000_000_000L;
    @TempDir Path dir;

    @Test
    void aFileIngestCommitsAtTheIntervalOnlyOnceEnoughFlowsWait() {
        StoreWriter.Commits file = StoreWriter.FILE_COMMITS;
        assertFalse(file.due(9 * S, 2_000_000), "not before the interval");
        assertFalse(file.due(11 * S, 313_000), "313,000 flows would make small files, merged again at the end");
        assertTrue(file.due(11 * S, 500_000));
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

    private static long count(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM flow_rows")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
