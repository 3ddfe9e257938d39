package dev.netproof.query;

import dev.netproof.query.filter.SqlFragment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every exporter seen, as the collector last accounted for it ({@code exporters}): protocol, domain,
 * datagrams and records received, what its sequence numbers say was lost (in the unit they count),
 * duplicated, reordered or restarted, its clock offset, the sampling rates its records carried and the
 * templates held. One row per source (file or collector run), exporter and domain; {@code loss_ratio}
 * is lost ÷ (received + lost) in the sequence's unit. Stateless.
 */
public final class ExportersQuery {
    private ExportersQuery() {}

    public static Answer<Map<String, Object>> run(Connection c) throws SQLException {
        SqlFragment q = SqlFragment.of("SELECT source, format, exporter, domain, first_seen_ns, last_seen_ns, datagrams, records, "
                + "flows, samples, lost, loss_unit, duplicates, reordered, resets, unverifiable, numbering, clock_offset_ns, "
                + "clock_resolution_ns, sampling_rates, templates FROM exporters ORDER BY exporter, format, domain, source");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", rs.getString(1));
                m.put("format", rs.getString(2));
                m.put("exporter", rs.getString(3));
                m.put("domain", rs.getLong(4));
                m.put("first_seen", seconds(rs.getLong(5)));
                m.put("last_seen", seconds(rs.getLong(6)));
                long datagrams = rs.getLong(7);
                long records = rs.getLong(8);
                m.put("datagrams", datagrams);
                m.put("records", records);
                m.put("flows", rs.getLong(9));
                m.put("samples", rs.getLong(10));
                long lost = rs.getLong(11);
                String unit = rs.getString(12);
                m.put("lost", lost);
                m.put("loss_unit", unit);
                long received = "datagrams".equals(unit) ? datagrams : records;
                m.put("loss_ratio", received + lost == 0 ? 0.0 : (double) lost / (received + lost));
                m.put("duplicates", rs.getLong(13));
                m.put("reordered", rs.getLong(14));
                m.put("resets", rs.getLong(15));
                m.put("unverifiable", rs.getLong(16));
                m.put("numbering", rs.getString(17));
                long offset = rs.getLong(18);
                m.put("clock_offset", rs.wasNull() ? null : offset / 1e9);
                m.put("clock_resolution", rs.getLong(19) / 1e9);
                Array rates = rs.getArray(20);
                m.put("sampling_rates", rates == null ? List.of() : List.of((Object[]) rates.getArray()));
                int templates = rs.getInt(21);
                if (templates >= 0) m.put("templates", templates);
                rows.add(m);
                sources.add(rs.getString(1));
                String ledgerSource = "other".equals(m.get("exporter")) ? "exporter:other" : "exporter:" + m.get("exporter");
                sources.add(ledgerSource);
            }
        }
        return new Answer<>(rows, false, QualityQuery.summary(c, TimeRange.ALL, sources), q.sql(), q.params());
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }
}
