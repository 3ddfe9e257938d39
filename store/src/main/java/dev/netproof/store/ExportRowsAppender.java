package dev.netproof.store;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.store.internal.JsonText;
import dev.netproof.store.internal.LastText;
import dev.netproof.store.internal.ListText;
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
 * connection's current transaction. One instance per connection and thread.
 */
final class ExportRowsAppender {
    private static final IpAddress NO_ADDRESS = IpAddress.ofV6(0, 0);
    private static final long FLIP = Schema.SIGN_FLIP;
    private static final LastText<List<ExportedFlow.ExtraField>> EXTRA_TEXT = new LastText<>(ExportRowsAppender::extra);

    /** The table's columns in order; {@link #fill} writes them. */
    private static final List<TableFeed.Column<ExportedFlow>> COLUMNS = columns(
            "ts_ns BIGINT", "end_ns BIGINT", "received_ns BIGINT", "key_id INTEGER", "source_id INTEGER",
            "transport BIGINT", "marks BIGINT", "bytes BIGINT", "packets BIGINT", "sampling_rate BIGINT",
            "in_if BIGINT", "out_if BIGINT", "src_as BIGINT", "dst_as BIGINT", "next_hop_hi BIGINT", "next_hop_lo BIGINT",
            "mpls VARCHAR", "extra VARCHAR", "orig_ip_hi BIGINT", "orig_ip_lo BIGINT", "resp_ip_hi BIGINT", "resp_ip_lo BIGINT");

    private static List<TableFeed.Column<ExportedFlow>> columns(String... nameAndType) {
        List<TableFeed.Column<ExportedFlow>> out = new ArrayList<>();
        for (String c : nameAndType) {
            String[] p = c.split(" ");
            out.add(new TableFeed.Column<>(p[0], DuckDBColumnType.valueOf(p[1]), null));
        }
        return List.copyOf(out);
    }

    private final Connection conn;
    private final TableFeed<ExportedFlow> feed;
    private final SourceIds sourceIds;
    private final ExportKeys keyIds;
    /** The key and source ids of the batch being inserted, by row. */
    private int[] keyOf = new int[0], sourceOf = new int[0];

    ExportRowsAppender(Connection conn) throws SQLException {
        this.conn = conn;
        this.feed = TableFeed.handWritten(conn, "export_rows", COLUMNS, this::fill);
        this.sourceIds = new SourceIds(conn);
        this.keyIds = new ExportKeys(conn);
    }

    /** The source of an exporter's records. */
    static String source(IpAddress exporter) {
        return "exporter:" + exporter;
    }

    /** Inserts {@code records} in the connection's current transaction. */
    void write(List<ExportedFlow> records) throws SQLException {
        int n = records.size();
        if (keyOf.length < n) {
            keyOf = new int[n];
            sourceOf = new int[n];
        }
        ExportedFlow last = null;
        int keyId = 0, sourceId = 0;
        for (int i = 0; i < n; i++) {
            ExportedFlow f = records.get(i);
            // an exporter's records come in runs: the ids are looked up once per run
            if (last == null || f.format() != last.format() || f.domain() != last.domain() || !f.exporter().equals(last.exporter())) {
                keyId = keyIds.id(f.format(), f.exporter(), f.domain());
                sourceId = sourceIds.id(source(f.exporter()));
            }
            last = f;
            keyOf[i] = keyId;
            sourceOf[i] = sourceId;
        }
        feed.insert(conn, records);
    }

    /** Rows {@code from .. from + n - 1} of the batch, in {@link #COLUMNS}' order. */
    private void fill(List<ExportedFlow> rows, int from, int n, DuckDBDataChunkWriter out) {
        DuckDBWritableVector ts = out.vector(0), end = out.vector(1), received = out.vector(2), key = out.vector(3),
                source = out.vector(4), transport = out.vector(5), marks = out.vector(6), bytes = out.vector(7),
                packets = out.vector(8), rate = out.vector(9), inIf = out.vector(10), outIf = out.vector(11),
                srcAs = out.vector(12), dstAs = out.vector(13), hopHi = out.vector(14), hopLo = out.vector(15),
                origHi = out.vector(18), origLo = out.vector(19), respHi = out.vector(20), respLo = out.vector(21);
        String[] mpls = new String[n], extra = new String[n];
        for (int i = 0; i < n; i++) {
            ExportedFlow f = rows.get(from + i);
            ts.setLong(i, f.startNanos() != 0 ? f.startNanos() : f.receivedNanos());
            if (f.endNanos() == 0) end.setNull(i); else end.setLong(i, f.endNanos());
            received.setLong(i, f.receivedNanos());
            key.setInt(i, keyOf[from + i]);
            source.setInt(i, sourceOf[from + i]);
            transport.setLong(i, ExportBits.transport(f));
            marks.setLong(i, ExportBits.marks(f));
            bytes.setLong(i, f.bytes());
            packets.setLong(i, f.packets());
            rate.setLong(i, f.samplingRate());
            if (f.inIf() < 0) inIf.setNull(i); else inIf.setLong(i, f.inIf());
            if (f.outIf() < 0) outIf.setNull(i); else outIf.setLong(i, f.outIf());
            srcAs.setLong(i, f.srcAs());
            dstAs.setLong(i, f.dstAs());
            IpAddress hop = f.nextHop();
            if (hop == null) {
                hopHi.setNull(i);
                hopLo.setNull(i);
            } else {
                hopHi.setLong(i, hop.hi() ^ FLIP);
                hopLo.setLong(i, hop.lo() ^ FLIP);
            }
            if (!f.mplsLabels().isEmpty()) mpls[i] = ListText.numbers(f.mplsLabels());
            if (!f.extra().isEmpty()) extra[i] = EXTRA_TEXT.text(f.extra());
            IpAddress src = f.srcAddr() == null ? NO_ADDRESS : f.srcAddr();
            IpAddress dst = f.dstAddr() == null ? NO_ADDRESS : f.dstAddr();
            origHi.setLong(i, src.hi() ^ FLIP);
            origLo.setLong(i, src.lo() ^ FLIP);
            respHi.setLong(i, dst.hi() ^ FLIP);
            respLo.setLong(i, dst.lo() ^ FLIP);
        }
        TableFeed.texts(out.vector(16), mpls, n);
        TableFeed.texts(out.vector(17), extra, n);
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
