package dev.netproof.store;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The id of each (format, exporter, domain) in {@code export_keys}, registering new ones in the connection's
 * current transaction, as {@link SourceIds} does for sources. One instance per connection and thread.
 */
final class ExportKeys {
    private record Key(ExportFormat format, IpAddress exporter, long domain) {}

    private final Connection conn;
    private final Map<Key, Integer> ids = new HashMap<>();

    ExportKeys(Connection conn) {
        this.conn = conn;
    }

    int id(ExportFormat format, IpAddress exporter, long domain) throws SQLException {
        Key key = new Key(format, exporter, domain);
        Integer id = ids.get(key);
        if (id != null) return id;
        long hi = exporter.hi() ^ Schema.SIGN_FLIP, lo = exporter.lo() ^ Schema.SIGN_FLIP;
        try (PreparedStatement find = conn.prepareStatement("SELECT key_id FROM export_keys "
                + "WHERE format_code = ? AND exporter_hi = ? AND exporter_lo = ? AND domain = ?")) {
            find.setInt(1, format.ordinal());
            find.setLong(2, hi);
            find.setLong(3, lo);
            find.setLong(4, domain);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) id = rs.getInt(1);
            }
        }
        if (id == null) {
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(key_id), 0) + 1 FROM export_keys")) {
                rs.next();
                id = rs.getInt(1);
            }
            try (PreparedStatement ins = conn.prepareStatement("INSERT INTO export_keys VALUES (?, ?, ?, ?, ?)")) {
                ins.setInt(1, id);
                ins.setInt(2, format.ordinal());
                ins.setLong(3, hi);
                ins.setLong(4, lo);
                ins.setLong(5, domain);
                ins.executeUpdate();
            }
        }
        ids.put(key, id);
        return id;
    }
}
