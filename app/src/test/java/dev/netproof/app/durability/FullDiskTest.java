package dev.netproof.app.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netproof.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and a read-only data directory, for real: a small tmpfs mounted by the test (it runs as
 * root here and in CI; root ignores permission bits, so only a read-only mount makes a directory
 * read-only for it). Each stops the ingest with one line and exit code 1, and the store opens
 * afterwards with everything committed before; an ingest once there is room again completes.
 */
class FullDiskTest {
    private static final int FLOWS = 120_000;

    @TempDir Path dir;

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + ": " + out.strip());
        return out;
    }

    /** The error output as its non-empty lines. */
    private static List<String> lines(String s) {
        return s.lines().filter(l -> !l.isBlank()).toList();
    }

    private static void assertOneLineError(NetproofProcess.Result r, String expected) {
        assertEquals(1, r.exit(), r.err());
        List<String> err = lines(r.err());
        assertEquals(1, err.size(), "one line: " + r.err());
        assertTrue(err.getFirst().startsWith("netproof: "), r.err());
        assertTrue(err.getFirst().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void fullDiskAndReadOnlyDirectoryStopCleanlyAndKeepWhatWasCommitted() throws Exception {
        Path big = dir.resolve("big.pcap").toAbsolutePath();
        SyntheticCapture.write(big, FLOWS);
        Path small = dir.resolve("small.pcap").toAbsolutePath(), other = dir.resolve("other.pcap").toAbsolutePath();
        Files.copy(Path.of("src/main/resources/samples/zeek-wikipedia.pcap"), small);
        Files.copy(Path.of("src/main/resources/samples/zeek-http-get.pcap"), other);
        Path fs = Files.createDirectories(dir.resolve("fs"));
        try {
            sh("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", fs.toString());
        } catch (IOException e) {
            fail("this test needs root (CAP_SYS_ADMIN) to mount a small tmpfs: " + e.getMessage());
        }
        try {
            Path data = fs.resolve("data");
            assertEquals(0, NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none",
                    small.toString()).exit());
            StoreFacts.Totals smallTotals;
            try (Store s = Store.open(data); Connection c = s.connect()) {
                smallTotals = StoreFacts.totals(c, small.toString());
            }
            assertTrue(smallTotals.flows() > 0);

            // full disk: the big file's rows do not fit in 8 MiB
            NetproofProcess.Result full = NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none",
                    "--commit-interval", "0.3", big.toString());
            assertOneLineError(full, "No space left on device");
            assertTrue(full.err().contains("the disk holding the store is full"), full.err());
            System.out.println("full disk: " + full.err().strip());
            try (Store s = Store.open(data); Connection c = s.connect()) {
                assertEquals(smallTotals, StoreFacts.totals(c, small.toString()), "what was committed before is there");
                List<StoreFacts.Run> runs = StoreFacts.runs(c, big.toString());
                StoreFacts.Run run = runs.getLast();
                assertEquals("running", run.status(), "the journal shows the run did not finish");
                assertEquals(run.flowsCommitted(), StoreFacts.totals(c, big.toString()).flows());
                System.out.println("full disk: the store reopened; " + run.flowsCommitted() + " flows of the big file had been committed");
            }

            // read-only data directory
            sh("mount", "-o", "remount,ro", fs.toString());
            NetproofProcess.Result ro = NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none",
                    other.toString());
            assertOneLineError(ro, "Read-only file system");
            System.out.println("read-only: " + ro.err().strip());

            // room again: the store opens with everything committed before, and the interrupted file completes
            sh("mount", "-o", "remount,rw,size=256m", fs.toString());
            try (Store s = Store.open(data); Connection c = s.connect()) {
                assertEquals(smallTotals, StoreFacts.totals(c, small.toString()));
            }
            NetproofProcess.Result again = NetproofProcess.run(dir, "ingest", "--data", data.toString(), "--progress", "none",
                    big.toString(), other.toString());
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("was interrupted"), again.out());
            try (Store s = Store.open(data); Connection c = s.connect()) {
                StoreFacts.Totals t = StoreFacts.totals(c, big.toString());
                assertEquals(FLOWS, t.flows());
                assertEquals(2L * FLOWS, t.packets());
                assertEquals(0, t.duplicates());
                assertEquals(smallTotals, StoreFacts.totals(c, small.toString()));
                assertEquals(1L, StoreFacts.interrupted(c, big.toString()).get("interrupted.ingests"));
            }
        } finally {
            sh("umount", "-l", fs.toString());
        }
    }
}
