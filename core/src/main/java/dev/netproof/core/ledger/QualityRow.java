package dev.netproof.core.ledger;

import java.util.Objects;

/**
 * One counter of the quality ledger for one source, stage and second: how many things of kind
 * {@code metric} the {@code stage} saw in that second of capture time.
 *
 * @param source  the input this count belongs to (a file path, an interface, an exporter)
 * @param second  Unix epoch second of the capture timestamps counted
 * @param stage   pipeline stage: {@code read}, {@code decode}, {@code flow}, {@code store}
 * @param metric  what was counted, e.g. {@code packets}, {@code error.ipv4_header_len}
 * @param value   the count, never negative
 */
public record QualityRow(String source, long second, String stage, String metric, long value) {
    public QualityRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(metric, "metric");
        if (value < 0) throw new IllegalArgumentException("negative count for " + stage + "/" + metric);
    }
}
