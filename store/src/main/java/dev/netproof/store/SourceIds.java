package dev.netproof.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The id of each source text in {@code sources}, registering new ones in the connection's current
 * transaction. Rows that store a {@code source_id} instead of the text get it here. One instance per
 * connection and thread; ids are remembered, so a source costs one lookup per instance.
 */
final class SourceIds {
    private final Connection conn;
    private final Map<String, Integer> ids = new HashMap<>();

    SourceIds(Connection conn) {
        this.conn = conn;
    }

    int id(String source) throws SQLException {
        Integer id = ids.get(source);
        if (id != null) return id;
        try (PreparedStatement find = conn.prepareStatement("SELECT source_id FROM sources WHERE source = ?")) {
            find.setString(1, source);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) id = rs.getInt(1);
            }
        }
        if (id == null) {
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(source_id), 0) + 1 FROM sources")) {
                rs.next();
                id = rs.getInt(1);
            }
            try (PreparedStatement ins = conn.prepareStatement("INSERT INTO sources VALUES (?, ?)")) {
                ins.setInt(1, id);
                ins.setString(2, source);
                ins.executeUpdate();
            }
        }
        ids.put(source, id);
        return id;
    }
}
