package dev.netproof.store.internal;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.Schema;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table of transaction records (one per DNS exchange, HTTP request, ...) and how its rows go in:
 * the columns a {@link TableFeed} fills, and the select list of its insert (where text is cast to
 * lists). Every such table keeps the endpoints' addresses as sign-flipped halves, as
 * {@code flow_rows} does, for CIDR filters; their text columns are left NULL and the text is made on read
 * ({@code Schema.EVENT_ORIG_H}).
 */
public record EventTable<T>(String name, List<TableFeed.Column<T>> columns, String select) {
    /** Answers and TTLs go over as text and become lists in the insert ({@link ListText}). */
    public static final EventTable<DnsEvent> DNS = of("dns_events", List.of(
            TableFeed.bigint("ts_ns", DnsEvent::tsNanos),
            TableFeed.varchar("uid", DnsEvent::uid),
            TableFeed.integer("orig_p", DnsEvent::origP),
            TableFeed.integer("resp_p", DnsEvent::respP),
            TableFeed.varchar("proto", e -> e.proto().zeekName()),
            TableFeed.integer("trans_id", DnsEvent::transId),
            TableFeed.dblOrNull("rtt", e -> e.rttNanos() < 0 ? Double.NaN : e.rttNanos() / 1e9),
            TableFeed.varchar("query", DnsEvent::query),
            TableFeed.integerOrNull("qclass", DnsEvent::qclass),
            TableFeed.integerOrNull("qtype", DnsEvent::qtype),
            TableFeed.integerOrNull("rcode", DnsEvent::rcode),
            TableFeed.bool("aa", DnsEvent::authoritative),
            TableFeed.bool("tc", DnsEvent::truncated),
            TableFeed.bool("rd", DnsEvent::recursionDesired),
            TableFeed.bool("ra", DnsEvent::recursionAvailable),
            TableFeed.varchar("answers", e -> ListText.strings(e.answers())),
            TableFeed.varchar("ttls", e -> ListText.numbers(e.ttls())),
            TableFeed.varchar("status", e -> e.status().label()),
            TableFeed.integer("duplicates", DnsEvent::duplicates),
            TableFeed.varchar("source", DnsEvent::source)),
            DnsEvent::origH, DnsEvent::respH, "answers", "VARCHAR[]", "ttls", "BIGINT[]");

    public static final EventTable<HttpEvent> HTTP = of("http_events", List.of(
            TableFeed.bigint("ts_ns", HttpEvent::tsNanos),
            TableFeed.varchar("uid", HttpEvent::uid),
            TableFeed.integer("orig_p", HttpEvent::origP),
            TableFeed.integer("resp_p", HttpEvent::respP),
            TableFeed.integer("trans_depth", HttpEvent::transDepth),
            TableFeed.varchar("method", HttpEvent::method),
            TableFeed.varchar("host", HttpEvent::host),
            TableFeed.varchar("uri", HttpEvent::uri),
            TableFeed.varchar("referrer", HttpEvent::referrer),
            TableFeed.varchar("version", HttpEvent::version),
            TableFeed.varchar("user_agent", HttpEvent::userAgent),
            TableFeed.bigint("request_body_len", HttpEvent::requestBodyLen),
            TableFeed.bigint("response_body_len", HttpEvent::responseBodyLen),
            TableFeed.integerOrNull("status_code", HttpEvent::statusCode),
            TableFeed.varchar("status_msg", HttpEvent::statusMsg),
            TableFeed.integerOrNull("info_code", HttpEvent::infoCode),
            TableFeed.varchar("info_msg", HttpEvent::infoMsg),
            TableFeed.varchar("response_version", HttpEvent::responseVersion),
            TableFeed.varchar("request_content_type", HttpEvent::requestContentType),
            TableFeed.varchar("response_content_type", HttpEvent::responseContentType),
            TableFeed.dblOrNull("ttfb", e -> e.ttfbNanos() < 0 ? Double.NaN : e.ttfbNanos() / 1e9),
            TableFeed.dblOrNull("duration", e -> e.durationNanos() < 0 ? Double.NaN : e.durationNanos() / 1e9),
            TableFeed.bool("request_body_complete", HttpEvent::requestBodyComplete),
            TableFeed.bool("response_body_complete", HttpEvent::responseBodyComplete),
            TableFeed.varchar("status", e -> e.status().label()),
            TableFeed.bool("redacted", HttpEvent::redacted),
            TableFeed.varchar("source", HttpEvent::source)),
            HttpEvent::origH, HttpEvent::respH);

