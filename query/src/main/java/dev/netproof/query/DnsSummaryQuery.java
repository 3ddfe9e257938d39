package dev.netproof.query;

import dev.netproof.query.filter.SqlFragment;
import dev.netproof.store.rollup.LatencyHistogram;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * DNS per step of time from the per-minute rollups ({@code dns_minutes}, {@code dns_name_minutes}):
 * transactions by outcome and response code, the NXDOMAIN rate (NXDOMAIN ÷ responses), response-time
 * percentiles (the minutes' sketches merged, within 1%), and the most queried names. A name row of
 * {@code null} is the "other" row: names past the rollup's budget for their minute, counted, with an
 * estimate of how many distinct names it lumps ({@code distinct_names}).
 *
 * @param stepSeconds a whole number of minutes
 * @param topNames    names listed per step, 0 for none
 */
public record DnsSummaryQuery(TimeRange range, long stepSeconds, int topNames) {
    public static final int MAX_TOP = 1_000;

    public DnsSummaryQuery {
        if (range == null) range = TimeRange.ALL;
        if (stepSeconds < 60 || stepSeconds % 60 != 0) {
            throw new QueryException("step must be a whole number of minutes (60, 300, 3600, ...), got " + stepSeconds);
        }
        if (topNames < 0 || topNames > MAX_TOP) throw new QueryException("top must be 0 to " + MAX_TOP + ", got " + topNames);
    }

    public static DnsSummaryQuery perMinute() {
        return new DnsSummaryQuery(TimeRange.ALL, 60, 10);
    }

    public DnsSummaryQuery withRange(TimeRange r) {
        return new DnsSummaryQuery(r, stepSeconds, topNames);
    }

    public DnsSummaryQuery withStep(long seconds) {
        return new DnsSummaryQuery(range, seconds, topNames);
    }

    public DnsSummaryQuery withTop(int n) {
        return new DnsSummaryQuery(range, stepSeconds, n);
    }

    private static final class Step {
        long transactions, answered, unanswered, responseOnly, noError, nxDomain, servFail, refused, otherRcode;
        final Histogram rtt = LatencyHistogram.create();
        final Map<String, long[]> names = new TreeMap<>(); // name ("" = other) -> {transactions, nxdomain, distinct}
    }

    public Answer<Map<String, Object>> run(Connection c) throws SQLException {
        long step = stepSeconds * 1_000_000_000L;
        SqlFragment q = SqlFragment.of("SELECT minute_ns, transactions, answered, unanswered, response_only, noerror, "
                + "nxdomain, servfail, refused, other_rcode, rtt, source FROM dns_minutes WHERE").append(range.toSql("minute_ns"))
                .append(SqlFragment.of("ORDER BY minute_ns"));
        TreeMap<Long, Step> steps = new TreeMap<>();
        TreeSet<String> sources = new TreeSet<>();
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Step s = steps.computeIfAbsent(Math.floorDiv(rs.getLong(1), step) * step, k -> new Step());
                s.transactions += rs.getLong(2);
                s.answered += rs.getLong(3);
                s.unanswered += rs.getLong(4);
                s.responseOnly += rs.getLong(5);
                s.noError += rs.getLong(6);
                s.nxDomain += rs.getLong(7);
                s.servFail += rs.getLong(8);
                s.refused += rs.getLong(9);
                s.otherRcode += rs.getLong(10);
                LatencyHistogram.addTo(s.rtt, rs.getBytes(11));
                sources.add(rs.getString(12));
            }
        }
        if (topNames > 0) {
            SqlFragment n = SqlFragment.of("SELECT minute_ns, coalesce(query, ''), transactions, nxdomain, distinct_names "
                    + "FROM dns_name_minutes WHERE").append(range.toSql("minute_ns"));
            try (PreparedStatement ps = QualityQuery.prepare(c, n); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Step s = steps.get(Math.floorDiv(rs.getLong(1), step) * step);
                    if (s == null) continue;
                    long[] v = s.names.computeIfAbsent(rs.getString(2), k -> new long[3]);
                    v[0] += rs.getLong(3);
                    v[1] += rs.getLong(4);
                    v[2] += rs.getLong(5); // the other row's estimates add up across minutes: an upper bound
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<Long, Step> e : steps.entrySet()) rows.add(row(e.getKey(), e.getValue()));
        return new Answer<>(rows, false, QualityQuery.summary(c, range, sources), q.sql(), q.params());
    }

    private Map<String, Object> row(long start, Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", start / 1e9);
        m.put("transactions", s.transactions);
        m.put("answered", s.answered);
        m.put("unanswered", s.unanswered);
        m.put("response_only", s.responseOnly);
        Map<String, Object> rcodes = new LinkedHashMap<>();
        rcodes.put("NOERROR", s.noError);
        rcodes.put("NXDOMAIN", s.nxDomain);
        rcodes.put("SERVFAIL", s.servFail);
        rcodes.put("REFUSED", s.refused);
        rcodes.put("other", s.otherRcode);
        m.put("rcodes", rcodes);
        long responses = s.noError + s.nxDomain + s.servFail + s.refused + s.otherRcode;
        if (responses > 0) m.put("nxdomain_rate", Math.round(1e6 * s.nxDomain / responses) / 1e6);
        if (s.rtt.getTotalCount() > 0) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("count", s.rtt.getTotalCount());
            for (double q : new double[] {50, 90, 99}) p.put("p" + (int) q, s.rtt.getValueAtPercentile(q));
            m.put("rtt_us", p);
        }
        if (topNames > 0) {
            List<Map<String, Object>> top = new ArrayList<>();
            s.names.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> x) -> -x.getValue()[0]).thenComparing(Map.Entry::getKey))
                    .limit(topNames)
                    .forEach(x -> {
                        Map<String, Object> n = new LinkedHashMap<>();
                        n.put("query", x.getKey().isEmpty() ? null : x.getKey());
                        n.put("transactions", x.getValue()[0]);
                        n.put("nxdomain", x.getValue()[1]);
                        if (x.getKey().isEmpty()) n.put("distinct_names", x.getValue()[2]);
                        top.add(n);
                    });
            m.put("top_names", top);
        }
        return m;
    }
}
