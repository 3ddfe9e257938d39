package dev.netproof.source.flow.exporter;

/**
 * What the collector counts per exporter, in the quality ledger under stage {@code export} and source
 * {@code exporter:ADDRESS}. {@code lost__datagrams} and {@code lost__records} come from the sequence
 * numbers, in the unit the protocol numbers (NetFlow v9 and sFlow number datagrams, NetFlow v5 and IPFIX
 * records); {@code agent_drops} is what sFlow agents say they could not sample.
 */
public enum ExportMetric {
    DATAGRAMS,
    FLOWS,
    SAMPLES,
    LOST__DATAGRAMS,
    LOST__RECORDS,
    DUPLICATES,
    REORDERED,
    RESETS,
    UNVERIFIABLE,
    AGENT_DROPS
}
