package dev.netproof.core.model;

import java.util.List;

/**
 * What is known of one exporter's domain at a moment, for {@code GET /api/v1/exporters}.
 *
 * @param records           the units of record-numbered sequences its datagrams' headers announced
 * @param lossUnit          what {@code lost} counts: {@code datagrams} or {@code records}
 * @param numbering         how its sequence numbers count: {@code datagrams}; or for record-numbered
 *                          protocols {@code records} (RFC 7011: the records before the message),
 *                          {@code records_including_own} (the message's own too, as softflowd 1.1 does),
 *                          {@code records_undetermined} (not yet told apart)
 * @param clockOffsetNanos  our clock minus the exporter's (minimum over recent datagrams), null when its
 *                          datagrams carry no time
 * @param clockResolutionNanos the resolution of the exporter's header time (1 s for v9 and IPFIX)
 * @param samplingRates     the distinct sampling rates its records carried (at most a few; 0 = unknown)
 * @param templates         templates the decoder holds for it now, -1 for protocols without templates
 */
public record ExporterSnapshot(
        ExporterKey key,
        long firstSeenNanos,
        long lastSeenNanos,
        long datagrams,
        long records,
        long flows,
        long samples,
        long lost,
        String lossUnit,
        long duplicates,
        long reordered,
        long resets,
        long unverifiable,
        String numbering,
        Long clockOffsetNanos,
        long clockResolutionNanos,
        List<Long> samplingRates,
        int templates) {

    public ExporterSnapshot {
        samplingRates = List.copyOf(samplingRates);
    }

    /** The share of the exporter's units lost on the way, 0 to 1. */
    public double lossRatio() {
        long sent = lost + ("datagrams".equals(lossUnit) ? datagrams : records);
        return sent == 0 ? 0 : (double) lost / sent;
    }
}
