package dev.netproof.app.durability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a test compares between stores: per source totals, the ledger, the journal. */
final class StoreFacts {
    private StoreFacts() {}

    /** Flows, packets, bytes of one source, and rows whose uid (start time and key hash: core.model.FlowUid) repeats. */
    record Totals(long flows, long packets, long bytes, long duplicates) {}

    static Totals totals(Connection c, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(orig_pkts + resp_pkts), 0), "
                + "coalesce(sum(orig_ip_bytes + resp_ip_bytes), 0), count(*) - count(DISTINCT (uid_key, ts_ns)) FROM all_flow_rows "
                + "WHERE source_id = (SELECT source_id FROM sources WHERE source = ?)")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /** The ledger's sums per stage/metric for one source, without the store stage's recovery accounts. */
    static Map<String, Long> ledger(Connection c, String source) throws SQLException {
        return sums(c, "SELECT stage || '/' || metric, sum(value) FROM quality WHERE source = ? AND stage <> 'store' GROUP BY ALL", source);
    }

    /** The store stage's accounts of recovered runs. */
    static Map<String, Long> interrupted(Connection c, String source) throws SQLException {
        return sums(c, "SELECT metric, sum(value) FROM quality WHERE source = ? AND stage = 'store' GROUP BY ALL", source);
    }

    private static Map<String, Long> sums(Connection c, String sql, String source) throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    /** Journal rows of a source: status, read_offset, flows_committed. */
    record Run(long id, String status, long readOffset, long flowsCommitted) {}

    static List<Run> runs(Connection c, String source) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ingest_id, status, read_offset, flows_committed FROM ingests WHERE source = ? ORDER BY ingest_id")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return runs;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
