package dev.netproof.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The id of a row of a small lookup table ({@code sources}, {@code export_keys}) found by its key columns, and
 * registered (the largest id + 1) in the connection's current transaction when it is new. Ids are remembered,
 * so a key costs one lookup per instance, up to {@link #MAX_REMEMBERED} of them: keys come from input (exporter
 * addresses, domains), and the memory for them must not grow with it. Past the bound the ids are forgotten and
 * looked up again (slower, never wrong). One instance per connection and thread.
 */
final class IdLookup {
    static final int MAX_REMEMBERED = 100_000;

    private final Connection conn;
    private final String find, next, insert;
    private final Map<List<Object>, Integer> ids = new HashMap<>();
    private final int maxRemembered;

    /** Table and column names are the store's own constants, never input. */
    IdLookup(Connection conn, String table, String idColumn, String... keyColumns) {
        this(MAX_REMEMBERED, conn, table, idColumn, keyColumns);
    }

    IdLookup(int maxRemembered, Connection conn, String table, String idColumn, String... keyColumns) {
        this.maxRemembered = maxRemembered;
        this.conn = conn;
        this.find = "SELECT " + idColumn + " FROM " + table + " WHERE " + String.join(" = ? AND ", keyColumns) + " = ?";
        this.next = "SELECT coalesce(max(" + idColumn + "), 0) + 1 FROM " + table;
        this.insert = "INSERT INTO " + table + " (" + idColumn + ", " + String.join(", ", keyColumns) + ") VALUES (?"
                + String.join("", Collections.nCopies(keyColumns.length, ", ?")) + ")";
    }

    /** The id of the row whose key columns hold {@code key}, in their order. */
    int id(Object... key) throws SQLException {
        List<Object> k = List.of(key);
        Integer id = ids.get(k);
        if (id != null) return id;
        try (PreparedStatement ps = conn.prepareStatement(find)) {
            for (int i = 0; i < key.length; i++) ps.setObject(i + 1, key[i]);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) id = rs.getInt(1);
            }
        }
        if (id == null) {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(next)) {
                rs.next();
                id = rs.getInt(1);
            }
            try (PreparedStatement ps = conn.prepareStatement(insert)) {
                ps.setInt(1, id);
                for (int i = 0; i < key.length; i++) ps.setObject(i + 2, key[i]);
                ps.executeUpdate();
            }
        }
        if (ids.size() >= maxRemembered) ids.clear();
        ids.put(k, id);
        return id;
    }

    /** How many ids are remembered now (tests). */
    int remembered() {
        return ids.size();
    }
}
