package dev.netproof.store;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.store.internal.JsonText;
import dev.netproof.store.internal.TableFeed;
import java.sql.Connection;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBWritableVector;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes exported flow records to {@code export_rows} ({@link Schema#CREATE_EXPORT_ROWS}): numbers only, but
 * for the rare MPLS stack and unmapped fields. A record's source is {@code exporter:ADDRESS}, registered in
 * {@code sources}, and its format, exporter and domain a key registered in {@code export_keys}, both in the
 * connection's current transaction. The rows come as columns ({@link ExportColumns}), filled into DuckDB's
 * chunks by a hand-written loop ({@link TableFeed.RowsFill}). One instance per connection and thread.
 */
final class ExportRowsAppender {
    /** The table's columns in order; {@link #fill} writes them. */
    private static final List<TableFeed.Column<Void>> COLUMNS = columns(
            "ts_ns BIGINT", "end_ns BIGINT", "received_ns BIGINT", "key_id INTEGER", "source_id INTEGER",
            "transport BIGINT", "marks BIGINT", "bytes BIGINT", "packets BIGINT", "sampling_rate BIGINT",
            "in_if BIGINT", "out_if BIGINT", "src_as BIGINT", "dst_as BIGINT", "next_hop_hi BIGINT", "next_hop_lo BIGINT",
            "mpls VARCHAR", "extra VARCHAR", "orig_ip_hi BIGINT", "orig_ip_lo BIGINT", "resp_ip_hi BIGINT", "resp_ip_lo BIGINT");

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
    /** The key and source ids of the batch's keys ({@link ExportColumns#keys}), by key index. */
    private int[] keyOf = new int[8], sourceOf = new int[8];

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
        if (keyOf.length < keys) {
            keyOf = new int[keys];
            sourceOf = new int[keys];
        }
        for (int k = 0; k < keys; k++) {
            ExportColumns.Key key = batch.keys.get(k);
            keyOf[k] = keyIds.id(key.format(), key.exporter(), key.domain());
            sourceOf[k] = sourceIds.id(source(key.exporter()));
        }
        feed.insert(conn, batch.size, (from, n, out) -> fill(batch, from, n, out));
    }

    /** Rows {@code from .. from + n - 1} of {@code b}, in {@link #COLUMNS}' order. */
    private void fill(ExportColumns b, int from, int n, DuckDBDataChunkWriter out) {
        DuckDBWritableVector ts = out.vector(0), end = out.vector(1), received = out.vector(2), key = out.vector(3),
                source = out.vector(4), transport = out.vector(5), marks = out.vector(6), bytes = out.vector(7),
                packets = out.vector(8), rate = out.vector(9), inIf = out.vector(10), outIf = out.vector(11),
                srcAs = out.vector(12), dstAs = out.vector(13), hopHi = out.vector(14), hopLo = out.vector(15),
                origHi = out.vector(18), origLo = out.vector(19), respHi = out.vector(20), respLo = out.vector(21);
        for (int i = 0; i < n; i++) {
            int r = from + i;
            ts.setLong(i, b.ts[r]);
            if (b.end[r] == 0) end.setNull(i); else end.setLong(i, b.end[r]);
            received.setLong(i, b.received[r]);
            key.setInt(i, keyOf[b.key[r]]);
            source.setInt(i, sourceOf[b.key[r]]);
            transport.setLong(i, b.transport[r]);
            marks.setLong(i, b.marks[r]);
            bytes.setLong(i, b.bytes[r]);
            packets.setLong(i, b.packets[r]);
            rate.setLong(i, b.rate[r]);
            if (b.inIf[r] < 0) inIf.setNull(i); else inIf.setLong(i, b.inIf[r]);
            if (b.outIf[r] < 0) outIf.setNull(i); else outIf.setLong(i, b.outIf[r]);
            srcAs.setLong(i, b.srcAs[r]);
            dstAs.setLong(i, b.dstAs[r]);
            if (b.hasHop[r]) {
                hopHi.setLong(i, b.hopHi[r]);
                hopLo.setLong(i, b.hopLo[r]);
            } else {
                hopHi.setNull(i);
                hopLo.setNull(i);
            }
            origHi.setLong(i, b.origHi[r]);
            origLo.setLong(i, b.origLo[r]);
            respHi.setLong(i, b.respHi[r]);
            respLo.setLong(i, b.respLo[r]);
        }
        TableFeed.texts(out.vector(16), java.util.Arrays.copyOfRange(b.mpls, from, from + n), n);
        TableFeed.texts(out.vector(17), java.util.Arrays.copyOfRange(b.extra, from, from + n), n);
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
