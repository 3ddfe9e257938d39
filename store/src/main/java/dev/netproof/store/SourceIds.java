package dev.netproof.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The id of each source text in {@code sources}, registering new ones in the connection's current
 * transaction. Rows that store a {@code source_id} instead of the text get it here. One instance per
 * connection and thread.
 */
final class SourceIds {
    private final IdLookup ids;

    SourceIds(Connection conn) {
        this.ids = new IdLookup(conn, "sources", "source_id", "source");
    }

    int id(String source) throws SQLException {
        return ids.id(source);
    }
}