    /**
     * The TLS analyzer's rows as they are handed to the writer: {@link TlsWriter} splits each into
     * {@link #TLS_HANDSHAKES} and {@link #TLS_OFFERS}, which the view {@code tls_events} joins back.
     */
    public static final EventTable<TlsEvent> TLS = new EventTable<>("tls_events", List.of(), null);

    /**
     * TLS handshakes without their client's offer, which they name by id. Lists go over as text ({@link ListText});
     * the alerts as JSON objects in one text column; {@code ja3s} is the MD5 hash users search by
     * ({@link TlsEvent#ja3sHash}), beside the string it hashes.
     */
    public static final EventTable<TlsWriter.Handshake> TLS_HANDSHAKES = of("tls_handshakes", List.of(
            TableFeed.bigint("ts_ns", h -> h.e().tsNanos()),
            TableFeed.varchar("uid", h -> h.e().uid()),
            TableFeed.integer("orig_p", h -> h.e().origP()),
            TableFeed.integer("resp_p", h -> h.e().respP()),
            TableFeed.varchar("version", h -> h.e().version()),
            TableFeed.varchar("cipher", h -> h.e().cipher()),
            TableFeed.varchar("curve", h -> h.e().curve()),
            TableFeed.varchar("server_name", h -> h.e().serverName()),
            TableFeed.bool("resumed", h -> h.e().resumed()),
            TableFeed.varchar("last_alert", h -> h.e().lastAlert()),
            TableFeed.varchar("next_protocol", h -> h.e().nextProtocol()),
            TableFeed.bool("established", h -> h.e().established()),
            TableFeed.varchar("ssl_history", h -> h.e().sslHistory()),
            TableFeed.varchar("cert_chain_fps", h -> ListText.strings(h.e().certChainFps())),
            TableFeed.varchar("ja3s", h -> h.e().ja3sHash()),
            TableFeed.varchar("ja3s_string", h -> h.e().ja3s()),
            TableFeed.dblOrNull("handshake", h -> h.e().handshakeNanos() < 0 ? Double.NaN : h.e().handshakeNanos() / 1e9),
            TableFeed.varchar("cert_subject", h -> h.e().certSubject()),
            TableFeed.varchar("cert_issuer", h -> h.e().certIssuer()),
            TableFeed.varchar("cert_not_valid_before", h -> text(h.e().certNotValidBefore())),
            TableFeed.varchar("cert_not_valid_after", h -> text(h.e().certNotValidAfter())),
            TableFeed.varchar("cert_san", h -> ListText.strings(h.e().certSan())),
            TableFeed.varchar("alerts", h -> alerts(h.e().alerts())),
            TableFeed.bool("hello_whole", h -> h.e().helloWhole()),
            TableFeed.varchar("error", h -> h.e().error()),
            TableFeed.varchar("source", h -> h.e().source())),
            h -> h.e().origH(), h -> h.e().respH(), List.of(TableFeed.bigint("offer", TlsWriter.Handshake::offer)),
            "cert_chain_fps", "VARCHAR[]", "cert_san", "VARCHAR[]");

    /** Client offers, once per offer and writer ({@link TlsWriter}); {@code ja3} is the MD5 hash of {@code ja3_string}. */
    public static final EventTable<TlsWriter.Offer> TLS_OFFERS = withCasts("tls_offers", List.of(
            TableFeed.bigint("offer", TlsWriter.Offer::id),
            TableFeed.bigint("stored_ns", TlsWriter.Offer::storedNanos),
            TableFeed.varchar("client_version", o -> o.e().clientVersion()),
            TableFeed.varchar("client_supported_versions", o -> ListText.strings(o.e().clientSupportedVersions())),
            TableFeed.varchar("client_ciphers", o -> ListText.strings(o.e().clientCiphers())),
            TableFeed.varchar("client_alpn", o -> ListText.strings(o.e().clientAlpn())),
            TableFeed.varchar("client_groups", o -> ListText.strings(o.e().clientGroups())),
            TableFeed.bool("client_ech", o -> o.e().clientEch()),
            TableFeed.varchar("ja3", o -> o.e().ja3Hash()),
            TableFeed.varchar("ja3_string", o -> o.e().ja3()),
            TableFeed.varchar("ja4", o -> o.e().ja4())),
            "client_supported_versions", "VARCHAR[]", "client_ciphers", "VARCHAR[]", "client_alpn", "VARCHAR[]",
            "client_groups", "VARCHAR[]");

