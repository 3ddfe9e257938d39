package dev.netproof.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How complete an answer is, from the quality ledger over the answer's time range and sources.
 *
 * @param sources         the sources counted, sorted
 * @param packetsRead     stage {@code read}, metric {@code packets}
 * @param packetsDecoded  stage {@code decode}, metric {@code decoded} when the stage reports it (then
 *                        {@code packets} counts what entered the stage), else metric {@code packets}
 * @param packetsTruncated stage {@code decode}, metric {@code truncated}
 * @param decodeErrors    stage {@code decode}, the sum of every {@code error.*} metric, or the metric
 *                        {@code errors} when there is no per-reason count
 * @param flowsEvicted    stage {@code flow}, metric {@code evicted}
 * @param completeness    {@code (packetsDecoded + non-IP packets) / packetsRead}: the share of packets read that
 *                        were understood; 1.0 when nothing was read
 * @param totals          every stage → metric → sum, known or not, sorted by name
 */
public record QualitySummary(
        List<String> sources,
        long packetsRead,
        long packetsDecoded,
        long packetsTruncated,
        long decodeErrors,
        long flowsEvicted,
        double completeness,
        Map<String, Map<String, Long>> totals) {

    public static final QualitySummary EMPTY = of(List.of(), Map.of());

    public QualitySummary {
        sources = List.copyOf(sources);
        Objects.requireNonNull(totals, "totals");
    }

    /** Derives the named counts and completeness from {@code totals} (stage → metric → sum). */
    public static QualitySummary of(List<String> sources, Map<String, Map<String, Long>> totals) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        totals.forEach((stage, m) -> copy.put(stage, java.util.Collections.unmodifiableMap(new TreeMap<>(m))));
        long read = get(copy, "read", "packets");
        Map<String, Long> decode = copy.getOrDefault("decode", Map.of());
        long decoded = decode.containsKey("decoded") ? decode.get("decoded") : decode.getOrDefault("packets", 0L);
        boolean perReason = decode.keySet().stream().anyMatch(k -> k.startsWith("error."));
        long errors = perReason
                ? decode.entrySet().stream().filter(e -> e.getKey().startsWith("error.")).mapToLong(Map.Entry::getValue).sum()
                : decode.getOrDefault("errors", 0L);
        // Non-IP frames (ARP, LLDP...) were understood, they just make no flow: they do not lower completeness.
        long understood = decoded + decode.getOrDefault("non_ip", 0L);
        double completeness = read == 0 ? 1.0 : Math.min(1.0, (double) understood / read);
        return new QualitySummary(List.copyOf(new java.util.TreeSet<>(sources)), read, decoded,
                get(copy, "decode", "truncated"), errors, get(copy, "flow", "evicted"), completeness,
                java.util.Collections.unmodifiableMap(copy));
    }

    private static long get(Map<String, Map<String, Long>> t, String stage, String metric) {
        return t.getOrDefault(stage, Map.of()).getOrDefault(metric, 0L);
    }
}
