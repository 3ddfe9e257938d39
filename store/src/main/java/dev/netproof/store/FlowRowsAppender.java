package dev.netproof.store;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.store.internal.TableFeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes flows to {@code flow_rows}, and their TCP health to {@code tcp_rows}, registering each new
 * source in {@code sources}. {@link #append} collects; {@link #flush()} inserts what was collected in
 * the connection's current transaction, two bulk inserts ({@link TableFeed}), and keeps no row after.
 * One instance per connection and thread.
 */
public final class FlowRowsAppender implements AutoCloseable {
    /**
     * A flow and what its row stores instead of strings: the source's id, the conn_state's code and the uid's
     * key hash; {@code madeOnRead} when that hash is the one the view makes from the row ({@link FlowUid#tag}),
     * so the row leaves it NULL.
     */
    private record Row(Flow flow, int sourceId, int stateCode, int uidKey, boolean madeOnRead) {}

    private static final List<TableFeed.Column<Row>> FLOW_COLUMNS = List.of(
            TableFeed.bigint("ts_ns", r -> r.flow.tsNanos()),
            TableFeed.nullWhen(r -> r.madeOnRead, TableFeed.integer("uid_key", r -> r.uidKey)),
            TableFeed.integer("orig_p", r -> r.flow.origP()),
            TableFeed.integer("resp_p", r -> r.flow.respP()),
            TableFeed.smallint("ip_proto", r -> r.flow.ipProto()),
            TableFeed.dbl("duration", r -> r.flow.durationNanos() / 1e9),
            TableFeed.bigint("orig_bytes", r -> r.flow.origBytes()),
            TableFeed.bigint("resp_bytes", r -> r.flow.respBytes()),
            TableFeed.tinyint("conn_state_code", r -> r.stateCode),
            TableFeed.varchar("history", r -> r.flow.history()),
            TableFeed.bigint("orig_pkts", r -> r.flow.origPkts()),
            TableFeed.bigint("orig_ip_bytes", r -> r.flow.origIpBytes()),
            TableFeed.bigint("resp_pkts", r -> r.flow.respPkts()),
            TableFeed.bigint("resp_ip_bytes", r -> r.flow.respIpBytes()),
            TableFeed.integerOrNull("vlan", r -> r.flow.vlan()),
            TableFeed.integerOrNull("inner_vlan", r -> r.flow.innerVlan()),
            TableFeed.tinyint("close_code", r -> r.flow.closeReason().ordinal()),
            TableFeed.integer("source_id", r -> r.sourceId),
            TableFeed.bigint("orig_ip_hi", r -> r.flow.origH().hi() ^ Schema.SIGN_FLIP),
            TableFeed.bigint("resp_ip_hi", r -> r.flow.respH().hi() ^ Schema.SIGN_FLIP),
            TableFeed.varchar("orig_name", r -> r.flow.origName()),
            TableFeed.varchar("resp_name", r -> r.flow.respName()),
            // the low half in two unsigned 32-bit parts, bits 64-95 and 96-127 of the address (Schema.FLOW_ROW_NUMBERS)
            TableFeed.bigint("orig_lo_a", r -> r.flow.origH().lo() >>> 32),
            TableFeed.bigint("orig_lo_b", r -> r.flow.origH().lo() & 0xffff_ffffL),
            TableFeed.bigint("resp_lo_a", r -> r.flow.respH().lo() >>> 32),
            TableFeed.bigint("resp_lo_b", r -> r.flow.respH().lo() & 0xffff_ffffL));

    private static final List<TableFeed.Column<Row>> TCP_COLUMNS = tcpColumns();

    private static List<TableFeed.Column<Row>> tcpColumns() {
        List<TableFeed.Column<Row>> c = new ArrayList<>();
        c.add(TableFeed.bigint("ts_ns", r -> r.flow.tsNanos()));
        c.add(TableFeed.integer("uid_key", r -> r.uidKey));
        c.add(TableFeed.integer("source_id", r -> r.sourceId));
        c.addAll(TcpColumns.feedColumns(r -> r.flow.tcp()));
        return c;
    }

    /**
     * IPv4 flows first, then by start: the address halves of IPv4 rows are then runs of one value (the high half)
     * and of 32-bit values, which DuckDB packs, instead of sharing every group of rows with IPv6's full-range
     * values (the bench capture, 12% IPv6: 17.1 to 16.0 MB for its 312,975 flow rows, copied in either order).
     */
    private static boolean isV6(Row r) {
        return !(r.flow.origH().isV4() && r.flow.respH().isV4());
    }

    /**
     * {@code rows} with the IPv4 ones first, each family by start, stable. Sorted as one array of longs (family,
     * start and position packed in a key) when the starts span less than 2^(62 - index bits) ns (days for any
     * batch); with a comparator otherwise. List.sort with a comparator had cost the writer a TimSort with
     * megamorphic lambdas in every comparison, and C2 half a second of compiling in each ingest.
     */
    static <T> List<T> sortByStart(List<T> rows, java.util.function.ToLongFunction<T> start,
                                   java.util.function.Predicate<T> v6) {
        int n = rows.size();
        if (n < 2) return rows;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (T r : rows) {
            long t = start.applyAsLong(r);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long span = max - min;
        if (span < 0 || span >= 1L << (62 - indexBits)) {
            List<T> out = new ArrayList<>(rows);
            out.sort(java.util.Comparator.<T>comparingInt(r -> v6.test(r) ? 1 : 0).thenComparingLong(start));
            return out;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            T r = rows.get(i);
            keys[i] = (v6.test(r) ? 1L << 62 : 0) | (start.applyAsLong(r) - min) << indexBits | i;
        }
        java.util.Arrays.sort(keys);
        List<T> out = new ArrayList<>(n);
        long mask = (1L << indexBits) - 1;
        for (long k : keys) out.add(rows.get((int) (k & mask)));
        return out;
    }

    /** Where the rows go: the store, or a writer's stage ({@code tier.HotFiles#stage}). */
    private final Connection conn;
    private final TableFeed<Row> flowFeed;
    private final TableFeed<Row> tcpFeed;
    private final SourceIds sourceIds;
    /** Whether a batch is sorted for DuckDB's compression: not for a stage, whose files are sorted as written. */
    private final boolean sortRows;
    private List<Row> flows = new ArrayList<>();
    private List<Row> tcp = new ArrayList<>();

    public FlowRowsAppender(Connection conn) throws SQLException {
        this(conn, conn);
    }

    /** Registers sources in the store behind {@code store}, and writes the rows to {@code rows}' tables. */
    public FlowRowsAppender(Connection store, Connection rows) throws SQLException {
        this.conn = rows;
        this.sortRows = rows == store;
        this.sourceIds = new SourceIds(store);
        this.flowFeed = new TableFeed<>(rows, "flow_rows", FLOW_COLUMNS, null);
        this.tcpFeed = new TableFeed<>(rows, "tcp_rows", TCP_COLUMNS, "ts_ns, uid_key, source_id, " + TcpColumns.SELECT_EVENTS);
    }

    /** Writes {@code flows} on {@code conn}: the synchronous path, for tests and small writes. */
    public static void write(Connection conn, Iterable<Flow> flows) throws SQLException {
        try (FlowRowsAppender a = new FlowRowsAppender(conn)) {
            for (Flow f : flows) a.append(f);
            a.flush();
        }
    }

    /**
     * Collects one flow for the next {@link #flush()}; checks what the row cannot store.
     *
     * @return the flow's source id
     */
    public int append(Flow f) throws SQLException {
        int state = Schema.CONN_STATES.indexOf(f.connState());
        if (state < 0) throw new SQLException("unknown conn_state '" + f.connState() + "' in flow " + f.uid());
        long key = FlowUid.keyIfMadeAt(f.uid(), f.tsNanos());
        if (key < 0) {
            // the row keeps only the key hash and makes the uid again on read (FlowUid)
            throw new SQLException("flow uid " + f.uid() + " is not made from its start time " + f.tsNanos());
        }
        boolean onRead = (int) key == FlowUid.tag(f.origH().hi(), f.origH().lo(), f.respH().hi(), f.respH().lo(),
                f.origP(), f.respP(), f.ipProto(), f.vlan(), f.innerVlan());
        Row r = new Row(f, sourceIds.id(f.source()), state, (int) key, onRead);
        flows.add(r);
        if (f.tcp() != null) tcp.add(r);
        return r.sourceId;
    }

    /** Inserts the collected flows (not committed: that is the caller's transaction). */
    public void flush() throws SQLException {
        try {
            // in start order within a batch (IPv4 first): DuckDB's delta encoding then keeps ts_ns in a few bits a row
            flowFeed.insert(conn, sortRows ? sortByStart(flows, r -> r.flow.tsNanos(), FlowRowsAppender::isV6) : flows);
            tcpFeed.insert(conn, tcp);
        } finally {
            flows = new ArrayList<>();
            tcp = new ArrayList<>();
        }
    }

    /** Drops what was not flushed; the connection stays open (it is the caller's). */
    @Override
    public void close() {
        flows = List.of();
        tcp = List.of();
    }
}
