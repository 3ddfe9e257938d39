package dev.netproof.store.talker;

import dev.netproof.store.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writing lists of talkers in SQL: ranking a relation of per-host sums into {@code talkers} and
 * {@code talker_parts}, merging one source's lists of an hour, and making every list again from the flows.
 */
public final class Talkers {
    private Talkers() {}

    public static final long HOUR = 3_600_000_000_000L;
    /**
     * Hosts kept per list and side when a closed hour's lists are merged: the first {@code KEEP} by each metric.
     * A top-10 of a day of the benchmark's flows is proven from the first 64 per hour (docs/internals.md, "Top
     * talkers"); 2,000 leaves room for top-100s and flatter traffic, and costs about a byte a flow at 300,000
     * flows an hour (a list row takes about 30 bytes).
     */
    public static final int KEEP = 2_000;

    /** The hour a start time falls in (floor, also before 1970). */
    public static long hourOf(long tsNanos) {
        return Math.floorDiv(tsNanos, HOUR) * HOUR;
    }

    /** SQL of {@link #hourOf} for a trusted column expression. */
    public static String hourSql(String ts) {
        return "(" + ts + " - ((" + ts + " % " + HOUR + ") + " + HOUR + ") % " + HOUR + ")";
    }

    /**
     * Ranks the per-host sums of {@code relation} (trusted SQL with columns {@code source_id, hour_ns, part, side,
     * hi, lo, bytes, packets, flows}, one row per host and list) within each (part, side) and inserts them, keeping
     * only the hosts among the first {@code keep} of some metric on some side (0: all), with one {@code talker_parts}
     * row per list and side.
     */
    static void insertRanked(Connection c, String relation, Object[] params, int keep) throws SQLException {
        String ranked = "SELECT *, row_number() OVER (PARTITION BY part, side ORDER BY bytes DESC, hi, lo) AS rank_bytes, "
                + "row_number() OVER (PARTITION BY part, side ORDER BY packets DESC, hi, lo) AS rank_packets, "
                + "row_number() OVER (PARTITION BY part, side ORDER BY flows DESC, hi, lo) AS rank_flows FROM (" + relation + ")";
        try (PreparedStatement ps = c.prepareStatement("CREATE OR REPLACE TEMP TABLE talker_ranked AS " + ranked)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.execute();
        }
        long k = keep <= 0 ? Long.MAX_VALUE / 2 : keep;
        try (Statement s = c.createStatement()) {
            // a host kept on one side of a list is kept on every side: then a host missing from a cut side of a
            // list that holds it elsewhere is known to have no flows there, not merely fewer than the cut
            s.execute("INSERT INTO talkers SELECT source_id, hour_ns, part, side, hi, lo, bytes, packets, flows, rank_bytes, "
                    + "rank_packets, rank_flows FROM talker_ranked SEMI JOIN (SELECT DISTINCT part, hi, lo FROM talker_ranked "
                    + "WHERE rank_bytes <= " + k + " OR rank_packets <= " + k + " OR rank_flows <= " + k + ") USING (part, hi, lo)");
            s.execute("INSERT INTO talker_parts SELECT source_id, hour_ns, part, side, count(*) > " + k + ", count(*), "
                    + "least(count(*), " + k + "), sum(flows), "
                    + "coalesce(max(bytes) FILTER (WHERE rank_bytes = " + (k + 1) + "), 0), "
                    + "coalesce(max(packets) FILTER (WHERE rank_packets = " + (k + 1) + "), 0), "
                    + "coalesce(max(flows) FILTER (WHERE rank_flows = " + (k + 1) + "), 0) "
                    + "FROM talker_ranked GROUP BY source_id, hour_ns, part, side");
            s.execute("DROP TABLE talker_ranked");
        }
    }

    /** The next free list id. */
    static long nextPart(Connection c) throws SQLException {
        return number(c, "SELECT coalesce(max(part), 0) + 1 FROM talker_parts");
    }

