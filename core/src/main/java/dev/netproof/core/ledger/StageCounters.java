package dev.netproof.core.ledger;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-second counters of one stage for one source, cheap enough for the per-packet path.
 *
 * <p>Counters are indexed by the ordinal of the stage's metric enum. The owner calls {@link #at(long)}
 * with the capture second of each item; when the second changes, the non-zero counts of the previous
 * second go to the {@link QualitySink} as {@link QualityRow}s. Totals over the whole run are kept
 * beside them. Not thread-safe: one instance belongs to one thread. No allocation per increment.
 */
public final class StageCounters {
    private static final long NO_SECOND = Long.MIN_VALUE;

    private final String source;
    private final String stage;
    private final String[] names;
    private final long[] current;
    private final long[] totals;
    private final QualitySink sink;
    private long second = NO_SECOND;

    public <E extends Enum<E>> StageCounters(String source, String stage, Class<E> metrics, QualitySink sink) {
        this(source, stage, "", metrics, sink);
    }

    /** As the other constructor, with {@code metricPrefix} put before every metric name (e.g. {@code "error."}). */
    public <E extends Enum<E>> StageCounters(String source, String stage, String metricPrefix, Class<E> metrics,
                                             QualitySink sink) {
        this.source = source;
        this.stage = stage;
        E[] values = metrics.getEnumConstants();
        this.names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = metricPrefix + metricName(values[i]);
        }
        this.current = new long[values.length];
        this.totals = new long[values.length];
        this.sink = sink;
    }

    /** The metric's name in the ledger: the enum constant in lower case, {@code __} becoming a dot. */
    public static String metricName(Enum<?> metric) {
        return metric.name().toLowerCase(Locale.ROOT).replace("__", ".");
    }

    /** Moves the counters to {@code epochSecond}, flushing the previous second if it differs. */
    public void at(long epochSecond) {
        if (epochSecond != second) {
            flush();
            second = epochSecond;
        }
    }

    public void inc(Enum<?> metric) {
        int i = metric.ordinal();
        current[i]++;
        totals[i]++;
    }

    public void add(Enum<?> metric, long n) {
        int i = metric.ordinal();
        current[i] += n;
        totals[i] += n;
    }

    public long total(Enum<?> metric) {
        return totals[metric.ordinal()];
    }

    /** Run totals by metric name, in enum order, zeros included. */
    public java.util.Map<String, Long> totals() {
        var m = new java.util.LinkedHashMap<String, Long>();
        for (int i = 0; i < names.length; i++) m.put(names[i], totals[i]);
        return m;
    }

    public String stage() {
        return stage;
    }

    public String source() {
        return source;
    }

    /** Emits the current second's non-zero counts. Counts made before any {@link #at} go to second 0. */
    public void flush() {
        long s = second == NO_SECOND ? 0 : second;
        for (int i = 0; i < current.length; i++) {
            if (current[i] != 0) {
                sink.accept(new QualityRow(source, s, stage, names[i], current[i]));
                current[i] = 0;
            }
        }
    }

    @Override
    public String toString() {
        return stage + "@" + source + Arrays.toString(totals);
    }
}
