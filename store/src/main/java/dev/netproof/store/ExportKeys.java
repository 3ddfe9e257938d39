package dev.netproof.store;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The id of each (format, exporter, domain, source, sampling rate) in {@code export_keys}, registering new ones in
 * the connection's current transaction, as {@link SourceIds} does for sources. One instance per connection and
 * thread.
 */
final class ExportKeys {
    private final IdLookup ids;

    ExportKeys(Connection conn) {
        this.ids = new IdLookup(conn, "export_keys", "key_id", "format_code", "exporter_hi", "exporter_lo", "domain",
                "source_id", "sampling_rate");
    }

    int id(ExportFormat format, IpAddress exporter, long domain, int sourceId, long samplingRate) throws SQLException {
        return ids.id(format.ordinal(), exporter.hi() ^ Schema.SIGN_FLIP, exporter.lo() ^ Schema.SIGN_FLIP, domain, sourceId,
                samplingRate);
    }
}
