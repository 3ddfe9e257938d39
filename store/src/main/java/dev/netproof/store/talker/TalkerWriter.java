package dev.netproof.store.talker;

import dev.netproof.core.model.Flow;
import dev.netproof.store.Schema;
import dev.netproof.store.internal.TableFeed;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the talker lists as flows are stored, on the store writer's thread. Flows are summed per host in
 * memory ({@link HostTotals}) and written as one list per source, hour and side in the writer's transaction,
 * before each commit ({@link #writePart}): a flow committed is always counted in a list, also after a crash.
 * An hour's lists are merged when it has {@link #MERGE_AT} of them (so an hour of one-second commits stays a
 * few lists), and merged and cut to {@code keep} hosts once the hour is closed (the newest start is
 * {@link #LATENESS_NANOS} past its end) or the writer stops. Flows of a closed hour that arrive later make a
 * new list; no list's counts ever change once written, only whole lists are replaced by their merge.
 */
public final class TalkerWriter {
    /** Untruncated lists of one source and hour that start a merge. */
    static final int MERGE_AT = 8;
    /** How long after an hour's end flows for it are still expected (flows are stored when they end). */
    public static final long LATENESS_NANOS = 5 * 60_000_000_000L;

    private final Connection conn;
    private final HostTotals totals = new HostTotals();
    private final TableFeed<Integer> stage;
    /** Per source id and hour written by this writer: its untruncated lists, -1 once merged and cut. */
    private final Map<Integer, TreeMap<Long, Integer>> open = new HashMap<>();
    private long newest = Long.MIN_VALUE;
    private long nextPart;

    private final int keep;

    /** @param keep hosts per metric a closed hour's list keeps ({@link Talkers#KEEP}) */
    public TalkerWriter(Connection conn, int keep) throws SQLException {
        this.conn = conn;
        this.keep = keep;
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE talker_stage (source_id INTEGER, hour_ns BIGINT, side TINYINT, "
                    + "hi BIGINT, lo BIGINT, bytes BIGINT, packets BIGINT, flows BIGINT)");
        }
        HostTotals t = totals;
        // the feed's rows are the slots of the totals in use: no object per host
        this.stage = new TableFeed<>(conn, "talker_stage", List.of(
                TableFeed.integer("source_id", i -> t.source[i]),
                TableFeed.bigint("hour_ns", i -> t.hour[i]),
                TableFeed.tinyint("side", i -> t.side[i]),
                TableFeed.bigint("hi", i -> t.hi[i]),
                TableFeed.bigint("lo", i -> t.lo[i]),
                TableFeed.bigint("bytes", i -> t.bytes[i]),
                TableFeed.bigint("packets", i -> t.packets[i]),
                TableFeed.bigint("flows", i -> t.flows[i])), null);
        this.nextPart = Talkers.nextPart(conn);
    }

    /** Counts {@code f} (stored as source {@code sourceId}) for its originator and responder. */
    public void add(int sourceId, Flow f) throws SQLException {
        // the addresses as flow_rows stores them
        long origHi = f.origH().hi() ^ Schema.SIGN_FLIP, origLo = f.origH().lo() ^ Schema.SIGN_FLIP;
        long respHi = f.respH().hi() ^ Schema.SIGN_FLIP, respLo = f.respH().lo() ^ Schema.SIGN_FLIP;
        long hour = Talkers.hourOf(f.tsNanos());
        long b = f.origIpBytes() + f.respIpBytes();
        long p = f.origPkts() + f.respPkts();
        if (origHi == respHi && origLo == respLo) {
            totals.add(sourceId, hour, 2, origHi, origLo, b, p);
        } else {
            totals.add(sourceId, hour, 0, origHi, origLo, b, p);
            totals.add(sourceId, hour, 1, respHi, respLo, b, p);
        }
        if (f.tsNanos() > newest) newest = f.tsNanos();
        if (totals.full()) writePart();
    }

    /**
     * Writes what was summed since the last part as new lists, in the current transaction, merged with the
     * hour's earlier lists when it has {@link #MERGE_AT} of them or is closed; then merges the other hours that
     * closed. Call before every commit.
     */
    public void writePart() throws SQLException {
        write(false);
    }

    /** Writes the last part and merges and cuts every hour this writer wrote (the end of an ingest, or a stop). */
    public void finish() throws SQLException {
        // the packets are all read by now: the ranking may have every core the store was limited to leave
        String threads = setting("threads");
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads != null && Integer.parseInt(threads) < cores) setThreads(Integer.toString(cores));
        try {
            write(true);
        } finally {
            if (threads != null && Integer.parseInt(threads) < cores) setThreads(threads);
        }
    }

    private void write(boolean all) throws SQLException {
        long closedBefore = all ? Long.MAX_VALUE : newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - LATENESS_NANOS;
        if (totals.size() > 0) {
            List<Integer> used = new ArrayList<>(totals.size());
            for (int i = 0; i < totals.capacity(); i++) {
                if (totals.flows[i] != 0) used.add(i);
            }
            try (Statement s = conn.createStatement()) {
                s.execute("DELETE FROM talker_stage");
            }
            stage.insert(conn, used);
            totals.clear();
            List<long[]> staged = new ArrayList<>();
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT source_id, hour_ns FROM talker_stage ORDER BY 1, 2")) {
                while (rs.next()) staged.add(new long[] {rs.getInt(1), rs.getLong(2)});
            }
            for (long[] sh : staged) {
                int src = (int) sh[0];
                long hour = sh[1];
                TreeMap<Long, Integer> hours = open.computeIfAbsent(src, k -> new TreeMap<>());
                Integer lists = hours.get(hour);
                if (lists == null || lists < 0) lists = untruncatedLists(src, hour);
                boolean closed = hour + Talkers.HOUR <= closedBefore;
                boolean merge = lists > 0 && (closed || lists + 1 >= MERGE_AT);
                Talkers.write(conn, src, hour, nextPart++, true, merge, closed ? keep : 0);
                hours.put(hour, closed ? -1 : merge ? 1 : lists + 1);
            }
        }
        for (Map.Entry<Integer, TreeMap<Long, Integer>> e : open.entrySet()) {
            for (Map.Entry<Long, Integer> h : e.getValue().entrySet()) {
                if (h.getValue() > 0 && h.getKey() + Talkers.HOUR <= closedBefore) {
                    Talkers.write(conn, e.getKey(), h.getKey(), nextPart++, false, true, keep);
                    h.setValue(-1);
                }
            }
        }
    }

    private String setting(String name) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void setThreads(String n) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("SET threads = " + Integer.parseInt(n));
        }
    }

    private int untruncatedLists(int src, long hour) throws SQLException {
        return (int) Talkers.number(conn, "SELECT count(DISTINCT part) FROM talker_parts WHERE source_id = ? "
                + "AND hour_ns = ? AND NOT truncated", src, hour);
    }

}
