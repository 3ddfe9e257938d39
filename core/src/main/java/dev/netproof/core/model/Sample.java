package dev.netproof.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One metric point: a named value at a time, with labels that say what it measures (e.g. an sFlow
 * agent's interface counter {@code if_in_octets} with labels {@code exporter} and {@code if_index}).
 *
 * @param name    metric name, lower case with underscores, Prometheus style
 * @param labels  label name to value; copied, iteration order kept
 * @param tsNanos nanoseconds since the Unix epoch
 * @param value   the value; counters are as the source reported them (cumulative), not rates
 */
public record Sample(String name, Map<String, String> labels, long tsNanos, double value) {
    public Sample {
        Objects.requireNonNull(name, "name");
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
