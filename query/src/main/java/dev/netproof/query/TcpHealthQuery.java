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
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * TCP health from the per-minute service rollup ({@code tcp_service_minutes}): per service over a
 * range ({@link #services}), or as a time series in steps of whole minutes ({@link #series}). The
 * rows of a group are added up and their latency sketches merged, so an hour's percentiles are
 * those of its minutes' samples together, within the sketch's 1%.
 *
 * <p>Each answer row: {@code connections}, {@code healthy}/{@code degraded}/{@code severe},
 * {@code retransmission_rate} (retransmitted ÷ payload bytes), {@code retransmissions},
 * {@code zero_windows}, {@code handshake_rtt_us} and {@code rtt_us} as {@code {count, p50, p90, p99}}
 * (absent when there is no sample). A service of {@code null} is a minute's "other" row: services
 * beyond the rollup's budget, counted but not named.
 *
 * @param service  only this {@code resp_h} (with {@code port}, if not -1); null for all
 * @param stepSeconds bucket of {@link #series}: a multiple of 60
 */
public record TcpHealthQuery(TimeRange range, String service, int port, int limit, long stepSeconds) {
    public static final int MAX_LIMIT = 100_000;

    public TcpHealthQuery {
        if (limit < 1 || limit > MAX_LIMIT) throw new QueryException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        if (stepSeconds < 60 || stepSeconds % 60 != 0) {
            throw new QueryException("step must be a whole number of minutes (60, 300, 3600, ...), got " + stepSeconds);
        }
        if (port < -1 || port > 65535) throw new QueryException("port out of range: " + port);
    }

    public static TcpHealthQuery all() {
        return new TcpHealthQuery(TimeRange.ALL, null, -1, 100, 60);
    }

    public TcpHealthQuery withRange(TimeRange r) {
        return new TcpHealthQuery(r, service, port, limit, stepSeconds);
    }

    public TcpHealthQuery withService(String host, int p) {
        return new TcpHealthQuery(range, host, p, limit, stepSeconds);
    }

    /**
     * A service as typed: {@code HOST}, {@code HOST:PORT} or {@code [IPV6]:PORT} (a bare IPv6 address
     * is a host); null or empty for all.
     */
    public TcpHealthQuery withService(String spec) {
        if (spec == null || spec.isBlank()) return withService(null, -1);
        String s = spec.strip();
        String host = s;
        int port = -1;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new QueryException("service '" + spec + "': missing ']'");
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') throw new QueryException("service '" + spec + "': expected :PORT after ']'");
                port = port(spec, s.substring(close + 2));
            }
        } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = port(spec, s.substring(s.indexOf(':') + 1));
        }
        try {
            host = dev.netproof.core.model.IpAddress.parse(host).toString();
        } catch (IllegalArgumentException e) {
            throw new QueryException("service '" + spec + "': " + e.getMessage());
        }
        return withService(host, port);
    }

    private static int port(String spec, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new QueryException("service '" + spec + "': port must be 0 to 65535");
        }
    }

    public TcpHealthQuery withLimit(int n) {
        return new TcpHealthQuery(range, service, port, n, stepSeconds);
    }

    public TcpHealthQuery withStep(long seconds) {
        return new TcpHealthQuery(range, service, port, limit, seconds);
    }

    private static final String COLUMNS = "minute_ns, resp_h, resp_p, connections, handshakes, healthy, degraded, severe, "
            + "payload_bytes, retransmitted_bytes, retransmissions, zero_windows, rtt_samples, hs_rtt, rtt, source";

    SqlFragment sql() {
        SqlFragment where = range.toSql("minute_ns");
        if (service != null) where = SqlFragment.and(where, SqlFragment.of("resp_h = ?", service));
        if (port >= 0) where = SqlFragment.and(where, SqlFragment.of("resp_p = ?", (long) port));
        return SqlFragment.of("SELECT " + COLUMNS + " FROM tcp_service_minutes WHERE").append(where)
                .append(SqlFragment.of("ORDER BY minute_ns, resp_h NULLS LAST, resp_p NULLS LAST"));
    }

    /** One group's sums and merged sketches. */
    private static final class Group {
        final Map<String, Object> key = new LinkedHashMap<>();
        long connections, handshakes, healthy, degraded, severe, payload, rexmitBytes, rexmits, zeroWindows, rttSamples;
        final Histogram hs = LatencyHistogram.create();
        final Histogram rtt = LatencyHistogram.create();

        void add(ResultSet rs) throws SQLException {
            connections += rs.getLong(4);
            handshakes += rs.getLong(5);
            healthy += rs.getLong(6);
            degraded += rs.getLong(7);
            severe += rs.getLong(8);
            payload += rs.getLong(9);
            rexmitBytes += rs.getLong(10);
            rexmits += rs.getLong(11);
            zeroWindows += rs.getLong(12);
            rttSamples += rs.getLong(13);
            LatencyHistogram.addTo(hs, rs.getBytes(14));
            LatencyHistogram.addTo(rtt, rs.getBytes(15));
        }

        Map<String, Object> row() {
            Map<String, Object> m = new LinkedHashMap<>(key);
            m.put("connections", connections);
            m.put("healthy", healthy);
            m.put("degraded", degraded);
            m.put("severe", severe);
            m.put("retransmission_rate", payload == 0 ? 0.0 : (double) rexmitBytes / payload);
            m.put("retransmissions", rexmits);
            m.put("zero_windows", zeroWindows);
            if (hs.getTotalCount() > 0) m.put("handshake_rtt_us", percentiles(hs));
            if (rtt.getTotalCount() > 0) m.put("rtt_us", percentiles(rtt));
            return java.util.Collections.unmodifiableMap(m);
        }
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50));
        m.put("p90", h.getValueAtPercentile(90));
        m.put("p99", h.getValueAtPercentile(99));
        return m;
    }

    /** Per service, busiest first (most connections), at most {@code limit}. */
    public Answer<Map<String, Object>> services(Connection c) throws SQLException {
        return run(c, false);
    }

    /** Per step, oldest first, all services (or the one asked) together. */
    public Answer<Map<String, Object>> series(Connection c) throws SQLException {
        return run(c, true);
    }

    private Answer<Map<String, Object>> run(Connection c, boolean bySeries) throws SQLException {
        SqlFragment q = sql();
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        Set<String> sources = new TreeSet<>();
        long step = stepSeconds * 1_000_000_000L;
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Object> key;
                Group g;
                if (bySeries) {
                    long bucket = Math.floorDiv(rs.getLong(1), step) * step;
                    key = List.of(bucket);
                    g = groups.computeIfAbsent(key, k -> new Group());
                    g.key.put("ts", bucket / 1_000_000_000L);
                } else {
                    String h = rs.getString(2);
                    int p = rs.getInt(3);
                    Integer port = rs.wasNull() ? null : p;
                    key = java.util.Arrays.asList(h, port);
                    g = groups.computeIfAbsent(key, k -> new Group());
                    g.key.put("id.resp_h", h);
                    g.key.put("id.resp_p", port);
                }
                g.add(rs);
                sources.add(rs.getString(16));
            }
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        if (!bySeries) ordered.sort(Comparator.comparingLong((Group g) -> -g.connections));
        boolean limited = ordered.size() > limit;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Group g : ordered.subList(0, Math.min(limit, ordered.size()))) rows.add(g.row());
        return new Answer<>(rows, limited, QualityQuery.summary(c, range, sources), q.sql(), q.params());
    }
}
