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
    /** The last source asked for and its id: a file's rows all name one source, in one string. */
    private String lastSource;
    private int lastId;

    SourceIds(Connection conn) {
        this.ids = new IdLookup(conn, "sources", "source_id", "source");
    }

    int id(String source) throws SQLException {
        // IdLookup remembers every id it gave anyway; this skips its key list and map look-up for each row
        if (source != null && source.equals(lastSource)) return lastId;
        int id = ids.id(source);
        lastSource = source;
        lastId = id;
        return id;
    }
}
