package dev.netproof.query.tier;

import dev.netproof.query.Metric;
import dev.netproof.query.QueryException;
import dev.netproof.query.TimeRange;
import dev.netproof.query.filter.Field;
import dev.netproof.query.filter.Filter;
import dev.netproof.store.tier.Dimension;
import dev.netproof.store.tier.TierCoverage;
import dev.netproof.store.tier.TierSpan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A top-N over a range that reaches past the hot tier: the hot part from the flows, the rest from the minute
 * and hour rollups of the dimension whose fields are exactly the {@code --by} fields. Values of a key add up
 * over the parts. A rollup part names each window's heavy hitters only, so a key's value there is a lower bound:
 * {@code bytes_error} says how many more bytes of it may sit in "other" rows (Space-Saving's bound, summed over
 * its windows). Rows: the fields, the metric, and {@code bytes_error} when bytes are ranked; the "other" rows'
 * total is not ranked but given in the note.
 */
public final class TieredTop {
    private TieredTop() {}

    /** The parts of {@code range} and their tiers (step 0: any; warm and cold parts fall on their windows). */
    public static List<TierPart> plan(Connection c, Path dataDir, TimeRange range) throws SQLException {
        return TierPlan.plan(TierCoverage.read(c, dataDir), range, 0);
    }

    /** True when the flows alone answer the whole range. */
    public static boolean hotOnly(List<TierPart> parts) {
        return parts.stream().allMatch(p -> p.tier().equals("hot"));
    }

    public static TieredAnswer run(Connection c, Path dataDir, List<Field> by, Metric metric, int limit, Filter filter,
                                   List<TierPart> parts) throws SQLException {
        List<String> names = by.stream().map(Field::name).toList();
        Map<String, List<String>> dims = RollupSource.dimensions(c);
        String dim = null;
        for (Map.Entry<String, List<String>> e : dims.entrySet()) {
            if (e.getValue().equals(names)) dim = e.getKey();
        }
        String hot = parts.stream().filter(p -> p.tier().equals("hot")).findFirst()
                .map(p -> " (flows are kept from " + TierPlan.time(p.fromNanos()) + ")").orElse(" (no flows are kept in it)");
        if (dim == null) {
            throw new QueryException("top: the range reaches past the hot tier" + hot + ", and --by " + String.join(",", names)
                    + " is not a rollup dimension, so only the flows could answer it; narrow --from to the hot range, "
                    + "or group by a dimension's fields: " + describe(dims));
        }
        if (filter != null && filter != Filter.ALL) {
            throw new QueryException("top: the range reaches past the hot tier" + hot
                    + "; rollups keep no flow fields to filter on: drop --filter or narrow --from to the hot range");
        }
        Map<String, long[]> sums = new HashMap<>();
        long other = 0;
        for (TierPart p : parts) {
            if (p.tier().equals(TierPart.NONE)) continue;
            for (Object[] r : RollupSource.read(c, dataDir, p, Long.MAX_VALUE / 4, metric.label(), dim, dims.get(dim))) {
                if (r[1] == null) {
                    other += (Long) r[2];
                    continue;
                }
                long[] s = sums.computeIfAbsent((String) r[1], k -> new long[2]);
                s[0] += (Long) r[2];
                s[1] += (Long) r[3];
            }
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(sums.entrySet());
        ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : ranked.subList(0, Math.min(limit, ranked.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            String[] keys = e.getKey().split("\\" + Dimension.SEPARATOR, -1);
            for (int i = 0; i < names.size(); i++) row.put(names.get(i), value(by.get(i), i < keys.length ? keys[i] : null));
            row.put(metric.label(), e.getValue()[0]);
            if (metric == Metric.BYTES) row.put("bytes_error", e.getValue()[1]);
            rows.add(row);
        }
        String note = TieredAnswer.note(parts, true) + ". " + metric.label() + " in 'other' rows (not ranked): " + other;
        return new TieredAnswer(rows, ranked.size() > limit, parts, note);
    }

    private static Object value(Field f, String text) {
        if (text == null || text.isEmpty()) return null;
        return switch (f.type()) {
            case INTEGER -> Long.parseLong(text);
            default -> text;
        };
    }

    private static String describe(Map<String, List<String>> dims) {
        if (dims.isEmpty()) return "(none rolled up yet)";
        List<String> out = new ArrayList<>();
        dims.forEach((k, v) -> out.add(k + "=" + String.join(",", v)));
        return String.join("; ", out);
    }
}
