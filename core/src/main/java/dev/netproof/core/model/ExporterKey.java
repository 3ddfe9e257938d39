package dev.netproof.core.model;

import java.util.Objects;

/** One exporter's domain in one protocol: the unit whose sequence numbers follow each other. */
public record ExporterKey(ExportFormat format, IpAddress exporter, long domain) {
    public ExporterKey {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(exporter, "exporter");
    }

    private static final IpAddress OTHER_ADDRESS = IpAddress.ofV4(0);

    /** The account of exporters beyond the registry's budget: address 0.0.0.0, domain -1. */
    public static ExporterKey other(ExportFormat format) {
        return new ExporterKey(format, OTHER_ADDRESS, -1);
    }

    public boolean isOther() {
        return domain == -1 && exporter.equals(OTHER_ADDRESS);
    }

    /** The ledger source name of this exporter, e.g. {@code exporter:192.0.2.1}, or {@code exporter:other}. */
    public String ledgerSource() {
        return isOther() ? "exporter:other" : "exporter:" + exporter;
    }
}
