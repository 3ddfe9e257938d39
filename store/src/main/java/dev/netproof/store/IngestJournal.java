package dev.netproof.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ingests} table as a journal of file ingests, for idempotency and crash recovery.
 *
 * <p>An ingest writes its row with status {@code running} (committed) before its first packet; the
 * store writer updates its {@code read_offset} (input bytes read when the rows were handed over) and
 * {@code flows_committed} in the same transaction as every commit of rows; the end sets {@code ok} or
 * {@code fault}. DuckDB lets one process write a store, so a {@code running} row seen by a process that
 * opened the store is a run that died (kill -9, power loss, a full disk): {@link #recover} removes its
 * partial rows and records in the ledger how much was lost. Removed runs keep their row, with status
 * {@code interrupted} or {@code replaced}: the history; so does a file that could not be opened
 * ({@code not_opened}). Only {@code running}, {@code ok} and {@code fault} rows stand for stored rows.
 */
public final class IngestJournal implements AutoCloseable {
    public static final String RUNNING = "running", OK = "ok", FAULT = "fault", INTERRUPTED = "interrupted",
            REPLACED = "replaced", NOT_OPENED = "not_opened";
    /** Ledger stage and metrics of recovered runs. */
    public static final String STAGE = "store", INTERRUPTED_INGESTS = "interrupted.ingests",
            BYTES_NOT_STORED = "interrupted.bytes_not_stored", FLOWS_REMOVED = "interrupted.flows_removed";

    /** One run of the journal. {@code key} is the content key (NULL for runs made before it existed). */
    public record Run(long id, String source, String key, long size, long startedNs, long readOffset,
                      long flowsCommitted, String status) {
        public boolean complete() {
            return OK.equals(status) || FAULT.equals(status);
        }

        public boolean interrupted() {
            return RUNNING.equals(status);
        }
    }

    /** What recovering an interrupted run removed. */
    public record Recovered(Run run, long bytesNotStored, Map<String, Long> rowsRemoved) {
        public long flowsRemoved() {
            return rowsRemoved.getOrDefault("flow_rows", 0L);
        }
    }

    private final Connection conn;
    private final SourceRemoval removal;

    public IngestJournal(Store store, SourceRemoval removal) throws StoreException {
        try {
            this.conn = store.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to store: " + Store.firstLine(e.getMessage()), e);
        }
        this.removal = removal;
    }

    /** The runs, not yet removed, of the same content ({@code key}) or under the same source text. */
    public List<Run> matching(String key, String source) throws StoreException {
        String sql = "SELECT ingest_id, source, source_key, size_bytes, started_ns, coalesce(read_offset, 0), "
                + "coalesce(flows_committed, flows), status FROM ingests WHERE status IN ('running', 'ok', 'fault') "
                + "AND (source_key = ? OR source = ?) ORDER BY started_ns";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setString(2, source);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getString(8)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StoreException("cannot read the ingest journal: " + Store.firstLine(e.getMessage()), e);
        }
    }

    /** Writes (and commits) the row of a run that starts now; returns its id. */
    public long begin(String source, String key, long size, long startedNs) throws StoreException {
        return SourceRemoval.inTransaction(conn, c -> {
            long id;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT greatest(coalesce(max(ingest_id), 0), 0) + 1 FROM ingests")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingests (source, size_bytes, started_ns, "
                    + "finished_ns, packets, flows, status, ingest_id, source_key, read_offset, flows_committed) "
                    + "VALUES (?, ?, ?, 0, 0, 0, 'running', ?, ?, 0, 0)")) {
                ps.setString(1, source);
                ps.setLong(2, size);
                ps.setLong(3, startedNs);
                ps.setLong(4, id);
                ps.setString(5, key);
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** In the store writer's transaction, just before it commits: how far the run got. */
    static void committed(Connection c, long id, long readOffset, long flows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE ingests SET read_offset = ?, flows_committed = ? WHERE ingest_id = ?")) {
            ps.setLong(1, readOffset);
            ps.setLong(2, flows);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Marks run {@code id} finished: {@code ok}, or {@code fault} when the file was damaged part-way. */
    public void finish(long id, long finishedNs, long packets, long flows, String status) throws StoreException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE ingests SET finished_ns = ?, packets = ?, flows = ?, "
                + "flows_committed = ?, status = ? WHERE ingest_id = ?")) {
            ps.setLong(1, finishedNs);
            ps.setLong(2, packets);
            ps.setLong(3, flows);
            ps.setLong(4, flows);
            ps.setString(5, status);
            ps.setLong(6, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record ingest: " + Store.withHint(Store.firstLine(e.getMessage())), e);
        }
    }

    /**
     * Removes the rows of an interrupted run and, in the same transaction, marks it {@code interrupted}
     * and writes to the ledger, under {@code ledgerSource} (the source about to be ingested again), how
     * much of its input had not been stored when it died.
     */
    public Recovered recover(Run run, String ledgerSource) throws StoreException {
        long notStored = Math.max(0, run.size() - run.readOffset());
        Map<String, Long> removed = SourceRemoval.inTransaction(conn, c -> {
            // the accounts of earlier interruptions of the same source go with its rows: carry them over
            Map<String, Long> carried = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT metric, sum(value) FROM quality WHERE source = ? "
                    + "AND stage = ? AND metric LIKE 'interrupted.%' GROUP BY metric")) {
                ps.setString(1, run.source());
                ps.setString(2, STAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) carried.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, Long> rows = SourceRemoval.deleteRows(c, run.source());
            setStatus(c, run.id(), INTERRUPTED);
            long second = run.startedNs() / 1_000_000_000L;
            List<dev.netproof.core.ledger.QualityRow> ledger = new java.util.ArrayList<>();
            for (var m : List.of(Map.entry(INTERRUPTED_INGESTS, 1L), Map.entry(BYTES_NOT_STORED, notStored),
                    Map.entry(FLOWS_REMOVED, rows.get("flow_rows")))) {
                ledger.add(new dev.netproof.core.ledger.QualityRow(ledgerSource, second, STAGE, m.getKey(),
                        m.getValue() + carried.getOrDefault(m.getKey(), 0L)));
            }
            LedgerRows.insert(c, ledger);
            return rows;
        });
        removal.deleteOutputs(run.source());
        return new Recovered(run, notStored, removed);
    }

    /** Removes a complete run's rows ({@code --replace}) and marks it {@code replaced}, in one transaction. */
    public Map<String, Long> replace(Run run) throws StoreException {
        Map<String, Long> removed = SourceRemoval.inTransaction(conn, c -> {
            Map<String, Long> rows = SourceRemoval.deleteRows(c, run.source());
            setStatus(c, run.id(), REPLACED);
            return rows;
        });
        removal.deleteOutputs(run.source());
        return removed;
    }

    private static void setStatus(Connection c, long id, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingests SET status = ? WHERE ingest_id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close store connection: " + Store.firstLine(e.getMessage()), e);
        }
    }
}
