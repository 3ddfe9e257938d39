package dev.netproof.app.cli;

import dev.netproof.app.Main;
import dev.netproof.query.Answer;
import dev.netproof.query.DnsSummaryQuery;
import dev.netproof.query.EventKind;
import dev.netproof.query.EventSearch;
import dev.netproof.query.FlowSearch;
import dev.netproof.query.Metric;
import dev.netproof.query.QualityQuery;
import dev.netproof.query.QualitySummary;
import dev.netproof.query.QualityTotal;
import dev.netproof.query.QueryException;
import dev.netproof.query.Streamed;
import dev.netproof.query.TimeRange;
import dev.netproof.query.TcpHealthQuery;
import dev.netproof.query.TopQuery;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.FilterException;
import dev.netproof.query.format.Json;
import dev.netproof.query.format.JsonLines;
import dev.netproof.query.format.TableFormatter;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netproof query flows|top|quality}: answers from the store as a table or JSON. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Ask the store: flows, DNS, HTTP and TLS transactions, top talkers, TCP health, data quality.",
        subcommands = {QueryCommand.Flows.class, QueryCommand.Dns.class, QueryCommand.Http.class, QueryCommand.Tls.class, QueryCommand.Exported.class, QueryCommand.Metrics.class, QueryCommand.DnsSummary.class, QueryCommand.Top.class, QueryCommand.Series.class, QueryCommand.Quality.class,
                QueryCommand.TcpServices.class, QueryCommand.TcpHealth.class})
