package dev.netproof.store;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.store.internal.JsonText;
import dev.netproof.store.internal.TableFeed;
import dev.netproof.store.internal.VectorBulk;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBWritableVector;

/**
 * Writes exported flow records to {@code export_rows} ({@link Schema#CREATE_EXPORT_ROWS}): numbers only, but
 * for the rare MPLS stack and unmapped fields. A record's source is {@code exporter:ADDRESS}, registered in
 * {@code sources}, and its format, exporter, domain and source a key registered in {@code export_keys}, both in
 * the connection's current transaction. The rows come as columns ({@link ExportColumns}), each copied into
 * DuckDB's chunks in bulk ({@link VectorBulk}). One instance per connection and thread.
 */
final class ExportRowsAppender {
    /** The table's columns in order; {@link #fill} writes them. */
    private static final List<TableFeed.Column<Void>> COLUMNS = columns(
            "ts_ns BIGINT", "end_ns BIGINT", "received_ns BIGINT", "key_id INTEGER", "transport BIGINT", "marks BIGINT",
            "bytes BIGINT", "packets BIGINT", "sampling_rate BIGINT", "interfaces BIGINT", "as_pair BIGINT", "next_hop_hi BIGINT",
            "next_hop_lo BIGINT", "texts VARCHAR", "orig_ip_hi BIGINT", "orig_ip_lo BIGINT", "resp_ip_hi BIGINT",
            "resp_ip_lo BIGINT");

    private static List<TableFeed.Column<Void>> columns(String... nameAndType) {
        List<TableFeed.Column<Void>> out = new ArrayList<>();
        for (String c : nameAndType) {
            String[] p = c.split(" ");
            out.add(new TableFeed.Column<>(p[0], DuckDBColumnType.valueOf(p[1]), null));
        }
        return List.copyOf(out);
    }

    private final Connection conn;
    private final TableFeed<Void> feed;
    private final SourceIds sourceIds;
    private final ExportKeys keyIds;
    /** The key ids of the batch being inserted, by row. */
    private int[] keyOf = new int[0];

    ExportRowsAppender(Connection conn) throws SQLException {
        this.conn = conn;
        this.feed = new TableFeed<>(conn, "export_rows", COLUMNS, null);
        this.sourceIds = new SourceIds(conn);
        this.keyIds = new ExportKeys(conn);
    }

    /** The source of an exporter's records. */
    static String source(IpAddress exporter) {
        return "exporter:" + exporter;
    }

    /** Inserts the rows of {@code batch} in the connection's current transaction. */
    void write(ExportColumns batch) throws SQLException {
        int keys = batch.keys.size();
        int[] keyIdOf = new int[keys];
        for (int k = 0; k < keys; k++) {
            ExportColumns.Key key = batch.keys.get(k);
            keyIdOf[k] = keyIds.id(key.format(), key.exporter(), key.domain(), sourceIds.id(source(key.exporter())));
        }
        if (keyOf.length < batch.size) keyOf = new int[batch.capacity];
        for (int r = 0; r < batch.size; r++) keyOf[r] = keyIdOf[batch.key[r]];
        feed.insert(conn, batch.size, (from, n, out) -> fill(batch, from, n, out));
    }

    /**
     * Rows {@code from .. from + n - 1} of {@code b}, in {@link #COLUMNS}' order: a column at a time, each a bulk
     * copy ({@link VectorBulk}), then the NULLs of the nullable ones.
     */
    private void fill(ExportColumns b, int from, int n, DuckDBDataChunkWriter out) {
        VectorBulk.longs(out.vector(0), b.ts, from, n);
        VectorBulk.longs(out.vector(1), b.end, from, n);
        VectorBulk.longs(out.vector(2), b.received, from, n);
        VectorBulk.ints(out.vector(3), keyOf, from, n);
        VectorBulk.longs(out.vector(4), b.transport, from, n);
        VectorBulk.longs(out.vector(5), b.marks, from, n);
        VectorBulk.longs(out.vector(6), b.bytes, from, n);
        VectorBulk.longs(out.vector(7), b.packets, from, n);
        VectorBulk.longs(out.vector(8), b.rate, from, n);
        VectorBulk.longs(out.vector(9), b.interfaces, from, n);
        VectorBulk.longs(out.vector(10), b.asPair, from, n);
        VectorBulk.longs(out.vector(11), b.hopHi, from, n);
        VectorBulk.longs(out.vector(12), b.hopLo, from, n);
        VectorBulk.longs(out.vector(14), b.origHi, from, n);
        VectorBulk.longs(out.vector(15), b.origLo, from, n);
        VectorBulk.longs(out.vector(16), b.respHi, from, n);
        VectorBulk.longs(out.vector(17), b.respLo, from, n);
        DuckDBWritableVector end = out.vector(1), hopHi = out.vector(11), hopLo = out.vector(12);
        for (int i = 0; i < n; i++) {
            int r = from + i;
            if (b.end[r] == 0) end.setNull(i);
            if (!b.hasHop[r]) {
                hopHi.setNull(i);
                hopLo.setNull(i);
            }
        }
        TableFeed.texts(out.vector(13), b.texts, from, n);
    }

    /** The fields without a column, as a JSON array; null when there are none. */
    static String extra(List<ExportedFlow.ExtraField> fields) {
        if (fields.isEmpty()) return null;
        StringBuilder b = new StringBuilder("[");
        for (ExportedFlow.ExtraField f : fields) {
            if (b.length() > 1) b.append(',');
            b.append("{\"enterprise\":").append(f.enterprise()).append(",\"element\":").append(f.element())
                    .append(",\"value\":");
            JsonText.quote(b, f.value());
            b.append('}');
        }
        return b.append(']').toString();
    }
}