    /** The one number {@code sql} (trusted text) selects with {@code params}. */
    public static long number(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Writes one list {@code part} of one source and hour: the rows staged in {@code talker_stage} for it (when
     * {@code staged}) summed with its untruncated lists (when {@code merged}, which are then deleted), cut to
     * {@code keep} hosts per metric (0: not cut). Lists cut before are left as they are: merging them would lose
     * the dropped hosts' values. One ranking pass however many inputs.
     */
    static void write(Connection c, int sourceId, long hourNs, long part, boolean staged, boolean merged, int keep)
            throws SQLException {
        // cutting is per side: a list's originator side may be cut and its self side not
        String lists = "SELECT part * 4 + side FROM talker_parts WHERE source_id = ? AND hour_ns = ? AND NOT truncated";
        List<String> inputs = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (merged) {
            inputs.add("SELECT side, hi, lo, bytes, packets, flows FROM talkers WHERE source_id = ? AND hour_ns = ? "
                    + "AND part * 4 + side IN (" + lists + ")");
            params.addAll(List.of(sourceId, hourNs, sourceId, hourNs));
        }
        if (staged) {
            inputs.add("SELECT side, hi, lo, bytes, packets, flows FROM talker_stage WHERE source_id = ? AND hour_ns = ?");
            params.addAll(List.of(sourceId, hourNs));
        }
        if (inputs.isEmpty()) return;
        insertRanked(c, "SELECT " + sourceId + "::INTEGER AS source_id, " + hourNs + "::BIGINT AS hour_ns, " + part
                + "::BIGINT AS part, side, hi, lo, sum(bytes)::BIGINT AS bytes, sum(packets)::BIGINT AS packets, "
                + "sum(flows)::BIGINT AS flows FROM (" + String.join(" UNION ALL ", inputs) + ") GROUP BY side, hi, lo",
                params.toArray(), keep);
        if (!merged) return;
        for (String table : new String[] {"talkers", "talker_parts"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE source_id = ? AND hour_ns = ? "
                    + "AND part <> ? AND part * 4 + side IN (" + lists + ")")) {
                ps.setInt(1, sourceId);
                ps.setLong(2, hourNs);
                ps.setLong(3, part);
                ps.setInt(4, sourceId);
                ps.setLong(5, hourNs);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Replaces every list with lists made from {@code flow_rows}: one per source, hour and side, cut to
     * {@code keep} ({@link #KEEP} in the store writer). What the writer's lists come to once their hours are merged; for stores written without
     * them, and for the benchmark's synthetic store, which is written without the store writer.
     */
    public static void rebuildFromFlows(Connection c, int keep) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM talkers");
            s.execute("DELETE FROM talker_parts");
        }
        String same = "(orig_ip_hi = resp_ip_hi AND orig_ip_lo = resp_ip_lo)";
        String hour = hourSql("ts_ns");
        String sides = "SELECT source_id, " + hour + " AS hour_ns, CASE WHEN " + same + " THEN 2 ELSE 0 END AS side, "
                + "orig_ip_hi AS hi, orig_ip_lo AS lo, orig_ip_bytes + resp_ip_bytes AS b, orig_pkts + resp_pkts AS p FROM " + Schema.FLOW_ROW_NUMBERS + " "
                + "UNION ALL SELECT source_id, " + hour + ", 1, resp_ip_hi, resp_ip_lo, orig_ip_bytes + resp_ip_bytes, "
                + "orig_pkts + resp_pkts FROM " + Schema.FLOW_ROW_NUMBERS + " WHERE NOT " + same;
        insertRanked(c, "SELECT source_id, hour_ns, dense_rank() OVER (ORDER BY source_id, hour_ns) AS part, side, hi, lo, "
                + "bytes, packets, flows FROM (SELECT source_id, hour_ns, side, hi, lo, sum(b)::BIGINT AS bytes, "
                + "sum(p)::BIGINT AS packets, count(*)::BIGINT AS flows FROM (" + sides + ") GROUP BY ALL)", new Object[0], keep);
    }
}
