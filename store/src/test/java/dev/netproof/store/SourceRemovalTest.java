package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.CloseReason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source's rows leave every table that holds source rows, and only that source's. */
class SourceRemovalTest {
    @TempDir Path dir;

    /** Base tables with a column naming a source, and that column's name. */
    private static Map<String, Set<String>> tablesWithSourceColumns(Connection c) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.table_name, c.column_name "
                + "FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name "
                + "WHERE t.table_type = 'BASE TABLE' AND (c.column_name LIKE 'source%')")) {
            while (rs.next()) tables.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
        }
        return tables;
    }

    @Test
    void everyTableWithASourceColumnIsRemovedOrKeptOnPurpose() throws Exception {
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            Map<String, Set<String>> tables = tablesWithSourceColumns(c);
            Set<String> listed = new TreeSet<>(SourceRemoval.BY_SOURCE_ID);
            listed.addAll(SourceRemoval.BY_SOURCE);
            listed.addAll(SourceRemoval.KEPT.keySet());
            assertEquals(listed, tables.keySet(),
                    "a table with a source column must be in SourceRemoval.BY_SOURCE_ID, BY_SOURCE or KEPT");
            for (String t : SourceRemoval.BY_SOURCE_ID) assertTrue(tables.get(t).contains("source_id"), t);
            for (String t : SourceRemoval.BY_SOURCE) assertTrue(tables.get(t).contains("source"), t);
            for (String t : SourceRemoval.BY_EXPORT_KEY) assertEquals(List.of("key_id"), columnsLike(c, t, "%key_id"), t);
        }
    }

    private static List<String> columnsLike(Connection c, String table, String pattern) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND column_name LIKE ?")) {
            ps.setString(1, table);
            ps.setString(2, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A row for {@code table} with a placeholder of the right type in every column, and the source given. */
    private static void insertRow(Connection c, String table, String source, int sourceId) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = rs.getString(1), type = rs.getString(2);
                    values.add(col.equals("source") ? "'" + source + "'"
                            : col.equals("source_id") || col.equals("key_id") ? String.valueOf(sourceId)
                            : type.endsWith("[]") ? "[]"
                            : type.matches(".*\\[\\d+]") ? fixedArray(type)
                            : type.equals("VARCHAR") ? "'x'"
                            : type.equals("BOOLEAN") ? "false"
                            : type.equals("BLOB") ? "''::BLOB"
                            : "0");
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " VALUES (" + String.join(", ", values) + ")");
        }
    }

    /** A fixed-size array of zeros, e.g. {@code BIGINT[24]}. */
    private static String fixedArray(String type) {
        int open = type.lastIndexOf('[');
        String n = type.substring(open + 1, type.length() - 1);
        return "CAST(list_resize([0], " + n + ", 0) AS " + type + ")";
    }

    private static long count(Connection c, String table, String where) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void removesOneSourceFromEveryTableAndLeavesTheOther() throws Exception {
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO sources VALUES (1, 'a.pcap'), (2, 'b.pcap')");
                // exported flows name their source through their key: key 1 is a.pcap's, key 2 b.pcap's
                s.execute("INSERT INTO export_keys VALUES (1, 0, 0, 0, 0, 1), (2, 0, 0, 0, 0, 2)");
            }
            List<String> tables = new ArrayList<>(SourceRemoval.BY_SOURCE_ID);
            tables.addAll(SourceRemoval.BY_EXPORT_KEY);
            tables.addAll(SourceRemoval.BY_SOURCE);
            for (String t : tables) {
                insertRow(c, t, "a.pcap", 1);
                insertRow(c, t, "a.pcap", 1);
                insertRow(c, t, "b.pcap", 2);
            }
            List<String> removedOutputs = new ArrayList<>();
            Map<String, Long> deleted = new SourceRemoval(List.of(removedOutputs::add)).remove(c, "a.pcap");
            for (String t : tables) {
                String a = SourceRemoval.BY_SOURCE_ID.contains(t) ? "source_id = 1"
                        : SourceRemoval.BY_EXPORT_KEY.contains(t) ? "key_id = 1" : "source = 'a.pcap'";
                String b = SourceRemoval.BY_SOURCE_ID.contains(t) ? "source_id = 2"
                        : SourceRemoval.BY_EXPORT_KEY.contains(t) ? "key_id = 2" : "source = 'b.pcap'";
                assertEquals(0, count(c, t, a), t + ": a's rows are gone");
                assertEquals(1, count(c, t, b), t + ": b's row is kept");
                assertEquals(2L, deleted.get(t), t);
            }
            assertEquals(List.of("a.pcap"), removedOutputs, "the outputs outside the database are told");
        }
    }

    @Test
    void journalRecordsCommitsAndRecoversAnInterruptedRun() throws Exception {
        try (Store store = Store.open(dir)) {
            SourceRemoval removal = new SourceRemoval(List.of());
            try (IngestJournal journal = new IngestJournal(store, removal)) {
                long done = journal.begin("done.pcap", "k1", 1000, 1_000_000_000L);
                try (StoreWriter w = new StoreWriter(store, 2, 2, Duration.ZERO)) {
                    w.journal(done);
                    w.add(FlowsViewTest.flow(1, "10.0.0.1", "10.0.0.2", 6, "SF", CloseReason.FIN, -1, "done.pcap"));
                    w.drain();
                }
                journal.finish(done, 2_000_000_000L, 10, 1, IngestJournal.OK);

                long id = journal.begin("cut.pcap", "k2", 5000, 3_000_000_000L);
                long[] offset = {0};
                try (StoreWriter w = new StoreWriter(store, 2, 2, Duration.ZERO)) {
                    w.journal(id);
                    w.inputOffset(() -> offset[0]);
                    for (int i = 0; i < 6; i++) {
                        offset[0] = 1000 + 100 * i;
                        w.add(FlowsViewTest.flow(10 + i, "10.0.0.1", "10.0.0.2", 17, "SF", CloseReason.IDLE, -1, "cut.pcap"));
                    }
                    w.add(new QualityRow("cut.pcap", 3, "read", "packets", 6));
                    w.drain();
                } // no finish: as if killed after the last commit

                List<IngestJournal.Run> runs = journal.matching("k2", "elsewhere.pcap");
                assertEquals(1, runs.size());
                IngestJournal.Run cut = runs.getFirst();
                assertTrue(cut.interrupted());
                assertEquals(6, cut.flowsCommitted());
                assertEquals(1500, cut.readOffset(), "the offset stamped on the last batch written");
                assertTrue(journal.matching("k1", "x").getFirst().complete());

                IngestJournal.Recovered r = journal.recover(cut, "again.pcap");
                assertEquals(6, r.flowsRemoved());
                assertEquals(3500, r.bytesNotStored());
                assertTrue(journal.matching("k2", "cut.pcap").isEmpty(), "an interrupted run, once recovered, no longer matches");
                try (Connection c = store.connect()) {
                    assertEquals(0, count(c, "flows", "source = 'cut.pcap'"));
                    assertEquals(0, count(c, "quality", "source = 'cut.pcap'"));
                    assertEquals(1, count(c, "flows", "source = 'done.pcap'"));
                    assertEquals(1, count(c, "quality", "source = 'again.pcap' AND stage = 'store' "
                            + "AND metric = 'interrupted.bytes_not_stored' AND value = 3500"));
                    assertEquals(1, count(c, "ingests", "status = 'interrupted' AND ingest_id = " + id));
                }
                Map<String, Long> replaced = journal.replace(journal.matching("k1", "x").getFirst());
                assertEquals(1L, replaced.get("flow_rows"));
                assertEquals(Set.of(), new HashSet<>(journal.matching("k1", "done.pcap")));
            }
        }
    }
}