    /** Metric points; labels go over as a JSON object. */
    public static final EventTable<dev.netproof.core.model.Sample> SAMPLES = new EventTable<>("metric_samples", List.of(
            TableFeed.bigint("ts_ns", dev.netproof.core.model.Sample::tsNanos),
            TableFeed.varchar("name", dev.netproof.core.model.Sample::name),
            TableFeed.varchar("labels", x -> JsonText.object(x.labels())),
            TableFeed.dbl("value", dev.netproof.core.model.Sample::value),
            TableFeed.varchar("source", x -> "exporter:" + x.labels().getOrDefault("exporter", "unknown"))), null);

    /**
     * The name's hash. {@code StoreWriter} keys its pending rows by table, once per row: the record's own
     * hash went through every column (and its functions) each time, which cost the flow-export collector's
     * decoding thread about 30% of its time (JFR, bench/collect.sh). Equal tables have equal names, so the
     * contract with {@link #equals} holds; maps compare the constants by identity before calling it.
     */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The alerts as a JSON array of objects: {@code from} orig/resp, {@code level}, {@code description}, {@code encrypted}. */
    static String alerts(List<TlsEvent.Alert> alerts) {
        StringBuilder b = new StringBuilder("[");
        for (TlsEvent.Alert a : alerts) {
            if (b.length() > 1) b.append(',');
            b.append("{\"from\":\"").append(a.fromOrig() ? "orig" : "resp").append("\",\"encrypted\":").append(a.encrypted());
            if (!a.encrypted()) {
                b.append(",\"level\":");
                JsonText.quote(b, a.level());
                b.append(",\"description\":");
                JsonText.quote(b, a.description());
            }
            b.append('}');
        }
        return b.append(']').toString();
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    /**
     * The table {@code name} with {@code columns}, then the four address halves of {@code orig} and
     * {@code resp}; {@code casts} are pairs of a column and the list type its text becomes ({@link ListText}).
     */
    static <T> EventTable<T> of(String name, List<TableFeed.Column<T>> columns,
                                Function<T, dev.netproof.core.model.IpAddress> orig,
                                Function<T, dev.netproof.core.model.IpAddress> resp, String... casts) {
        return of(name, columns, orig, resp, List.of(), casts);
    }

    /** As above, with {@code after} following the address halves. */
    static <T> EventTable<T> of(String name, List<TableFeed.Column<T>> columns,
                                Function<T, dev.netproof.core.model.IpAddress> orig,
                                Function<T, dev.netproof.core.model.IpAddress> resp,
                                List<TableFeed.Column<T>> after, String... casts) {
        List<TableFeed.Column<T>> all = new java.util.ArrayList<>(columns);
        all.add(TableFeed.bigint("orig_ip_hi", e -> orig.apply(e).hi() ^ Schema.SIGN_FLIP));
        all.add(TableFeed.bigint("orig_ip_lo", e -> orig.apply(e).lo() ^ Schema.SIGN_FLIP));
        all.add(TableFeed.bigint("resp_ip_hi", e -> resp.apply(e).hi() ^ Schema.SIGN_FLIP));
        all.add(TableFeed.bigint("resp_ip_lo", e -> resp.apply(e).lo() ^ Schema.SIGN_FLIP));
        all.addAll(after);
        return withCasts(name, all, casts);
    }

    /** The table {@code name} with {@code columns}, {@code casts} as in {@link #of}. */
    static <T> EventTable<T> withCasts(String name, List<TableFeed.Column<T>> columns, String... casts) {
        java.util.Map<String, String> cast = new java.util.HashMap<>();
        for (int i = 0; i + 1 < casts.length; i += 2) cast.put(casts[i], casts[i + 1]);
        String select = columns.stream().map(TableFeed.Column::name)
                .map(n -> cast.containsKey(n) ? ListText.sql(n, cast.get(n)) : n)
                .collect(Collectors.joining(", "));
        return new EventTable<>(name, List.copyOf(columns), select);
    }
}