public final class QueryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every query takes. */
    static final class Common {
        @Mixin DataOption data;

        @Option(names = "--filter", paramLabel = "EXPR", defaultValue = "",
                description = "Filter expression, e.g. \"id.orig_h in 10.0.0.0/8 and proto == tcp\" (see README).")
        String filter;

        @Option(names = "--from", paramLabel = "TIME", description = "Start of the time range (RFC 3339 or epoch seconds).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End of the time range (exclusive).")
        String to;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FMT",
                description = "table or json (JSON lines; default: ${DEFAULT-VALUE}).")
        String format;

        boolean json() {
            return isJson(format);
        }

        Filter parsedFilter() {
            try {
                return Filter.parse(filter);
            } catch (FilterException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
        }

        TimeRange range() {
            try {
                return TimeRange.parse(from, to);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
        }
    }

    /** {@code --format}: true for json, false for table, a usage error otherwise. */
    static boolean isJson(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json", "jsonl" -> true;
            case "table" -> false;
            default -> throw new UserError("--format must be table or json", Main.USAGE);
        };
    }

    static void printQuality(PrintStream out, QualitySummary q) {
        out.printf(Locale.ROOT, "-- quality: completeness %.4f, packets read %d, decoded %d, truncated %d, "
                        + "decode errors %d, flows evicted %d%n",
                q.completeness(), q.packetsRead(), q.packetsDecoded(), q.packetsTruncated(), q.decodeErrors(),
                q.flowsEvicted());
        Map<String, Long> export = q.totals().get("export");
        if (export != null) {
            // flow exports: what the exporters' sequence numbers say never arrived
            out.printf(Locale.ROOT, "-- exports: %d datagrams, lost %d datagrams and %d records by sequence, %d duplicates, "
                            + "%d reordered, %d exporter restarts, %d unverifiable%n",
                    export.getOrDefault("datagrams", 0L), export.getOrDefault("lost.datagrams", 0L),
                    export.getOrDefault("lost.records", 0L), export.getOrDefault("duplicates", 0L),
                    export.getOrDefault("reordered", 0L), export.getOrDefault("resets", 0L),
                    export.getOrDefault("unverifiable", 0L));
        }
    }

    /** An answer as a table, its row count (and whether it was cut) and its quality. */
    static void printTable(PrintStream out, List<String> columns, Answer<Map<String, Object>> a, String noun) {
        out.print(TableFormatter.format(columns, a.rows()));
        out.println("-- " + a.rows().size() + " " + noun + (a.limited() ? " (limited; raise --limit)" : ""));
        printQuality(out, a.quality());
    }

    @Command(name = "flows", mixinStandardHelpOptions = true, description = "Flows matching a filter, oldest first.")
    static final class Flows implements Callable<Integer> {
        @Mixin Common common;

        @Option(names = "--limit", defaultValue = "100", description = "Most rows to print; 0 for all (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            boolean json = common.json();
            FlowSearch q;
            try {
                q = FlowSearch.of(common.parsedFilter()).withRange(common.range())
                        .withLimit(limit == 0 ? FlowSearch.UNLIMITED : limit);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
            PrintStream out = System.out;
            try (Store store = common.data.open(false); Connection c = store.connect()) {
                if (json) {
                    PrintWriter w = new PrintWriter(out, false);
                    Streamed s = q.stream(c, row -> JsonLines.write(w, row));
                    w.flush();
                    if (s.limited()) System.err.println("netproof: more rows match; raise --limit (0 for all)");
                } else {
                    printTable(out, TABLE_COLUMNS, q.run(c), "flows");
                }
                return 0;
            } catch (StoreException | SQLException | IOException e) {
                throw new UserError(e.getMessage());
            }
        }

        static final List<String> TABLE_COLUMNS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h",
                "id.resp_p", "proto", "duration", "orig_bytes", "resp_bytes", "conn_state", "history", "orig_pkts",
                "resp_pkts", "vlan");
    }

    /** Transaction records of one kind (DNS, HTTP, TLS): the same options and output for each. */
    abstract static class Events implements Callable<Integer> {
        @Mixin Common common;

        @Option(names = "--limit", defaultValue = "100", description = "Most rows to print (default: ${DEFAULT-VALUE}).")
        int limit;

        private final EventKind kind;
        /** Columns of the table format. */
        private final List<String> tableColumns;

        Events(EventKind kind, List<String> tableColumns) {
            this.kind = kind;
            this.tableColumns = tableColumns;
        }

        @Override
        public Integer call() throws Exception {
            EventSearch q;
            try {
                q = EventSearch.of(kind, common.filter).withRange(common.range()).withLimit(limit);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
            PrintStream out = System.out;
            try (Store store = common.data.open(false); Connection c = store.connect()) {
                Answer<Map<String, Object>> a = q.run(c);
                if (common.json()) {
                    PrintWriter w = new PrintWriter(out, false);
                    for (Map<String, Object> row : a.rows()) JsonLines.write(w, row);
                    w.flush();
                    if (a.limited()) System.err.println("netproof: more rows match; raise --limit");
                } else {
                    printTable(out, tableColumns, a, kind.title());
                }
                return 0;
            } catch (StoreException | SQLException | IOException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    @Command(name = "dns", mixinStandardHelpOptions = true,
            description = "DNS transactions matching a filter over Zeek dns.log's fields (query, qtype, rcode, id.orig_h, ...), oldest first.")
    static final class Dns extends Events {
        Dns() {
            super(EventKind.DNS, List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "trans_id", "rtt",
                    "query", "qtype", "rcode", "answers", "status"));
        }
    }

    @Command(name = "http", mixinStandardHelpOptions = true,
            description = "HTTP/1.x requests and responses matching a filter over Zeek http.log's fields (method, host, uri, "
                    + "status_code, user_agent, id.resp_h, ...) and ttfb/duration, oldest first.")
    static final class Http extends Events {
        Http() {
            super(EventKind.HTTP, List.of("ts", "uid", "id.orig_h", "id.resp_h", "id.resp_p", "trans_depth", "method", "host",
                    "uri", "status_code", "response_body_len", "ttfb", "status"));
        }
    }

    @Command(name = "tls", mixinStandardHelpOptions = true,
            description = "TLS handshakes matching a filter over Zeek ssl.log's fields (server_name, version, cipher, "
                    + "established, ...), ja3, ja3s and ja4, oldest first.")
    static final class Tls extends Events {
        Tls() {
            super(EventKind.TLS, List.of("ts", "uid", "id.orig_h", "id.resp_h", "id.resp_p", "version", "cipher",
                    "server_name", "next_protocol", "established", "ja4", "last_alert"));
        }
    }

    @Command(name = "exported", mixinStandardHelpOptions = true,
            description = "Flow records collected from NetFlow v5/v9, IPFIX and sFlow exporters, matching a filter over "
                    + "their fields (src_addr, dst_addr, dst_port, proto, exporter, in_if, src_as, ...), oldest first. Counts "
                    + "are as exported; scaled_bytes/scaled_packets multiply them by the sampling rate.")
    static final class Exported extends Events {
        Exported() {
            super(EventKind.EXPORTED, List.of("ts", "format", "exporter", "src_addr", "src_port", "dst_addr", "dst_port",
                    "proto", "bytes", "packets", "sampling_rate", "in_if", "out_if"));
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "Metric points (sFlow agents' interface counters: if_in_octets, if_out_errors, ...) matching a "
                    + "filter over name, value, exporter, if_index, oldest first. Counters are cumulative, as sent.")
    static final class Metrics extends Events {
        Metrics() {
            super(EventKind.METRICS, List.of("ts", "name", "labels", "value"));
        }
    }

    @Command(name = "top", mixinStandardHelpOptions = true, description = "Top-N groups by bytes, packets or flows.")
    static final class Top implements Callable<Integer> {
        @Mixin Common common;

        @Option(names = "--by", required = true, paramLabel = "FIELD[,FIELD]",
                description = "Group by these fields, e.g. id.orig_h or id.resp_h,id.resp_p.")
        String by;

        @Option(names = "--metric", defaultValue = "bytes", description = "bytes, packets or flows (default: ${DEFAULT-VALUE}).")
        String metric;

        @Option(names = "--limit", defaultValue = "10", description = "Number of groups (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--exported", negatable = false,
                description = "Rank exported flow records (NetFlow, IPFIX, sFlow) instead of flows, with the fields of "
                        + "'query exported' (src_addr, dst_port, exporter, in_if, ...); sampled counts are scaled up by "
                        + "each record's sampling rate, and each row says by how much.")
        boolean exported;

        @Override
        public Integer call() throws Exception {
            boolean json = common.json();
            dev.netproof.query.ExportTopQuery xq = null;
            TopQuery q = null;
            try {
                if (exported) {
                    xq = dev.netproof.query.ExportTopQuery.by(by).withMetric(Metric.parse(metric)).withLimit(limit)
                            .withFilter(dev.netproof.query.filter.Filter.parse(common.filter,
                                    dev.netproof.query.filter.FieldRegistry.exported()))
                            .withRange(common.range());
                } else {
                    q = TopQuery.by(by).withMetric(Metric.parse(metric)).withLimit(limit)
                            .withFilter(common.parsedFilter()).withRange(common.range());
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
            try (Store store = common.data.open(false); Connection c = store.connect()) {
                if (!exported) {
                    // past the hot tier, the minute and hour rollups answer (TieredTop)
                    var parts = dev.netproof.query.tier.TieredTop.plan(c, store.dir(), q.range());
                    if (!dev.netproof.query.tier.TieredTop.hotOnly(parts)) {
                        printTiered(dev.netproof.query.tier.TieredTop.run(c, store.dir(), q.by(), q.metric(), limit,
                                q.filter(), parts), json);
                        return 0;
                    }
                }
                Answer<Map<String, Object>> a = exported ? xq.run(c) : q.run(c);
                PrintStream out = System.out;
                if (json) {
                    StringBuilder sb = new StringBuilder();
                    JsonLines.writeAll(sb, a.rows());
                    out.print(sb);
                } else {
                    out.print(TableFormatter.format(a.rows()));
                    printQuality(out, a.quality());
                    if (!exported && TopQuery.answeredFromLists(a)) {
                        out.println("-- from the talker lists: exact totals, proven to be the top (docs/internals.md, \"Top talkers\")");
                    }
                }
                return 0;
            } catch (StoreException | SQLException | IOException e) {
                throw new UserError(e.getMessage());
            } catch (dev.netproof.query.QueryException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** A tiered answer: rows (table or JSON lines), then which tier answered which part (stderr for JSON). */
    static void printTiered(dev.netproof.query.tier.TieredAnswer a, boolean json) throws IOException {
        PrintStream out = System.out;
        if (json) {
            StringBuilder sb = new StringBuilder();
            JsonLines.writeAll(sb, a.rows());
            out.print(sb);
            System.err.println("netproof: " + a.note());
        } else {
            out.print(TableFormatter.format(a.rows()));
            out.println("-- " + a.rows().size() + " rows" + (a.limited() ? " (limited; raise --limit)" : ""));
            out.println("-- " + a.note());
        }
    }

    @Command(name = "series", mixinStandardHelpOptions = true,
            description = {"Traffic over time from the finest tier that holds each part of the range: hot (1-s series, "
                    + "flows), warm (1-min rollups), cold (1-h Parquet files). Each row says its tier.",
                    "--by groups by a rollup dimension (--rollup of ingest; default src, dst, service, proto)."})
    static final class Series implements Callable<Integer> {
        @Mixin DataOption data;

        @Option(names = "--metric", defaultValue = "bytes", description = "bytes, packets or flows (default: ${DEFAULT-VALUE}).")
        String metric;

        @Option(names = "--step", defaultValue = "1m", description = "1s, 1m, 1h or a multiple (default: ${DEFAULT-VALUE}).")
        String step;

        @Option(names = "--from", paramLabel = "TIME", description = "Start of the time range (RFC 3339 or epoch seconds).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End of the time range (exclusive).")
        String to;

        @Option(names = "--by", paramLabel = "DIM", description = "A rollup dimension's name, e.g. dst or service.")
        String by;

        @Option(names = "--limit", defaultValue = "10", description = "Keys per step with --by; the rest is one 'other' "
                + "row (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FMT", description = "table or json (JSON lines).")
        String format;

        @Override
        public Integer call() throws Exception {
            boolean json = isJson(format);
            dev.netproof.query.tier.SeriesQuery q;
            try {
                q = new dev.netproof.query.tier.SeriesQuery(Metric.parse(metric),
                        dev.netproof.query.tier.SeriesQuery.parseStep(step), TimeRange.parse(from, to), by, limit);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
            try (Store store = data.open(false); Connection c = store.connect()) {
                printTiered(q.run(c, store.dir()), json);
                return 0;
            } catch (StoreException | SQLException | IOException | dev.netproof.query.QueryException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** Options of the TCP rollup queries. */
    static final class TcpOptions {
        @Mixin DataOption data;

        @Option(names = "--from", paramLabel = "TIME", description = "Start of the time range (RFC 3339 or epoch seconds; whole minutes).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End of the time range (exclusive).")
        String to;

        @Option(names = "--service", paramLabel = "HOST[:PORT]", description = "Only this server (id.resp_h), and port if given.")
        String service;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FMT", description = "table or json (default: ${DEFAULT-VALUE}).")
        String format;

        TcpHealthQuery query(int limit, long step) {
            try {
                return TcpHealthQuery.all().withRange(TimeRange.parse(from, to)).withService(service).withLimit(limit).withStep(step);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
        }

        /** Opens the store, runs {@code query} and prints its answer. */
        int run(QueryRun query) throws IOException {
            boolean json = isJson(format);
            Answer<Map<String, Object>> a;
            try (Store store = data.open(false); Connection c = store.connect()) {
                a = query.run(c);
            } catch (StoreException | SQLException e) {
                throw new UserError(e.getMessage());
            }
            PrintStream out = System.out;
            if (json) {
                StringBuilder sb = new StringBuilder();
                JsonLines.writeAll(sb, a.rows());
                out.print(sb);
            } else {
                out.print(TableFormatter.format(a.rows().stream().map(QueryCommand::flat).toList()));
                printQuality(out, a.quality());
            }
            return 0;
        }
    }

    @FunctionalInterface
    interface QueryRun {
        Answer<Map<String, Object>> run(Connection c) throws SQLException;
    }

    /** A rollup row for a table: the percentile objects become columns ({@code rtt_us.p99}). */
    static Map<String, Object> flat(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (v instanceof Map<?, ?> inner) inner.forEach((ik, iv) -> m.put(k + "." + ik, iv));
            else if (v instanceof Double d) m.put(k, String.format(Locale.ROOT, "%.4f", d));
            else m.put(k, v);
        });
        return m;
    }

    @Command(name = "tcp-services", mixinStandardHelpOptions = true,
            description = "TCP health per service (server address and port): connections by health class, "
                    + "retransmission rate, zero windows, handshake RTT and RTT percentiles. Busiest first.")
    static final class TcpServices implements Callable<Integer> {
        @Mixin TcpOptions tcp;

        @Option(names = "--limit", defaultValue = "20", description = "Number of services (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            return tcp.run(tcp.query(limit, 60)::services);
        }
    }

    @Command(name = "tcp-health", mixinStandardHelpOptions = true,
            description = "TCP health over time, all services together (or --service): one row per step.")
    static final class TcpHealth implements Callable<Integer> {
        @Mixin TcpOptions tcp;

        @Option(names = "--step", defaultValue = "60", paramLabel = "SECONDS",
                description = "Row width, whole minutes (60, 3600, ...; default: ${DEFAULT-VALUE}).")
        long step;

        @Override
        public Integer call() throws Exception {
            return tcp.run(tcp.query(TcpHealthQuery.MAX_LIMIT, step)::series);
        }
    }

    @Command(name = "dns-summary", mixinStandardHelpOptions = true,
            description = "DNS over time from the per-minute rollup: transactions by outcome and response code, NXDOMAIN "
                    + "rate, response-time percentiles and the most queried names, one row per step.")
    static final class DnsSummary implements Callable<Integer> {
        @Mixin DataOption data;

        @Option(names = "--from", paramLabel = "TIME", description = "Start of the time range (RFC 3339 or epoch seconds; whole minutes).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End of the time range (exclusive).")
        String to;

        @Option(names = "--step", defaultValue = "60", paramLabel = "SECONDS",
                description = "Row width, whole minutes (60, 3600, ...; default: ${DEFAULT-VALUE}).")
        long step;

        @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "Most queried names per row (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FMT", description = "table or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws Exception {
            DnsSummaryQuery q;
            try {
                q = DnsSummaryQuery.perMinute().withRange(TimeRange.parse(from, to)).withStep(step).withTop(top);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Main.USAGE);
            }
            Answer<Map<String, Object>> a;
            try (Store store = data.open(false); Connection c = store.connect()) {
                a = q.run(c);
            } catch (StoreException | SQLException e) {
                throw new UserError(e.getMessage());
            }
            PrintStream out = System.out;
            if (isJson(format)) {
                StringBuilder sb = new StringBuilder();
                JsonLines.writeAll(sb, a.rows());
                out.print(sb);
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Map<String, Object> r : a.rows()) {
                    Map<String, Object> m = new LinkedHashMap<>(r);
                    Object names = m.remove("top_names");
                    Map<String, Object> f = flat(m);
                    if (names instanceof List<?> l) {
                        f.put("top_names", String.join(", ", l.stream().map(o -> (Map<?, ?>) o)
                                .map(n -> (n.get("query") == null ? "(other)" : n.get("query")) + " " + n.get("transactions")).toList()));
                    }
                    rows.add(f);
                }
                out.print(TableFormatter.format(rows));
                printQuality(out, a.quality());
            }
            return 0;
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "The quality ledger: what each stage read, decoded, dropped and why, per source.")
    static final class Quality implements Callable<Integer> {
        @Mixin Common common;

        @Override
        public Integer call() throws Exception {
            boolean json = common.json();
            try (Store store = common.data.open(false); Connection c = store.connect()) {
                Answer<QualityTotal> a = QualityQuery.totals(c, common.range(), List.of());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (QualityTotal t : a.rows()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("source", t.source());
                    m.put("stage", t.stage());
                    m.put("metric", t.metric());
                    m.put("value", t.value());
                    rows.add(m);
                }
                PrintStream out = System.out;
                if (json) {
                    out.println(Json.write(Map.of("rows", rows, "quality", a.quality())));
                } else {
                    out.print(TableFormatter.format(rows));
                    printQuality(out, a.quality());
                }
                return 0;
            } catch (StoreException | SQLException e) {
                throw new UserError(e.getMessage());
            }
        }
    }
}
