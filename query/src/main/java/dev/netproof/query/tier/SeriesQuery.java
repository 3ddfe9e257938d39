package dev.netproof.query.tier;

import dev.netproof.query.Metric;
import dev.netproof.query.QueryException;
import dev.netproof.query.TimeRange;
import dev.netproof.store.tier.TierCoverage;
import dev.netproof.store.tier.TierSpan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traffic over time, {@code netproof query series --metric bytes --step 1m --from T --to T [--by DIM]}: one value
 * per step (and per key of a rollup dimension: the {@code limit} largest of each step, the rest summed in a row
 * whose key is null, "other"), each part of the range from the finest tier that holds it ({@link TierPlan}).
 * The range is widened to whole steps. Rows: {@code t} (epoch seconds of the step's start), {@code tier},
 * the dimension's name when {@code by} is set, and the metric.
 *
 * @param step  1 s, 1 min or 1 h (in nanoseconds), or a multiple of them
 * @param by    a rollup dimension's name, or null
 * @param limit keys per step with {@code by}
 */
public record SeriesQuery(Metric metric, long step, TimeRange range, String by, int limit) {
    static final long SECOND = 1_000_000_000L;

    public SeriesQuery {
        if (metric == null) metric = Metric.BYTES;
        if (range == null) range = TimeRange.ALL;
        if (step < SECOND || step % SECOND != 0) throw new QueryException("series: step must be whole seconds");
        if (limit < 1 || limit > 10_000) throw new QueryException("series: limit must be 1 to 10000");
    }

    /** {@code 1s}, {@code 1m}, {@code 1h}, {@code 5m}, {@code 1d} or plain seconds. */
    public static long parseStep(String s) {
        if (s == null || s.isBlank()) return 60 * SECOND;
        String t = s.trim();
        char u = t.charAt(t.length() - 1);
        long mult = switch (u) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> 0;
        };
        try {
            long n = mult == 0 ? Long.parseLong(t) : Long.parseLong(t.substring(0, t.length() - 1));
            if (n <= 0) throw new NumberFormatException();
            return n * (mult == 0 ? 1 : mult) * SECOND;
        } catch (NumberFormatException e) {
            throw new QueryException("series: step '" + s + "' is not like 1s, 1m, 1h");
        }
    }

    /** The answer with the tiers that gave each part. */
    public TieredAnswer run(Connection c, Path dataDir) throws SQLException {
        List<String> fields = null;
        if (by != null) {
            Map<String, List<String>> dims = RollupSource.dimensions(c);
            fields = dims.get(by);
            if (fields == null) {
                throw new QueryException("series: '" + by + "' is not a rollup dimension; known: "
                        + (dims.isEmpty() ? "(none yet)" : String.join(", ", dims.keySet()))
                        + ". A flow field that is not one can only be grouped where the flows still are: "
                        + "use 'query top --by FIELD' over the hot range");
            }
        }
        long from = range.hasFrom() ? Math.floorDiv(range.fromNanos(), step) * step : Long.MIN_VALUE;
        long to = range.hasTo() ? Math.ceilDiv(range.toNanos(), step) * step : Long.MAX_VALUE;
        List<TierSpan> spans = TierCoverage.read(c, dataDir);
        List<TierPart> parts = TierPlan.plan(spans, new TimeRange(from, to), step);
        String metricColumn = metric.label();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean limited = false;
        for (TierPart p : parts) {
            if (p.tier().equals(TierPart.NONE)) continue;
            List<Object[]> got = RollupSource.read(c, dataDir, p, step, metricColumn, by, fields);
            // per step: keys largest first, past the limit (and "other") into one null-key row
            TreeMap<Long, List<Object[]>> perStep = new TreeMap<>();
            for (Object[] r : got) perStep.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(r);
            for (Map.Entry<Long, List<Object[]>> e : perStep.entrySet()) {
                List<Object[]> keyed = e.getValue();
                long other = 0;
                boolean hasOther = false;
                if (by != null) {
                    keyed.sort(Comparator.comparingLong((Object[] r) -> -(Long) r[2]));
                    List<Object[]> kept = new ArrayList<>();
                    for (Object[] r : keyed) {
                        if (r[1] != null && kept.size() < limit) {
                            kept.add(r);
                        } else {
                            other += (Long) r[2];
                            hasOther = true;
                            if (r[1] != null) limited = true;
                        }
                    }
                    keyed = kept;
                }
                for (Object[] r : keyed) rows.add(row(e.getKey(), p.tier(), r[1], (Long) r[2]));
                if (hasOther) rows.add(row(e.getKey(), p.tier(), null, other));
            }
        }
        return new TieredAnswer(rows, limited, parts, TieredAnswer.note(parts, by != null));
    }

    private Map<String, Object> row(long t, String tier, Object key, long v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", Math.floorDiv(t, SECOND));
        m.put("tier", tier);
        if (by != null) m.put(by, key);
        m.put(metric.label(), v);
        return m;
    }
}
