package dev.netproof.query.internal;

import dev.netproof.core.model.IpAddress;
import dev.netproof.store.Schema;
import dev.netproof.store.talker.Talkers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top hosts by bytes, packets or flows from the talker lists instead of the flows (Fagin's threshold
 * algorithm): read each list's first M hosts; a host not among them has at most the M-th value there, so no
 * host outside the candidates can total more than the sum of those values (T). The candidates that could still
 * reach the top are then summed exactly over every list, and the answer stands when its last host totals more
 * than T. Otherwise M grows; when the lists cannot prove an answer (hosts cut from a closed hour's list are
 * near the top, or the range starts or ends inside an hour that has flows, or the lists do not count the same
 * flows as the flow rows), {@link #run} returns null and the caller groups the flows.
 */
public final class TalkerTop {
    private TalkerTop() {}

    /** Which side of a flow a --by field counts. */
    public enum Sides {
        ORIGINATOR(0, 2), RESPONDER(1, 2), EITHER(0, 1, 2);

        final java.util.Set<Integer> sides;
        final String sql;

        Sides(Integer... sides) {
            this.sides = java.util.Set.of(sides);
            this.sql = java.util.Arrays.stream(sides).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** Hosts, with exact totals, largest first (ties by address, as the flows' grouping orders them). */
    public record Result(List<String> hosts, List<Long> values, boolean limited, List<String> sources, String sql) {}

    private static final int FIRST_M = 64;
    /** How the statement of an answer from the lists begins ({@link #answeredFromLists}). */
    private static final String STATEMENT_START = "SELECT part, side, hi, lo, ";

    /** True when an answer's statement is this class's, i.e. the lists answered. */
    public static boolean answeredFromLists(String sql) {
        return sql.startsWith(STATEMENT_START) && sql.contains(" FROM talkers ");
    }
    /** Candidates summed exactly at most; more means the lists separate nothing and the flows are faster. */
    private static final int MAX_EXACT = 5_000;

    /**
     * @param metric {@code bytes}, {@code packets} or {@code flows}
     * @return the answer, or null when the lists cannot prove it (then the flows must be grouped)
     */
    public static Result run(Connection c, long fromNanos, long toNanos, Sides sides, String metric, int limit)
            throws SQLException {
        long hFrom = fromNanos == Long.MIN_VALUE ? Long.MIN_VALUE : Math.ceilDiv(fromNanos, Talkers.HOUR) * Talkers.HOUR;
        long hTo = toNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Talkers.hourOf(toNanos);
        if (hFrom >= hTo) return null;
        if (flowsBetween(c, fromNanos, hFrom) + flowsBetween(c, hTo, toNanos) > 0) return null; // range edges inside hours
        if (listedFlows(c, hFrom, hTo) != flowsBetween(c, hFrom, hTo)) return null;
        String hours = "hour_ns >= " + hFrom + " AND hour_ns < " + hTo;
        String span = hours + " AND side IN (" + sides.sql + ")";

        Map<Long, long[]> lists = new HashMap<>(); // (part, side) -> kept, truncated, bound
        long maxKept = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT part, side, kept, truncated, bound_" + metric
                + " FROM talker_parts WHERE " + span); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lists.put(rs.getLong(1) * 4 + rs.getInt(2), new long[] {rs.getLong(3), rs.getBoolean(4) ? 1 : 0, rs.getLong(5)});
                maxKept = Math.max(maxKept, rs.getLong(3));
            }
        }
        String rowsSql = STATEMENT_START + metric + ", rank_" + metric + " FROM talkers WHERE " + span
                + " AND rank_" + metric + " <= ?";
        for (long m = Math.max(FIRST_M, 4L * limit); ; m *= 4) {
            Result r = attempt(c, lists, hours, sides, rowsSql, metric, limit, m);
            if (r != null) return r;
            if (m >= maxKept) return null;
        }
    }

    private static Result attempt(Connection c, Map<Long, long[]> lists, String hours, Sides sides, String rowsSql,
                                  String metric, int limit, long m) throws SQLException {
        // per list: the value at rank m (bounds every host ranked below it), when the list goes on past m
        Map<Long, Long> atM = new HashMap<>();
        Map<Key, long[]> cands = new HashMap<>(); // lower bound, sum of the bounds of the lists it was seen in
        List<long[]> seen = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(rowsSql)) {
            ps.setLong(1, m);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long list = rs.getLong(1) * 4 + rs.getInt(2);
                    long v = rs.getLong(5);
                    if (rs.getLong(6) == m) atM.put(list, v);
                    seen.add(new long[] {list, rs.getLong(3), rs.getLong(4), v});
                }
            }
        }
        Map<Long, Long> unseenBound = new HashMap<>();
        long t = 0;
        boolean complete = true;
        for (Map.Entry<Long, long[]> e : lists.entrySet()) {
            long[] l = e.getValue();
            long u = m < l[0] ? atM.getOrDefault(e.getKey(), 0L) : (l[1] == 1 ? l[2] : 0);
            if (m < l[0] || l[1] == 1) complete = false;
            unseenBound.put(e.getKey(), u);
            t += u;
        }
        for (long[] s : seen) {
            long[] cand = cands.computeIfAbsent(new Key(s[1], s[2]), k -> new long[2]);
            cand[0] += s[3];
            cand[1] += unseenBound.get(s[0]);
        }
        // the limit-th largest lower bound: a candidate whose upper bound stays below it cannot make the top
        long[] lowers = cands.values().stream().mapToLong(x -> x[0]).sorted().toArray();
        long cut = lowers.length < limit ? Long.MIN_VALUE : lowers[lowers.length - limit];
        List<Key> contenders = new ArrayList<>();
        for (Map.Entry<Key, long[]> e : cands.entrySet()) {
            if (e.getValue()[0] + (t - e.getValue()[1]) >= cut) contenders.add(e.getKey());
        }
        if (contenders.size() > MAX_EXACT) return null;
        Map<Key, long[]> exact = exact(c, hours, sides, metric, contenders, lists); // known total, bound of the unknown part
        List<Map.Entry<Key, long[]>> ranked = new ArrayList<>(exact.entrySet());
        ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        int n = Math.min(limit, ranked.size());
        for (int i = 0; i < n; i++) {
            if (ranked.get(i).getValue()[1] != 0) return null; // an answer's value must be exact
        }
        long last = n == 0 ? Long.MIN_VALUE : ranked.get(n - 1).getValue()[0];
        for (int i = n; i < ranked.size(); i++) {
            long[] v = ranked.get(i).getValue();
            if (v[1] != 0 && v[0] + v[1] >= last) return null; // might still beat the last one
        }
        boolean proven = complete || (n == limit && last > t);
        if (!proven) return null;
        List<String> hosts = new ArrayList<>(n);
        List<Long> values = new ArrayList<>(n);
        for (Map.Entry<Key, long[]> e : ranked.subList(0, n)) {
            hosts.add(IpAddress.format(e.getKey().hi ^ Schema.SIGN_FLIP, e.getKey().lo ^ Schema.SIGN_FLIP));
            values.add(e.getValue()[0]);
        }
        boolean limited = cands.size() > limit || !complete;
        return new Result(hosts, values, limited, sources(c, hours + " AND side IN (" + sides.sql + ")"),
                rowsSql.replace("?", Long.toString(m)));
    }

    /**
     * Totals of {@code keys} over every list; for each, {known total, the sum of the bounds of the cut lists whose
     * value of it is unknown}. A list is written with every side of a host it keeps ({@code Talkers}), so a host
     * missing from a cut side is unknown there only when that list holds it on no side at all.
     */
    private static Map<Key, long[]> exact(Connection c, String hours, Sides sides, String metric, List<Key> keys,
                                          Map<Long, long[]> lists) throws SQLException {
        Map<Key, long[]> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        Map<Key, java.util.Set<Long>> parts = new HashMap<>();
        for (Key k : keys) {
            out.put(k, new long[2]);
            parts.put(k, new java.util.HashSet<>());
        }
        StringBuilder los = new StringBuilder();
        keys.stream().mapToLong(Key::lo).distinct().forEach(l -> los.append(los.isEmpty() ? "" : ", ").append(l));
        // numbers read from the store, not user input
        try (PreparedStatement ps = c.prepareStatement("SELECT part, side, hi, lo, " + metric + " FROM talkers WHERE " + hours
                + " AND lo IN (" + los + ")"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Key k = new Key(rs.getLong(3), rs.getLong(4));
                long[] v = out.get(k);
                if (v == null) continue;
                parts.get(k).add(rs.getLong(1));
                if (sides.sides.contains(rs.getInt(2))) v[0] += rs.getLong(5);
            }
        }
        for (Map.Entry<Key, long[]> e : out.entrySet()) {
            java.util.Set<Long> in = parts.get(e.getKey());
            for (Map.Entry<Long, long[]> l : lists.entrySet()) {
                long[] list = l.getValue();
                if (list[1] == 1 && list[2] > 0 && !in.contains(l.getKey() / 4)) e.getValue()[1] += list[2];
            }
        }
        return out;
    }

    private static long flowsBetween(Connection c, long from, long to) throws SQLException {
        if (from >= to) return 0;
        boolean wholeHours = (from == Long.MIN_VALUE || Math.floorMod(from, Talkers.HOUR) == 0)
                && (to == Long.MAX_VALUE || Math.floorMod(to, Talkers.HOUR) == 0);
        if (!wholeHours) return Talkers.number(c, "SELECT count(*) FROM all_flow_rows WHERE ts_ns >= ? AND ts_ns < ?", from, to);
        // a hot file holds one hour's rows, and hot_files counts them: no scan of the files (0.27 s of 100 M flows)
        long inTable = Talkers.number(c, "SELECT count(*) FROM flow_rows WHERE ts_ns >= ? AND ts_ns < ?", from, to);
        return inTable + Talkers.number(c, "SELECT coalesce(sum(row_count), 0)::BIGINT FROM hot_files "
                + "WHERE tbl = 'flow_rows' AND hour_ns >= ? AND hour_ns < ?", from, to);
    }

    /** Flows the lists count in the hours {@code [from, to)}: each once, in its originator's list. */
    private static long listedFlows(Connection c, long from, long to) throws SQLException {
        return Talkers.number(c, "SELECT coalesce(sum(flows_total), 0) FROM talker_parts "
                + "WHERE side IN (0, 2) AND hour_ns >= ? AND hour_ns < ?", from, to);
    }

    private static List<String> sources(Connection c, String span) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT source FROM sources WHERE source_id IN "
                + "(SELECT DISTINCT source_id FROM talker_parts WHERE " + span + ") ORDER BY source LIMIT "
                + (Involved.MAX_SOURCES + 1)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out.isEmpty() || out.size() > Involved.MAX_SOURCES ? null : out;
    }

    private record Key(long hi, long lo) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return hi != o.hi ? Long.compare(hi, o.hi) : Long.compare(lo, o.lo);
        }
    }
}
