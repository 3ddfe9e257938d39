package dev.netproof.server;

import dev.netproof.query.Answer;
import dev.netproof.query.DnsSummaryQuery;
import dev.netproof.query.EventKind;
import dev.netproof.query.EventSearch;
import dev.netproof.query.ExportTopQuery;
import dev.netproof.query.ExportersQuery;
import dev.netproof.query.FlowSearch;
import dev.netproof.query.Metric;
import dev.netproof.query.QualityQuery;
import dev.netproof.query.QueryException;
import dev.netproof.query.TcpHealthQuery;
import dev.netproof.query.TimeRange;
import dev.netproof.query.TopQuery;
import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.tier.SeriesQuery;
import dev.netproof.query.tier.TierPart;
import dev.netproof.query.tier.TieredAnswer;
import dev.netproof.query.tier.TieredTop;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.FilterException;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The endpoints of API version 1 and how each turns parameters into a query answer. */
final class Routes {
    static final List<String> ENDPOINTS = List.of(
            "GET /api/v1/flows?filter=EXPR&from=T&to=T&limit=N&order=asc|desc",
            "GET /api/v1/dns?filter=EXPR&from=T&to=T&limit=N",
            "GET /api/v1/http?filter=EXPR&from=T&to=T&limit=N",
            "GET /api/v1/tls?filter=EXPR&from=T&to=T&limit=N",
            "GET /api/v1/top?by=FIELD[,FIELD]&metric=bytes|packets|flows&limit=N&filter=EXPR&from=T&to=T&table=flows|exported",
            "GET /api/v1/series?metric=bytes|packets|flows&step=1s|1m|1h&from=T&to=T&by=DIM&limit=N",
            "GET /api/v1/quality?from=T&to=T&source=NAME",
            "GET /api/v1/tcp/services?from=T&to=T&service=HOST[:PORT]&limit=N",
            "GET /api/v1/tcp/health?from=T&to=T&service=HOST[:PORT]&step=SECONDS",
            "GET /api/v1/dns/summary?from=T&to=T&step=SECONDS&top=N",
            "GET /api/v1/exported?filter=EXPR&from=T&to=T&limit=N",
            "GET /api/v1/exporters",
            "GET /api/v1/metrics?filter=EXPR&from=T&to=T&limit=N",
            "GET /api/v1/pcap?uid=UID|host=IP|filter=EXPR&from=T&to=T",
            "GET /api/v1/health");

    @FunctionalInterface
    interface Handler {
        Object handle(Connection c, Params p) throws Exception;
    }

    private final Map<String, Handler> byPath = new LinkedHashMap<>();
    /** The store's directory, for the cold tier's files; null for an in-memory store. */
    private final java.nio.file.Path dataDir;

    Routes() {
        this(null);
    }

    Routes(java.nio.file.Path dataDir) {
        this.dataDir = dataDir;
        byPath.put("/api/v1/flows", this::flows);
        byPath.put("/api/v1/series", this::series);
        for (EventKind k : EventKind.values()) byPath.put("/api/v1/" + k.label(), (c, p) -> events(k, c, p));
        byPath.put("/api/v1/top", this::top);
        byPath.put("/api/v1/quality", this::quality);
        byPath.put("/api/v1/tcp/services", (c, p) -> answer(tcp(p, 100).services(c)));
        byPath.put("/api/v1/tcp/health", (c, p) -> answer(tcp(p, TcpHealthQuery.MAX_LIMIT).series(c)));
        byPath.put("/api/v1/dns/summary", this::dnsSummary);
        byPath.put("/api/v1/exporters", (c, p) -> answer(ExportersQuery.run(c)));
        byPath.put("/api/v1/health", (c, p) -> Map.of("status", "ok"));
        byPath.put("/api/v1", (c, p) -> Map.of("endpoints", ENDPOINTS));
        byPath.put("/", (c, p) -> Map.of("name", "netproof", "endpoints", ENDPOINTS));
    }

    Handler find(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return byPath.get(p);
    }

