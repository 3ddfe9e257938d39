package dev.netproof.store;

import dev.netproof.store.internal.TlsWriter;
import dev.netproof.store.internal.Transaction;
import dev.netproof.store.tier.HotFiles;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes every row of one source from every table that holds source rows: the one place that knows
 * which tables those are (a test fails when {@link Schema} gains a table with a source column that is
 * not listed here). Flow and TCP rows name their source by {@code source_id} (an id into
 * {@code sources}), exported flows through their {@code key_id} (an id into {@code export_keys}, which holds the
 * source id), the others by the {@code source} text.
 *
 * <p>The table rows go in the caller's transaction ({@link #deleteRows}), so a removal is all or
 * nothing; the outputs kept outside the database ({@link SourceOutputs}) are removed after it commits.
 */
public final class SourceRemoval {
    /** Tables whose rows name their source by {@code source_id}. */
    public static final List<String> BY_SOURCE_ID = List.of("flow_rows", "tcp_rows", "talkers", "talker_parts", "hot_files");
    /** Tables whose rows name their source by {@code key_id}, through {@code export_keys}. */
    public static final List<String> BY_EXPORT_KEY = List.of("export_rows");
    /** Tables whose rows name their source by the {@code source} text. */
    public static final List<String> BY_SOURCE = List.of("quality", "dns_events", "http_events", "tls_handshakes",
            "dns_minutes", "dns_name_minutes", "tcp_service_minutes", "metric_samples", "exporters",
            "traffic_seconds", "traffic_minutes");
    /**
     * Tables with a source column that are kept, and why: {@code sources} maps the text to its id (the
     * same path ingested again reuses it), {@code ingests} is the history of runs, removals included.
     */
    public static final Map<String, String> KEPT = Map.of(
            "sources", "the text-to-id map; an id is reused when its source comes back",
            "export_keys", "the map of exporters and their sources to ids; a key is reused when its source comes back",
            "ingests", "the history of ingest runs, which records removals too");

    private final List<SourceOutputs> outputs;

    /** @param outputs the stores outside DuckDB that also keep source rows (none yet: the lead wires tiers and packet store here) */
    public SourceRemoval(List<SourceOutputs> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /**
     * Deletes {@code source}'s rows from every table, in {@code c}'s current transaction (the caller
     * commits). Returns the rows deleted per table, for the ledger and tests.
     */
    public static Map<String, Long> deleteRows(Connection c, String source) throws SQLException {
        Map<String, Long> deleted = new LinkedHashMap<>();
        // sealed hours first: their rows count as the table's, and the views stop reading the files in this
        // transaction (the files go after the commit, with the other outputs: HotFiles.outputs)
        Map<String, Long> sealed = new LinkedHashMap<>();
        for (HotFiles.Count n : HotFiles.forgetSource(c, source).counts()) sealed.merge(n.table(), n.rows(), Long::sum);
        for (String table : BY_SOURCE_ID) {
            // table names come from the constant lists above, never from input
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE source_id = (SELECT source_id FROM sources WHERE source = ?)")) {
                ps.setString(1, source);
                deleted.put(table, ps.executeUpdate() + sealed.getOrDefault(table, 0L));
            }
        }
        for (String table : BY_EXPORT_KEY) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE key_id IN (SELECT k.key_id FROM "
                    + "export_keys k JOIN sources s ON s.source_id = k.source_id WHERE s.source = ?)")) {
                ps.setString(1, source);
                deleted.put(table, (long) ps.executeUpdate());
            }
        }
        for (String table : BY_SOURCE) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE source = ?")) {
                ps.setString(1, source);
                deleted.put(table, (long) ps.executeUpdate());
            }
        }
        // offers are shared by sources: those no handshake names any more go once old enough (TlsWriter)
        deleted.put("tls_offers", TlsWriter.deleteOrphans(c, System.currentTimeMillis() * 1_000_000L));
        return deleted;
    }

    /** Removes {@code source} from the stores outside the database; call after the table rows' transaction committed. */
    public void deleteOutputs(String source) throws StoreException {
        for (SourceOutputs o : outputs) {
            try {
                o.deleteSource(source);
            } catch (IOException e) {
                throw new StoreException("cannot remove " + source + "'s files: " + e.getMessage(), e);
            }
        }
    }

    /** Deletes {@code source}'s rows in one transaction of {@code c}, then its outside outputs. */
    public Map<String, Long> remove(Connection c, String source) throws StoreException {
        Map<String, Long> deleted = inTransaction(c, tx -> deleteRows(tx, source));
        deleteOutputs(source);
        return deleted;
    }

    /** Work to run in one transaction. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction of {@code c} (autocommit restored after), rolled back on failure. */
    static <T> T inTransaction(Connection c, Work<T> work) throws StoreException {
        try {
            return Transaction.run(c, () -> work.run(c));
        } catch (SQLException e) {
            throw new StoreException("cannot update the store: " + Store.withHint(Store.firstLine(e.getMessage())), e);
        }
    }
}
