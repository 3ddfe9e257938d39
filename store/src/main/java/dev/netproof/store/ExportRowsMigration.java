package dev.netproof.store;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves the exported flows of a store written before {@code export_rows} (when {@code export_flows} was a
 * table of text columns) into {@code export_rows}, so that the view of that name reads them as before.
 * Addresses are parsed in Java, once per distinct exporter and next hop; the rows move in one statement.
 */
final class ExportRowsMigration {
    static final String OLD = "export_flows_v1";

    private ExportRowsMigration() {}

    /** Renames an old {@code export_flows} table out of the view's way; true when there was one. */
    static boolean renameOld(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables "
                + "WHERE table_name = 'export_flows' AND table_type = 'BASE TABLE'")) {
            rs.next();
            if (rs.getLong(1) == 0) return false;
        }
        s.execute("ALTER TABLE export_flows RENAME TO " + OLD);
        return true;
    }

    /**
     * Copies the renamed table's rows into {@code export_rows} and drops it (in the caller's transaction). The
     * packed columns are made in SQL here, as {@link ExportBits} makes them in Java; the migration test reads
     * every field back through the view.
     */
    static void copy(Connection c) throws SQLException {
        SourceIds sourceIds = new SourceIds(c);
        ExportKeys keyIds = new ExportKeys(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE np_migrate_sources (source VARCHAR, source_id INTEGER)");
            s.execute("CREATE TEMP TABLE np_migrate_keys (format VARCHAR, exporter VARCHAR, domain BIGINT, key_id INTEGER)");
            s.execute("CREATE TEMP TABLE np_migrate_addresses (text VARCHAR, hi BIGINT, lo BIGINT)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO np_migrate_sources VALUES (?, ?)")) {
                for (String source : strings(s, "SELECT DISTINCT source FROM " + OLD)) {
                    ins.setString(1, source);
                    ins.setInt(2, sourceIds.id(source));
                    ins.executeUpdate();
                }
            }
            List<Object[]> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT format, exporter, domain FROM " + OLD)) {
                while (rs.next()) keys.add(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)});
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO np_migrate_keys VALUES (?, ?, ?, ?)")) {
                for (Object[] k : keys) {
                    ExportFormat format = Arrays.stream(ExportFormat.values()).filter(f -> f.label().equals(k[0])).findFirst()
                            .orElseThrow(() -> new SQLException("unknown export format '" + k[0] + "' in " + OLD));
                    ins.setString(1, (String) k[0]);
                    ins.setString(2, (String) k[1]);
                    ins.setLong(3, (Long) k[2]);
                    ins.setInt(4, keyIds.id(format, IpAddress.parse((String) k[1]), (Long) k[2]));
                    ins.executeUpdate();
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO np_migrate_addresses VALUES (?, ?, ?)")) {
                for (String text : strings(s, "SELECT DISTINCT next_hop FROM " + OLD + " WHERE next_hop IS NOT NULL")) {
                    IpAddress a = IpAddress.parse(text);
                    ins.setString(1, text);
                    ins.setLong(2, a.hi() ^ Schema.SIGN_FLIP);
                    ins.setLong(3, a.lo() ^ Schema.SIGN_FLIP);
                    ins.executeUpdate();
                }
            }
            // DuckDB gives | and << one precedence, left to right: every term in parentheses
            String transport = "(o.dst_port::BIGINT) | (o.src_port::BIGINT << 16) | ((o.tcp_flags & 65535)::BIGINT << 32) "
                    + "| (coalesce((o.proto & 255) + 1, 0)::BIGINT << 48)";
            String marks = "((o.tos & 255)::BIGINT) | ((CASE o.direction WHEN 'ingress' THEN 0 WHEN 'egress' THEN 1 ELSE 2 END)::BIGINT << 8) "
                    + "| ((o.src_addr IS NULL)::BIGINT << 10) | ((o.dst_addr IS NULL)::BIGINT << 11) "
                    + "| (coalesce((o.src_mask & 255) + 1, 0)::BIGINT << 12) | (coalesce((o.dst_mask & 255) + 1, 0)::BIGINT << 21) "
                    + "| (coalesce((o.vlan & 4095) + 1, 0)::BIGINT << 48)";
            s.execute("INSERT INTO export_rows SELECT o.ts_ns, o.end_ns, o.received_ns, k.key_id, m.source_id, "
                    + transport + ", " + marks + ", o.bytes, o.packets, o.sampling_rate, o.in_if, o.out_if, o.src_as, o.dst_as, "
                    + "n.hi, n.lo, CASE WHEN len(o.mpls_labels) = 0 THEN NULL ELSE 'S' || array_to_string(o.mpls_labels, ',') END, "
                    + "o.extra, o.orig_ip_hi, o.orig_ip_lo, o.resp_ip_hi, o.resp_ip_lo "
                    + "FROM " + OLD + " o JOIN np_migrate_sources m ON m.source = o.source "
                    + "JOIN np_migrate_keys k ON k.format = o.format AND k.exporter = o.exporter AND k.domain = o.domain "
                    + "LEFT JOIN np_migrate_addresses n ON n.text = o.next_hop ORDER BY o.ts_ns");
            s.execute("DROP TABLE " + OLD);
            s.execute("DROP TABLE np_migrate_sources");
            s.execute("DROP TABLE np_migrate_keys");
            s.execute("DROP TABLE np_migrate_addresses");
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
