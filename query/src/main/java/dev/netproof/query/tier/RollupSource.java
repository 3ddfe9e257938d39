package dev.netproof.query.tier;

import dev.netproof.query.QueryException;
import dev.netproof.store.tier.ColdFiles;
import dev.netproof.store.tier.Dimension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL that reads one tier's part: hot from {@code flows} (grouped by a dimension's fields) or the 1-s
 * series, warm from {@code traffic_minutes}, cold from the Parquet files (days outside the part pruned by
 * their directory). Every statement returns {@code (t, key, value, bytes_error)} rows, {@code t} the window
 * start floored to the step, {@code key} NULL for "other" (and for a series without a dimension).
 */
final class RollupSource {
    private RollupSource() {}

    /** The dimensions the store has rolled up, by name, as their writer recorded them. */
    static Map<String, List<String>> dimensions(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT dim, fields FROM rollup_dims ORDER BY dim");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), List.of(rs.getString(2).split("\\+")));
        }
        return out;
    }

    /** The flows view's text of a dimension field, as the rollup's key has it. */
    static String fieldSql(String field) {
        return switch (field) {
            case "id.orig_h" -> "orig_h";
            case "id.resp_h" -> "resp_h";
            case "id.orig_p" -> "CAST(orig_p AS VARCHAR)";
            case "id.resp_p" -> "CAST(resp_p AS VARCHAR)";
            case "proto" -> "proto";
            case "ip_proto" -> "CAST(ip_proto AS VARCHAR)";
            case "vlan" -> "coalesce(CAST(vlan AS VARCHAR), '')";
            default -> throw new QueryException("no flow field '" + field + "' for a rollup key");
        };
    }

    static String keySql(List<String> fields) {
        if (fields.size() == 1) return fieldSql(fields.get(0));
        List<String> parts = new ArrayList<>();
        for (String f : fields) parts.add(fieldSql(f));
        return "concat_ws('" + Dimension.SEPARATOR + "', " + String.join(", ", parts) + ")";
    }

    /**
     * One part's rows.
     *
     * @param fields the dimension's fields (null: totals only)
     * @param dim    the dimension's name (null: totals only)
     */
    static List<Object[]> read(Connection c, Path dataDir, TierPart part, long step, String metric, String dim,
                               List<String> fields) throws SQLException {
        long s = Math.max(step, 1);
        String sql;
        switch (part.tier()) {
            case "hot" -> {
                if (dim == null) {
                    sql = "SELECT second_ns // " + s + " * " + s + " AS t, NULL AS k, sum(" + metric + ") AS v, 0 AS e "
                            + "FROM traffic_seconds WHERE second_ns >= ? AND second_ns < ? GROUP BY 1, 2";
                } else {
                    String m = switch (metric) {
                        case "bytes" -> "orig_ip_bytes + resp_ip_bytes";
                        case "packets" -> "orig_pkts + resp_pkts";
                        default -> "1";
                    };
                    sql = "SELECT ts_ns // " + s + " * " + s + " AS t, " + keySql(fields) + " AS k, sum(" + m + ") AS v, 0 AS e "
                            + "FROM flows WHERE ts_ns >= ? AND ts_ns < ? GROUP BY 1, 2";
                }
            }
            case "warm" -> sql = "SELECT minute_ns // " + s + " * " + s + " AS t, key AS k, sum(" + metric + ") AS v, "
                    + "sum(bytes_error) AS e FROM traffic_minutes WHERE dim = ? AND minute_ns >= ? AND minute_ns < ? GROUP BY 1, 2";
            case "cold" -> {
                if (dataDir == null) return List.of();
                sql = "SELECT hour_ns // " + s + " * " + s + " AS t, key AS k, sum(" + metric + ") AS v, sum(bytes_error) AS e "
                        + "FROM read_parquet('" + ColdFiles.glob(dataDir).replace("'", "''") + "', hive_partitioning = true) "
                        + "WHERE dim = ? AND hour_ns >= ? AND hour_ns < ? AND day >= '" + day(part.fromNanos())
                        + "' AND day <= '" + day(part.toNanos()) + "' GROUP BY 1, 2";
            }
            default -> {
                return List.of();
            }
        }
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!part.tier().equals("hot")) ps.setString(i++, dim == null ? Dimension.TOTAL : dim);
            ps.setLong(i++, part.fromNanos());
            ps.setLong(i, part.toNanos());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[] {rs.getLong(1), dim == null ? null : rs.getString(2), rs.getLong(3), rs.getLong(4)});
                    if (out.size() > MAX_ROWS) {
                        throw new QueryException("more than " + MAX_ROWS + " (window, key) rows in the " + part.tier()
                                + " tier; narrow the range or take a coarser step");
                    }
                }
            }
        }
        return out;
    }

    static final int MAX_ROWS = 2_000_000;

    static String day(long nanos) {
        long sec = Math.floorDiv(Math.max(nanos, 0), 1_000_000_000L);
        return "" + LocalDate.ofInstant(Instant.ofEpochSecond(Math.min(sec, 253402300799L)), ZoneOffset.UTC);
    }
}