    private static TimeRange range(Params p) throws BadRequest {
        try {
            return TimeRange.parse(p.get("from"), p.get("to"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static Filter filter(Params p) throws BadRequest {
        try {
            return Filter.parse(p.get("filter") == null ? "" : p.get("filter"));
        } catch (FilterException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private Object flows(Connection c, Params p) throws Exception {
        FlowSearch q;
        try {
            q = FlowSearch.of(filter(p)).withRange(range(p)).withLimit(p.getInt("limit", FlowSearch.DEFAULT_LIMIT));
            String order = p.get("order");
            if (order != null) {
                q = q.withOrder(switch (order) {
                    case "asc" -> FlowSearch.Order.TS_ASC;
                    case "desc" -> FlowSearch.Order.TS_DESC;
                    default -> throw new BadRequest("order must be asc or desc, was '" + order + "'");
                });
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        return answer(q.run(c));
    }

    private Object dnsSummary(Connection c, Params p) throws Exception {
        DnsSummaryQuery q;
        try {
            q = DnsSummaryQuery.perMinute().withRange(range(p)).withStep(p.getInt("step", 60)).withTop(p.getInt("top", 10));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        return answer(q.run(c));
    }

    /** DNS, HTTP or TLS transactions: the same parameters for each kind. */
    private Object events(EventKind kind, Connection c, Params p) throws Exception {
        EventSearch q;
        try {
            q = EventSearch.of(kind, p.get("filter")).withRange(range(p)).withLimit(p.getInt("limit", FlowSearch.DEFAULT_LIMIT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        return answer(q.run(c));
    }

    private Object top(Connection c, Params p) throws Exception {
        String by = p.get("by");
        if (by == null) throw new BadRequest("parameter 'by' is required, e.g. by=id.orig_h");
        String table = p.get("table");
        if ("exported".equals(table)) {
            ExportTopQuery q;
            try {
                q = ExportTopQuery.by(by).withFilter(Filter.parse(p.get("filter"), FieldRegistry.exported()))
                        .withRange(range(p)).withLimit(p.getInt("limit", TopQuery.DEFAULT_LIMIT));
                if (p.get("metric") != null) q = q.withMetric(Metric.parse(p.get("metric")));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
            return answer(q.run(c));
        }
        if (table != null && !table.equals("flows")) throw new BadRequest("table must be flows or exported, was '" + table + "'");
        TopQuery q;
        try {
            q = TopQuery.by(by).withFilter(filter(p)).withRange(range(p))
                    .withLimit(p.getInt("limit", TopQuery.DEFAULT_LIMIT));
            if (p.get("metric") != null) q = q.withMetric(Metric.parse(p.get("metric")));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        List<TierPart> parts = TieredTop.plan(c, dataDir, q.range());
        if (!TieredTop.hotOnly(parts)) {
            try {
                return tiered(TieredTop.run(c, dataDir, q.by(), q.metric(), q.limit(), q.filter(), parts));
            } catch (QueryException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        Answer<?> a = q.run(c);
        Map<String, Object> m = answer(a);
        // the talker lists answer top hosts only when they prove the same rows as the flows (TopQuery)
        m.put("answered_from", TopQuery.answeredFromLists(a) ? "talker_lists" : "flows");
        return m;
    }

    /** Traffic over time from the tiers: each part of the range from the finest tier that holds it. */
    private Object series(Connection c, Params p) throws Exception {
        try {
            SeriesQuery q = new SeriesQuery(p.get("metric") == null ? Metric.BYTES : Metric.parse(p.get("metric")),
                    SeriesQuery.parseStep(p.get("step")), range(p), p.get("by"), p.getInt("limit", 10));
            return tiered(q.run(c, dataDir));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** A tiered answer: rows, and which tier answered which part of the range (times in epoch seconds). */
    private static Map<String, Object> tiered(TieredAnswer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", a.rows());
        m.put("count", a.rows().size());
        m.put("limited", a.limited());
        m.put("tiers", a.parts().stream().map(t -> Map.of("tier", t.tier(), "from", t.fromNanos() / 1e9,
                "to", t.toNanos() / 1e9)).toList());
        m.put("note", a.note());
        return m;
    }

    /** The TCP rollup query of a request: from, to, service, limit, step (seconds, whole minutes). */
    private static TcpHealthQuery tcp(Params p, int defaultLimit) throws BadRequest {
        try {
            return TcpHealthQuery.all().withRange(range(p)).withService(p.get("service"))
                    .withLimit(p.getInt("limit", defaultLimit)).withStep(p.getInt("step", 60));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private Object quality(Connection c, Params p) throws Exception {
        TimeRange r = range(p);
        List<String> sources = p.get("source") == null ? List.of() : List.of(p.get("source"));
        Answer<?> totals = QualityQuery.totals(c, r, sources);
        return answer(totals);
    }

    private static Map<String, Object> answer(Answer<?> a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", a.rows());
        m.put("count", a.rows().size());
        m.put("limited", a.limited());
        m.put("quality", a.quality());
        return m;
    }
}
