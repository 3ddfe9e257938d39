package dev.netproof.store;

import java.io.IOException;

/**
 * Rows of a source kept outside the DuckDB tables (Parquet tiers, pcap segment files...), which
 * {@link SourceRemoval} must remove with the source's table rows. Each such store registers one.
 */
public interface SourceOutputs {
    /**
     * Removes everything kept for {@code source} (the source text the rows carry, e.g. the file path
     * at ingest time). Called after the table rows are gone, so it must be idempotent: a crash between
     * the two leaves files that the next removal of the same source finds again.
     */
    void deleteSource(String source) throws IOException;
}
