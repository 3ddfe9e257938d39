package dev.netproof.store;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The id of each (format, exporter, domain, source) in {@code export_keys}, registering new ones in the
 * connection's current transaction, as {@link SourceIds} does for sources. Every part of a key is bounded by the
 * decoders' session cap (exporter and domain; the source is the exporter's), never a value a record can vary:
 * a key per record would cost a lookup per record. One instance per connection and thread.
 */
final class ExportKeys {
    private final IdLookup ids;

    ExportKeys(Connection conn) {
        this.ids = new IdLookup(conn, "export_keys", "key_id", "format_code", "exporter_hi", "exporter_lo", "domain",
                "source_id");
    }

    int id(ExportFormat format, IpAddress exporter, long domain, int sourceId) throws SQLException {
        return ids.id(format.ordinal(), exporter.hi() ^ Schema.SIGN_FLIP, exporter.lo() ^ Schema.SIGN_FLIP, domain, sourceId);
    }
}
