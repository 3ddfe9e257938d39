package dev.netproof.query;

import dev.netproof.query.filter.Column;
import dev.netproof.query.filter.Field;
import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.internal.FlowRows;
import dev.netproof.query.internal.FlowViews;
import dev.netproof.query.internal.Involved;
import dev.netproof.query.internal.TalkerTop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top groups of flows by a metric: {@code --by id.resp_h,id.resp_p --metric bytes --limit 10}.
 *
 * <p>Group keys are registry fields; only their registry SQL enters the statement. An either-side
 * field ({@code host}, {@code port}) counts each flow once for each distinct side: a flow from A to B
 * adds to A and to B, so the groups' sum can exceed the total (top talkers). At most one
 * either-side key per query. Rows hold the keys under their field names, then the metric under its
 * label, sorted by the metric descending, ties by key ascending (NULL last).
 *
 * @param by     the group keys, 1 to {@link #MAX_KEYS}
 * @param metric what to rank by
 * @param limit  1 to {@link #MAX_LIMIT} groups
 * @param filter which flows
 * @param range  capture time of the flows' first packets
 */
public record TopQuery(List<Field> by, Metric metric, int limit, Filter filter, TimeRange range) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    public static final int MAX_KEYS = 8;

    public TopQuery {
        by = List.copyOf(by);
        if (metric == null) metric = Metric.BYTES;
        if (filter == null) filter = Filter.ALL;
        if (range == null) range = TimeRange.ALL;
        check(by, metric, limit);
    }

    /** The rules every top-N follows (also {@link ExportTopQuery}): key count, no repeats, one either-side key, limit. */
    static void check(List<Field> by, Metric metric, int limit) {
        if (by.isEmpty() || by.size() > MAX_KEYS) {
            throw new QueryException("top: --by needs 1 to " + MAX_KEYS + " fields, got " + by.size());
        }
        Set<String> names = new HashSet<>();
        int either = 0;
        for (Field f : by) {
            if (!names.add(f.name())) throw new QueryException("top: field '" + f.name() + "' given twice in --by");
            if (f.name().equals(metric.label())) {
                throw new QueryException("top: '" + f.name() + "' is the metric; group by another field");
            }
            if (f.isEither()) either++;
        }
        if (either > 1) {
            throw new QueryException("top: at most one either-side field (host, port) in --by; use id.orig_h/id.resp_h"
                    + " and id.orig_p/id.resp_p to pair sides");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException("top: limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Group by comma-separated standard field names, bytes, default limit, all flows. */
    public static TopQuery by(String fields) {
        return by(fields, FieldRegistry.standard());
    }

    /**
     * Group by comma-separated names from {@code registry}.
     *
     * @throws QueryException for an unknown name, listing the known ones
     */
    public static TopQuery by(String fields, FieldRegistry registry) {
        List<Field> keys = new ArrayList<>();
        for (String name : (fields == null ? "" : fields).split(",", -1)) {
            String n = name.trim();
            if (n.isEmpty()) throw new QueryException("top: empty field name in --by '" + fields + "'");
            keys.add(registry.find(n).orElseThrow(() -> new QueryException(
                    "top: unknown field '" + n + "' in --by; known fields: " + registry.describe())));
        }
        return new TopQuery(keys, Metric.BYTES, DEFAULT_LIMIT, Filter.ALL, TimeRange.ALL);
    }

    public TopQuery withMetric(Metric m) {
        return new TopQuery(by, m, limit, filter, range);
    }

    public TopQuery withLimit(int n) {
        return new TopQuery(by, metric, n, filter, range);
    }

    public TopQuery withFilter(Filter f) {
        return new TopQuery(by, metric, limit, f, range);
    }

    public TopQuery withRange(TimeRange r) {
        return new TopQuery(by, metric, limit, filter, r);
    }

    public SqlFragment where() {
        return SqlFragment.and(filter.toSql(), range.toSql("ts_ns"));
    }

    /** The statement; one group past the limit is fetched to tell whether the answer was cut. */
    public SqlFragment sql() {
        SqlFragment where = where();
        StringBuilder trusted = new StringBuilder(metric.perFlowSql());
        for (Field f : by) f.columns().forEach(c -> trusted.append(' ').append(c.sql()));
        String relation = FlowViews.forSql(trusted + " " + where.sql());
        if (by.stream().anyMatch(TopQuery::groupsByNumbers)) return groupedByNumbers(relation, where);
        return grouped(by, metric.perFlowSql() + " AS v", relation, where, "CAST(sum(v) AS BIGINT) AS m", limit);
    }

    /** An address key whose text the store makes from its numbers: grouped by the numbers instead. */
    private static boolean groupsByNumbers(Field f) {
        return f.columns().stream().allMatch(c -> c instanceof Column.Address a && a.textFromNumbers());
    }

    /**
     * As {@link #grouped}, but address keys ({@link #groupsByNumbers}) are grouped by their two numbers and
     * their stored IPv6 text, and the IPv4 text is made for the answer's rows only: making the text of every
     * row cost three times the grouping itself over 10 M flows (7.9 s against 2.4 s, machine under load).
     * Ties are broken by the numbers, which order addresses as their values do.
     */
    private SqlFragment groupedByNumbers(String relation, SqlFragment where) {
        StringBuilder inner = new StringBuilder("SELECT ");
        List<String> groupCols = new ArrayList<>();
        StringBuilder outer = new StringBuilder("SELECT ");
        List<String> carried = new ArrayList<>();
        for (int i = 0; i < by.size(); i++) {
            Field f = by.get(i);
            String k = "k" + i;
            if (groupsByNumbers(f)) {
                Column.Address a = (Column.Address) f.columns().get(0);
                if (f.isEither()) {
                    Column.Address b = (Column.Address) f.columns().get(1);
                    String same = "(" + a.hi() + " = " + b.hi() + " AND " + a.lo() + " = " + b.lo() + ")";
                    // the three lists unnest side by side: one row per distinct side, as keySql does for text
                    inner.append(pair(same, a.hi(), b.hi())).append(" AS ").append(k).append("h, ")
                            .append(pair(same, a.lo(), b.lo())).append(" AS ").append(k).append("l, ")
                            .append(pair(same, a.v6Text(), b.v6Text())).append(" AS ").append(k).append("s, ");
                } else {
                    inner.append(a.hi()).append(" AS ").append(k).append("h, ").append(a.lo()).append(" AS ").append(k)
                            .append("l, ").append(a.v6Text()).append(" AS ").append(k).append("s, ");
                }
                groupCols.add(k + "h");
                groupCols.add(k + "l");
                // the numbers decide the IPv6 text, so it is carried, not grouped by (a quarter of the time)
                carried.add("any_value(" + k + "s) AS " + k + "s");
                outer.append("coalesce(").append(k).append("s, np_ip_text(").append(k).append("h, ").append(k).append("l)")
                        .append(") AS ").append(k).append(", ");
            } else {
                inner.append(keySql(f)).append(" AS ").append(k).append(", ");
                groupCols.add(k);
                outer.append(k).append(", ");
            }
        }
        inner.append(metric.perFlowSql()).append(" AS v FROM ").append(relation).append(" WHERE");
        SqlFragment sub = SqlFragment.of(inner.toString()).append(where);
        String keys = String.join(", ", groupCols);
        String order = "m DESC, " + groupCols.stream().map(c -> c + " ASC NULLS LAST").collect(java.util.stream.Collectors.joining(", "));
        String carry = carried.isEmpty() ? "" : String.join(", ", carried) + ", ";
        return new SqlFragment(outer + "m FROM (SELECT " + keys + ", " + carry + "CAST(sum(v) AS BIGINT) AS m FROM (" + sub.sql() + ")",
                sub.params()).append(SqlFragment.of("GROUP BY " + keys + " ORDER BY " + order + " LIMIT ?) ORDER BY " + order,
                (long) limit + 1));
    }

    private static String pair(String same, String a, String b) {
        return "unnest(CASE WHEN " + same + " THEN [" + a + "] ELSE [" + a + ", " + b + "] END)";
    }

    /**
     * A top-N statement: {@code by}'s keys as {@code k0, k1...} and {@code perRow} (trusted SQL) from the
     * rows of {@code table} matching {@code where}, grouped by the keys with {@code aggregates} (trusted SQL
     * that defines the ranking column {@code m}), largest {@code m} first, ties by key; one group past
     * {@code limit}, to tell whether the answer was cut.
     */
    static SqlFragment grouped(List<Field> by, String perRow, String table, SqlFragment where, String aggregates, int limit) {
        StringBuilder inner = new StringBuilder("SELECT ");
        StringBuilder keys = new StringBuilder();
        StringBuilder order = new StringBuilder("m DESC");
        for (int i = 0; i < by.size(); i++) {
            inner.append(keySql(by.get(i))).append(" AS k").append(i).append(", ");
            keys.append("k").append(i).append(", ");
            order.append(", k").append(i).append(" ASC NULLS LAST");
        }
        inner.append(perRow).append(" FROM ").append(table).append(" WHERE");
        SqlFragment sub = SqlFragment.of(inner.toString()).append(where);
        return new SqlFragment("SELECT " + keys + aggregates + " FROM (" + sub.sql() + ")", sub.params())
                .append(SqlFragment.of("GROUP BY " + keys.substring(0, keys.length() - 2)
                        + " ORDER BY " + order + " LIMIT ?", (long) limit + 1));
    }

    static String keySql(Field f) {
        if (!f.isEither()) return f.columns().get(0).sql();
        String a = f.columns().get(0).sql();
        String b = f.columns().get(1).sql();
        return "unnest(CASE WHEN " + a + " IS NOT DISTINCT FROM " + b + " THEN [" + a + "] ELSE [" + a + ", " + b + "] END)";
    }

    public Answer<Map<String, Object>> run(Connection c) throws SQLException {
        Answer<Map<String, Object>> listed = fromTalkers(c);
        return listed != null ? listed : runOverFlows(c);
    }

    /** True when {@code a} came from the talker lists rather than from grouping the flows. */
    public static boolean answeredFromLists(Answer<?> a) {
        return TalkerTop.answeredFromLists(a.sql());
    }

    /** The answer from grouping every matching flow, never from the talker lists (what those must agree with). */
    public Answer<Map<String, Object>> runOverFlows(Connection c) throws SQLException {
        SqlFragment q = sql();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean limited = false;
        try (PreparedStatement ps = QualityQuery.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rows.size() == limit) {
                    limited = true;
                    break;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < by.size(); i++) row.put(by.get(i).name(), key(rs, i + 1, by.get(i)));
                row.put(metric.label(), rs.getLong(by.size() + 1));
                rows.add(java.util.Collections.unmodifiableMap(row));
            }
        }
        QualitySummary quality = QualityQuery.summary(c, range, filter.equals(Filter.ALL)
                ? Involved.sourcesInRange(c, range.toSql("ts_ns")) : Involved.sources(c, where()));
        return new Answer<>(rows, limited, quality, q.sql(), q.params());
    }

    /**
     * Top hosts without a filter are answered from the talker lists when they can prove the answer
     * ({@link TalkerTop}): the same rows as grouping every flow, from thousands of rows instead of all of them.
     */
    private Answer<Map<String, Object>> fromTalkers(Connection c) throws SQLException {
        if (!filter.equals(Filter.ALL) || by.size() != 1) return null;
        TalkerTop.Sides sides = switch (by.get(0).name()) {
            case "id.orig_h" -> TalkerTop.Sides.ORIGINATOR;
            case "id.resp_h" -> TalkerTop.Sides.RESPONDER;
            case "host" -> TalkerTop.Sides.EITHER;
            default -> null;
        };
        if (sides == null) return null;
        TalkerTop.Result r = TalkerTop.run(c, range.fromNanos(), range.toNanos(), sides, metric.label(), limit);
        if (r == null) return null;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < r.hosts().size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(by.get(0).name(), r.hosts().get(i));
            row.put(metric.label(), r.values().get(i));
            rows.add(java.util.Collections.unmodifiableMap(row));
        }
        return new Answer<>(rows, r.limited(), QualityQuery.summary(c, range, r.sources()), r.sql(), List.of());
    }

    static Object key(ResultSet rs, int col, Field f) throws SQLException {
        Object v = switch (f.type()) {
            case STRING, ADDRESS -> rs.getString(col);
            case INTEGER -> rs.getLong(col);
            case FLOAT -> rs.getDouble(col);
            case TIME -> FlowRows.seconds(rs.getLong(col));
        };
        return rs.wasNull() ? null : v;
    }
}
