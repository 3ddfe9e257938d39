package dev.netproof.source.pcap;

import dev.netproof.core.ledger.StageCounters;

/** The ledger's name for a metric, e.g. {@code error.caplen_too_large}. */
final class ReadMetricNames {
    private ReadMetricNames() {
    }

    static String of(ReadMetric m) {
        return StageCounters.metricName(m);
    }
}
