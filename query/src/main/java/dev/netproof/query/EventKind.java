package dev.netproof.query;

import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.internal.DnsRows;
import dev.netproof.query.internal.ExportRows;
import dev.netproof.query.internal.MetricRows;
import dev.netproof.query.internal.HttpRows;
import dev.netproof.query.internal.TlsRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The kinds of transaction records the analyzers store, one table each: what a search over them
 * needs (the table, its filter fields, the columns read and how a row becomes a Zeek-shaped map).
 */
public enum EventKind {
    DNS("dns", "DNS transactions", "dns_events", FieldRegistry.dns(), DnsRows.COLUMNS, DnsRows::read, "ts_ns, uid, trans_id"),
    HTTP("http", "HTTP transactions", "http_events", FieldRegistry.http(), HttpRows.COLUMNS, HttpRows::read,
            "ts_ns, uid, trans_depth"),
    TLS("tls", "TLS handshakes", "tls_events", FieldRegistry.tls(), TlsRows.COLUMNS, TlsRows::read, "ts_ns, uid"),
    /** Not transactions but records of the same shape of search: what routers and switches exported. */
    EXPORTED("exported", "exported flow records", "export_flows", FieldRegistry.exported(), ExportRows.COLUMNS,
            ExportRows::read, "ts_ns, exporter, domain, received_ns"),
    /** Metric points, such as sFlow agents' interface counters. */
    METRICS("metrics", "metric points", "metric_samples", FieldRegistry.metrics(), MetricRows.COLUMNS, MetricRows::read,
            "ts_ns, name, source");

    /** Reads the current row of a result set with {@link #columns} into a map. */
    @FunctionalInterface
    public interface RowReader {
        Map<String, Object> read(ResultSet rs) throws SQLException;
    }

    private final String label;
    private final String title;
    private final String table;
    private final FieldRegistry fields;
    private final String columns;
    private final RowReader reader;
    private final String orderBy;

    EventKind(String label, String title, String table, FieldRegistry fields, String columns, RowReader reader, String orderBy) {
        this.label = label;
        this.title = title;
        this.table = table;
        this.fields = fields;
        this.columns = columns;
        this.reader = reader;
        this.orderBy = orderBy;
    }

    /** The name in commands and URLs: {@code dns}, {@code http}, {@code tls}. */
    public String label() {
        return label;
    }

    /** What the rows are, for headings ("DNS transactions"). */
    public String title() {
        return title;
    }

    public String table() {
        return table;
    }

    public FieldRegistry fields() {
        return fields;
    }

    String columns() {
        return columns;
    }

    RowReader reader() {
        return reader;
    }

    String orderBy() {
        return orderBy;
    }
}
