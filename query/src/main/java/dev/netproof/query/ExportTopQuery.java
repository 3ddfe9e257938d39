package dev.netproof.query;

import dev.netproof.query.filter.Field;
import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.internal.Involved;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top groups of exported flow records ({@code export_flows}), with sampled counts scaled up:
 * each record's bytes and packets count {@code sampling_rate} times, the exporter's estimate of the
 * traffic it saw. Every row says how: {@code bytes} (or {@code packets}) is the estimate,
 * {@code bytes_as_exported} the sum as the records carried it, {@code records} how many were summed,
 * {@code unknown_rate_records} those whose exporter never said its sampling rate (counted once, so the
 * estimate is a lower bound when there are any), and {@code min_rate}/{@code max_rate} the rates met.
 * The {@code flows} metric counts records and is never scaled (a sampled exporter's records are not a
 * sample of flows). Keys come from {@link FieldRegistry#exported()}.
 */
public record ExportTopQuery(List<Field> by, Metric metric, int limit, Filter filter, TimeRange range) {
    public ExportTopQuery {
        by = List.copyOf(by);
        if (metric == null) metric = Metric.BYTES;
        TopQuery.check(by, metric, limit);
        if (filter == null) filter = Filter.ALL;
        if (range == null) range = TimeRange.ALL;
    }

    /** Group by comma-separated {@link FieldRegistry#exported()} names, bytes, default limit. */
    public static ExportTopQuery by(String fields) {
        TopQuery t = TopQuery.by(fields, FieldRegistry.exported());
        return new ExportTopQuery(t.by(), Metric.BYTES, TopQuery.DEFAULT_LIMIT, Filter.ALL, TimeRange.ALL);
    }

    public ExportTopQuery withMetric(Metric m) {
        return new ExportTopQuery(by, m, limit, filter, range);
    }

    public ExportTopQuery withLimit(int n) {
        return new ExportTopQuery(by, metric, n, filter, range);
    }

    public ExportTopQuery withFilter(Filter f) {
        return new ExportTopQuery(by, metric, limit, f, range);
    }

    public ExportTopQuery withRange(TimeRange r) {
        return new ExportTopQuery(by, metric, limit, filter, r);
    }

    private SqlFragment where() {
        return SqlFragment.and(filter.toSql(), range.toSql("ts_ns"));
    }

    private String perRecordSql() {
        return switch (metric) {
            case BYTES -> "bytes";
            case PACKETS -> "packets";
            case FLOWS -> "1";
        };
    }

    public SqlFragment sql() {
        String scale = metric == Metric.FLOWS ? "1" : "CASE WHEN sampling_rate > 0 THEN sampling_rate ELSE 1 END";
        return TopQuery.grouped(by, perRecordSql() + " AS v, " + scale + " AS r, sampling_rate AS rate", "export_flows",
                where(), "CAST(sum(v * r) AS BIGINT) AS m, CAST(sum(v) AS BIGINT), count(*), "
                        + "count(*) FILTER (WHERE rate = 0), min(NULLIF(rate, 0)), max(rate)", limit);
    }

    public Answer<Map<String, Object>> run(Connection c) throws SQLException {
        SqlFragment q = sql();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean limited = false;
        int n = by.size();
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rows.size() == limit) {
                    limited = true;
                    break;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) row.put(by.get(i).name(), TopQuery.key(rs, i + 1, by.get(i)));
                row.put(metric.label(), rs.getLong(n + 1));
                if (metric != Metric.FLOWS) row.put(metric.label() + "_as_exported", rs.getLong(n + 2));
                row.put("records", rs.getLong(n + 3));
                row.put("unknown_rate_records", rs.getLong(n + 4));
                long min = rs.getLong(n + 5);
                row.put("min_rate", rs.wasNull() ? null : min);
                row.put("max_rate", rs.getLong(n + 6));
                rows.add(java.util.Collections.unmodifiableMap(row));
            }
        }
        QualitySummary quality = QualityQuery.summary(c, range, Involved.sources(c, "export_flows", where()));
        return new Answer<>(rows, limited, quality, q.sql(), q.params());
    }
}
