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
 * Moves the exported flows of a store written by an older collector into the current {@code export_rows}, so that
 * the view {@code export_flows} reads them as before. Two older layouts: {@link Layout#TEXT_TABLE}, when
 * {@code export_flows} was a table of text columns (addresses parsed in Java, once per distinct exporter and next
 * hop), and {@link Layout#ROWS_WITH_SOURCE}, {@code export_rows} of 22 columns (source, interfaces, AS numbers
 * and the two texts each a column of their own; moved in SQL). The rows move in one statement; the packed
 * columns are made in SQL here as {@link ExportBits} makes them in Java, and the migration tests read every field
 * back through the view.
 */
final class ExportRowsMigration {
    static final String OLD = "export_flows_v1", OLD_ROWS = "export_rows_v2", OLD_KEYS = "export_keys_v2";

    /** What a store's exported flows were written as. */
    enum Layout { CURRENT, TEXT_TABLE, ROWS_WITH_SOURCE }

    private ExportRowsMigration() {}

    /** Renames an older layout's tables out of the way of the current ones, and says which layout it was. */
    static Layout renameOld(Statement s) throws SQLException {
        if (count(s, "SELECT count(*) FROM information_schema.tables "
                + "WHERE table_name = 'export_flows' AND table_type = 'BASE TABLE'") > 0) {
            s.execute("ALTER TABLE export_flows RENAME TO " + OLD);
            return Layout.TEXT_TABLE;
        }
        if (count(s, "SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'export_rows' AND column_name = 'source_id'") > 0) {
            s.execute("ALTER TABLE export_rows RENAME TO " + OLD_ROWS);
            s.execute("ALTER TABLE export_keys RENAME TO " + OLD_KEYS);
            return Layout.ROWS_WITH_SOURCE;
        }
        if (count(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'export_keys' "
                + "AND column_name = 'sampling_rate'") > 0) {
            // 17 columns, the rate in the key: written by development builds of one day (commits fe48693-231a516)
            throw new SQLException("the store was written by a development build of netproof (exported flows with the "
                    + "sampling rate in export_keys); collect or ingest again into a new --data directory");
        }
        return Layout.CURRENT;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Copies the renamed tables' rows into the current ones and drops them (in the caller's transaction). */
    static void copy(Connection c, Layout from) throws SQLException {
        switch (from) {
            case CURRENT -> { }
            case TEXT_TABLE -> copyTextTable(c);
            case ROWS_WITH_SOURCE -> copyRowsWithSource(c);
        }
    }

    /** DuckDB gives | and << one precedence, left to right: every term in parentheses. */
    private static String interfaceBits(String inIf, String outIf) {
        return "((" + inIf + " IS NULL)::BIGINT << 61) | ((" + outIf + " IS NULL)::BIGINT << 62)";
    }

    private static String interfaces(String inIf, String outIf) {
        return ExportBits.pairSql("coalesce(" + inIf + ", 0)", "coalesce(" + outIf + ", 0)");
    }

    private static void copyRowsWithSource(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE np_migrate_keys AS SELECT row_number() OVER (ORDER BY key_id, source_id)"
                    + "::INTEGER AS key_id, key_id AS old_key, source_id "
                    + "FROM (SELECT DISTINCT key_id, source_id FROM " + OLD_ROWS + ")");
            s.execute("INSERT INTO export_keys SELECT m.key_id, k.format_code, k.exporter_hi, k.exporter_lo, k.domain, "
                    + "m.source_id FROM np_migrate_keys m JOIN " + OLD_KEYS + " k ON k.key_id = m.old_key");
            // the old mpls text is ListText's: S and the labels joined by commas
            s.execute("INSERT INTO export_rows SELECT o.ts_ns, o.end_ns, o.received_ns, m.key_id, o.transport, "
                    + "o.marks | " + interfaceBits("o.in_if", "o.out_if") + ", o.bytes, o.packets, o.sampling_rate, "
                    + interfaces("o.in_if", "o.out_if") + ", " + ExportBits.pairSql("o.src_as", "o.dst_as") + ", "
                    + "o.next_hop_hi, o.next_hop_lo, CASE WHEN o.mpls IS NULL AND o.extra IS NULL THEN NULL "
                    + "ELSE coalesce(o.mpls[2:], '') || '|' || coalesce(o.extra, '') END, "
                    + "o.orig_ip_hi, o.orig_ip_lo, o.resp_ip_hi, o.resp_ip_lo FROM " + OLD_ROWS + " o JOIN np_migrate_keys m "
                    + "ON m.old_key = o.key_id AND m.source_id = o.source_id ORDER BY o.ts_ns");
            s.execute("DROP TABLE " + OLD_ROWS);
            s.execute("DROP TABLE " + OLD_KEYS);
            s.execute("DROP TABLE np_migrate_keys");
        }
    }

    private static void copyTextTable(Connection c) throws SQLException {
        SourceIds sourceIds = new SourceIds(c);
        ExportKeys keyIds = new ExportKeys(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE np_migrate_keys (format VARCHAR, exporter VARCHAR, domain BIGINT, source VARCHAR, "
                    + "key_id INTEGER)");
            s.execute("CREATE TEMP TABLE np_migrate_addresses (text VARCHAR, hi BIGINT, lo BIGINT)");
            List<Object[]> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT format, exporter, domain, source FROM " + OLD)) {
                while (rs.next()) keys.add(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)});
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO np_migrate_keys VALUES (?, ?, ?, ?, ?)")) {
                for (Object[] k : keys) {
                    ExportFormat format = Arrays.stream(ExportFormat.values()).filter(f -> f.label().equals(k[0])).findFirst()
                            .orElseThrow(() -> new SQLException("unknown export format '" + k[0] + "' in " + OLD));
                    for (int i = 0; i < k.length; i++) ins.setObject(i + 1, k[i]);
                    ins.setInt(5, keyIds.id(format, IpAddress.parse((String) k[1]), (Long) k[2], sourceIds.id((String) k[3])));
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
            String transport = "(o.dst_port::BIGINT) | (o.src_port::BIGINT << 16) | ((o.tcp_flags & 65535)::BIGINT << 32) "
                    + "| (coalesce((o.proto & 255) + 1, 0)::BIGINT << 48)";
            String marks = "((o.tos & 255)::BIGINT) | ((CASE o.direction WHEN 'ingress' THEN 0 WHEN 'egress' THEN 1 ELSE 2 END)::BIGINT << 8) "
                    + "| ((o.src_addr IS NULL)::BIGINT << 10) | ((o.dst_addr IS NULL)::BIGINT << 11) "
                    + "| (coalesce((o.src_mask & 255) + 1, 0)::BIGINT << 12) | (coalesce((o.dst_mask & 255) + 1, 0)::BIGINT << 21) "
                    + "| (coalesce((o.vlan & 4095) + 1, 0)::BIGINT << 48) | " + interfaceBits("o.in_if", "o.out_if");
            s.execute("INSERT INTO export_rows SELECT o.ts_ns, o.end_ns, o.received_ns, k.key_id, "
                    + transport + ", " + marks + ", o.bytes, o.packets, o.sampling_rate, " + interfaces("o.in_if", "o.out_if") + ", "
                    + ExportBits.pairSql("o.src_as", "o.dst_as") + ", n.hi, n.lo, "
                    + "CASE WHEN len(o.mpls_labels) = 0 AND o.extra IS NULL THEN NULL "
                    + "ELSE array_to_string(o.mpls_labels, ',') || '|' || coalesce(o.extra, '') END, "
                    + "o.orig_ip_hi, o.orig_ip_lo, o.resp_ip_hi, o.resp_ip_lo FROM " + OLD + " o "
                    + "JOIN np_migrate_keys k ON k.format = o.format AND k.exporter = o.exporter AND k.domain = o.domain "
                    + "AND k.source = o.source "
                    + "LEFT JOIN np_migrate_addresses n ON n.text = o.next_hop ORDER BY o.ts_ns");
            s.execute("DROP TABLE " + OLD);
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
