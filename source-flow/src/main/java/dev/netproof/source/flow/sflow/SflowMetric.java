package dev.netproof.source.flow.sflow;

/**
 * What the {@code sflow} stage counts, per source and second, in the quality ledger (see
 * {@link dev.netproof.core.ledger.StageCounters}; names become e.g. {@code flow_samples},
 * {@code error.record_length}). Each {@code ERROR__*} is one way a datagram breaks a bound; the broken
 * part is skipped and what is sound around it kept, so one datagram may count several.
 */
public enum SflowMetric {
    /** Datagrams handed to the decoder. */
    DATAGRAMS,
    /** Samples found in datagrams, whatever their type. */
    SAMPLES,
    /** Flow samples (format 1) and expanded flow samples (format 3) read. */
    FLOW_SAMPLES,
    /** Counter samples (format 2) and expanded counter samples (format 4) read. */
    COUNTER_SAMPLES,
    /** Samples of an unknown format or a non-zero enterprise, skipped by their length. */
    SAMPLES_SKIPPED,
    /** Flows delivered to the sink: one per flow sample that was sound. */
    FLOWS,
    /** Metric points delivered to the sink from counter records. */
    COUNTER_POINTS,
    /** Flow records read (of any type). */
    FLOW_RECORDS,
    /** Flow records of a type we do not map (or a non-zero enterprise), skipped by their length. */
    FLOW_RECORDS_SKIPPED,
    /** Counter records read (of any type). */
    COUNTER_RECORDS,
    /** Counter records other than generic interface (1) and Ethernet (2), skipped by their length. */
    COUNTER_RECORDS_SKIPPED,
    /** Counter values of all ones, which agents send for "not available": no point delivered for them. */
    COUNTER_VALUES_UNKNOWN,
    /** Raw packet headers whose header protocol has no link type here (token ring, PPP, MPLS...). */
    HEADER_UNSUPPORTED_PROTOCOL,
    /** Raw packet headers that carry no IP packet (ARP, LLDP, STP...): the flow has no addresses. */
    HEADER_NON_IP,
    /** Raw packet headers the packet decoder found malformed before their IP/transport fields. */
    HEADER_MALFORMED,
    /** Raw packet headers cut by the agent before the transport header: decoded as far as they go. */
    HEADER_TRUNCATED,
    /** Flow samples whose output interface is a discard (format 1): {@code outIf} -1. */
    OUTPUT_DISCARDED,
    /** Flow samples sent to several output interfaces (format 2): {@code outIf} -1. */
    OUTPUT_MULTIPLE,
    /**
     * Packets the agent selected for sampling but could not send, by its own flow-sample {@code drops}
     * counter: the increase of that cumulative counter per data source (the first sample of a source
     * only sets the baseline; after an agent restart the new value counts whole).
     */
    AGENT_DROPPED_SAMPLES,
    /** Samples missing from a data source's sample sequence (lost between agent and collector). */
    SAMPLE_SEQUENCE_MISSING,
    /** Samples repeating the last sequence number of their data source. */
    SAMPLE_SEQUENCE_DUPLICATE,
    /** Samples slightly behind their data source's sequence (arrived out of order). */
    SAMPLE_SEQUENCE_REORDERED,
    /** Jumps of a data source's sequence too large to be loss: taken as an agent restart. */
    SAMPLE_SEQUENCE_RESET,
    /** Data sources (agent, sub-agent, source id, flow or counter) seen for the first time. */
    SAMPLE_SOURCES_NEW,
    /** Samples of a data source not tracked because the sequence table is full. */
    SAMPLE_SOURCES_UNTRACKED,

    /** The datagram's offset and length lie outside the bytes given. */
    ERROR__BAD_BOUNDS,
    /** The datagram ends inside its header. */
    ERROR__TRUNCATED_DATAGRAM,
    /** The version is not 5: the datagram is skipped. */
    ERROR__NOT_SFLOW_V5,
    /** The agent address type is neither 1 (IPv4) nor 2 (IPv6): the datagram is skipped. */
    ERROR__BAD_AGENT_ADDRESS_TYPE,
    /** The header states more samples than the datagram can hold (8 bytes each at least). */
    ERROR__SAMPLE_COUNT,
    /** The datagram ended before the number of samples its header states. */
    ERROR__SAMPLES_MISSING,
    /** A sample's length runs past the datagram: it and the rest of the datagram are skipped. */
    ERROR__SAMPLE_LENGTH,
    /** A sample is shorter than its fixed fields: skipped. */
    ERROR__SAMPLE_SHORT,
    /** A sample states more records than it can hold (8 bytes each at least). */
    ERROR__RECORD_COUNT,
    /** A sample ended before the number of records it states. */
    ERROR__RECORDS_MISSING,
    /** A record's length runs past its sample: it and the rest of the sample's records are skipped. */
    ERROR__RECORD_LENGTH,
    /** A record is shorter than its fixed fields: skipped. */
    ERROR__RECORD_SHORT,
    /** A raw packet header's stated header length runs past its record: the header is skipped. */
    ERROR__HEADER_LENGTH,
    /** An extended gateway's AS path runs past its record: the AS numbers are not used. */
    ERROR__AS_PATH_LENGTH,
    /** An address type in a record that is neither IPv4 nor IPv6: the address is not used. */
    ERROR__RECORD_ADDRESS_TYPE,
    /** A sampled IPv4/IPv6 record's port above 65535: taken as absent. */
    ERROR__PORT_RANGE
}
