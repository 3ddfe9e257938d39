package dev.netproof.query.filter;

import dev.netproof.core.model.TcpFields;
import dev.netproof.core.model.TcpHealth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a filter, a group-by or a sort may name, mapped to trusted SQL. Only SQL from here
 * ever enters a statement's text; user values go to parameters. Immutable and thread-safe.
 *
 * <p>To add a field, add one line to {@link #standard()}, e.g.
 * {@code Field.of("tcp.resp.retransmissions", FieldType.INTEGER, "resp_retrans")}.
 */
public final class FieldRegistry {

    // Zeek's connection id fields, on the columns every table with endpoints has
    private static final Field ORIG_H = Field.address("id.orig_h", "orig_h", "orig_ip_hi", "orig_ip_lo", "orig_h6");
    private static final Field RESP_H = Field.address("id.resp_h", "resp_h", "resp_ip_hi", "resp_ip_lo", "resp_h6");
    // the transaction tables' text of the same, made on read for rows written since it was no longer stored
    private static final Field EVENT_ORIG_H = Field.address("id.orig_h", dev.netproof.store.Schema.EVENT_ORIG_H,
            "orig_ip_hi", "orig_ip_lo");
    private static final Field EVENT_RESP_H = Field.address("id.resp_h", dev.netproof.store.Schema.EVENT_RESP_H,
            "resp_ip_hi", "resp_ip_lo");
    private static final Field ORIG_P = Field.of("id.orig_p", FieldType.INTEGER, "orig_p");
    private static final Field RESP_P = Field.of("id.resp_p", FieldType.INTEGER, "resp_p");

    private static final FieldRegistry STANDARD = build();
    private static final FieldRegistry DNS = buildDns();
    private static final FieldRegistry HTTP = buildHttp();
    private static final FieldRegistry TLS = buildTls();
    private static final FieldRegistry EXPORTED = buildExported();
    private static final FieldRegistry METRICS = of(List.of(
            Field.of("ts", FieldType.TIME, "ts_ns"),
            Field.of("name", FieldType.STRING, "name"),
            Field.of("value", FieldType.FLOAT, "value"),
            Field.of("exporter", FieldType.STRING, "json_extract_string(labels, '$.exporter')"),
            Field.of("if_index", FieldType.INTEGER, "TRY_CAST(json_extract_string(labels, '$.if_index') AS BIGINT)"),
            Field.of("source", FieldType.STRING, "source")));

    private final Map<String, Field> byName;

    private FieldRegistry(Map<String, Field> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The fields of the {@code flows} table, in Zeek conn.log order, then the convenience fields. */
    public static FieldRegistry standard() {
        return STANDARD;
    }

    private static FieldRegistry build() {
        List<Field> fields = new ArrayList<>(List.of(
                Field.of("ts", FieldType.TIME, "ts_ns"),
                Field.flowUid("uid", "uid", "ts_ns"),
                ORIG_H,
                ORIG_P,
                RESP_H,
                RESP_P,
                Field.of("proto", FieldType.STRING, "proto"),
                Field.of("duration", FieldType.FLOAT, "duration"),
                Field.of("orig_bytes", FieldType.INTEGER, "orig_bytes"),
                Field.of("resp_bytes", FieldType.INTEGER, "resp_bytes"),
                Field.of("conn_state", FieldType.STRING, "conn_state"),
                Field.of("history", FieldType.STRING, "history"),
                Field.of("orig_pkts", FieldType.INTEGER, "orig_pkts"),
                Field.of("orig_ip_bytes", FieldType.INTEGER, "orig_ip_bytes"),
                Field.of("resp_pkts", FieldType.INTEGER, "resp_pkts"),
                Field.of("resp_ip_bytes", FieldType.INTEGER, "resp_ip_bytes"),
                Field.nullable("vlan", FieldType.INTEGER, "vlan"),
                Field.nullable("inner_vlan", FieldType.INTEGER, "inner_vlan"),
                Field.of("community_id", FieldType.STRING, "community_id"),
                Field.of("close_reason", FieldType.STRING, "close_reason"),
                Field.of("source", FieldType.STRING, "source"),
                Field.nullable("orig_name", FieldType.STRING, "orig_name"),
                Field.nullable("resp_name", FieldType.STRING, "resp_name"),
                Field.of("ip_proto", FieldType.INTEGER, "ip_proto"),
                Field.either("host", ORIG_H, RESP_H),
                Field.either("port", ORIG_P, RESP_P),
                Field.of("bytes", FieldType.INTEGER, "(orig_ip_bytes + resp_ip_bytes)"),
                Field.of("pkts", FieldType.INTEGER, "(orig_pkts + resp_pkts)")));
        fields.addAll(tcpFields());
        return of(fields);
    }

    /** The fields of {@code dns_events}, with Zeek dns.log's names; flags as 0/1. */
    public static FieldRegistry dns() {
        return DNS;
    }

    private static FieldRegistry buildDns() {
        return of(List.of(
                Field.of("ts", FieldType.TIME, "ts_ns"),
                Field.of("uid", FieldType.STRING, "uid"),
                EVENT_ORIG_H, ORIG_P, EVENT_RESP_H, RESP_P,
                Field.of("proto", FieldType.STRING, "proto"),
                Field.of("trans_id", FieldType.INTEGER, "trans_id"),
                Field.nullable("rtt", FieldType.FLOAT, "rtt"),
                Field.nullable("query", FieldType.STRING, "query"),
                Field.nullable("qclass", FieldType.INTEGER, "qclass"),
                Field.nullable("qtype", FieldType.INTEGER, "qtype"),
                Field.nullable("rcode", FieldType.INTEGER, "rcode"),
                Field.of("aa", FieldType.INTEGER, "aa::INTEGER"),
                Field.of("tc", FieldType.INTEGER, "tc::INTEGER"),
                Field.of("rd", FieldType.INTEGER, "rd::INTEGER"),
                Field.of("ra", FieldType.INTEGER, "ra::INTEGER"),
                Field.of("answers", FieldType.STRING, "array_to_string(answers, ',')"),
                Field.of("status", FieldType.STRING, "status"),
                Field.of("duplicates", FieldType.INTEGER, "duplicates"),
                Field.of("source", FieldType.STRING, "source"),
                Field.either("host", EVENT_ORIG_H, EVENT_RESP_H),
                Field.either("port", ORIG_P, RESP_P)));
    }

    /**
     * The fields of {@code http_events}, with Zeek http.log's names ({@code host} is the Host header
     * here, not "either endpoint"); netproof's own: {@code request_content_type},
     * {@code response_content_type}, {@code ttfb} and {@code duration} (seconds), body completeness and
     * {@code redacted} as 0/1, {@code status}.
     */
    public static FieldRegistry http() {
        return HTTP;
    }

    private static FieldRegistry buildHttp() {
        return of(List.of(
                Field.of("ts", FieldType.TIME, "ts_ns"),
                Field.of("uid", FieldType.STRING, "uid"),
                EVENT_ORIG_H, ORIG_P, EVENT_RESP_H, RESP_P,
                Field.of("trans_depth", FieldType.INTEGER, "trans_depth"),
                Field.nullable("method", FieldType.STRING, "method"),
                Field.nullable("host", FieldType.STRING, "host"),
                Field.nullable("uri", FieldType.STRING, "uri"),
                Field.nullable("referrer", FieldType.STRING, "referrer"),
                Field.of("version", FieldType.STRING, "version"),
                Field.nullable("user_agent", FieldType.STRING, "user_agent"),
                Field.of("request_body_len", FieldType.INTEGER, "request_body_len"),
                Field.of("response_body_len", FieldType.INTEGER, "response_body_len"),
                Field.nullable("status_code", FieldType.INTEGER, "status_code"),
                Field.nullable("status_msg", FieldType.STRING, "status_msg"),
                Field.nullable("info_code", FieldType.INTEGER, "info_code"),
                Field.nullable("info_msg", FieldType.STRING, "info_msg"),
                Field.nullable("request_content_type", FieldType.STRING, "request_content_type"),
                Field.nullable("response_content_type", FieldType.STRING, "response_content_type"),
                Field.nullable("ttfb", FieldType.FLOAT, "ttfb"),
                Field.nullable("duration", FieldType.FLOAT, "duration"),
                Field.of("request_body_complete", FieldType.INTEGER, "request_body_complete::INTEGER"),
                Field.of("response_body_complete", FieldType.INTEGER, "response_body_complete::INTEGER"),
                Field.of("status", FieldType.STRING, "status"),
                Field.of("redacted", FieldType.INTEGER, "redacted::INTEGER"),
                Field.of("source", FieldType.STRING, "source"),
                Field.either("port", ORIG_P, RESP_P)));
    }

    /**
     * The fields of {@code tls_events}, with Zeek ssl.log's names; {@code ja3}/{@code ja3s} are the MD5
     * hashes (as Zeek's JA3 package logs them), {@code ja4} FoxIO's fingerprint; flags as 0/1.
     */
    public static FieldRegistry tls() {
        return TLS;
    }

    private static FieldRegistry buildTls() {
        return of(List.of(
                Field.of("ts", FieldType.TIME, "ts_ns"),
                Field.of("uid", FieldType.STRING, "uid"),
                ORIG_H, ORIG_P, RESP_H, RESP_P,
                Field.nullable("version", FieldType.STRING, "version"),
                Field.nullable("cipher", FieldType.STRING, "cipher"),
                Field.nullable("curve", FieldType.STRING, "curve"),
                Field.nullable("server_name", FieldType.STRING, "server_name"),
                Field.of("resumed", FieldType.INTEGER, "resumed::INTEGER"),
                Field.nullable("last_alert", FieldType.STRING, "last_alert"),
                Field.nullable("next_protocol", FieldType.STRING, "next_protocol"),
                Field.of("established", FieldType.INTEGER, "established::INTEGER"),
                Field.nullable("ssl_history", FieldType.STRING, "ssl_history"),
                Field.nullable("client_version", FieldType.STRING, "client_version"),
                Field.of("client_alpn", FieldType.STRING, "array_to_string(client_alpn, ',')"),
                Field.of("client_ech", FieldType.INTEGER, "client_ech::INTEGER"),
                Field.nullable("ja3", FieldType.STRING, "ja3"),
                Field.nullable("ja3s", FieldType.STRING, "ja3s"),
                Field.nullable("ja4", FieldType.STRING, "ja4"),
                Field.nullable("handshake", FieldType.FLOAT, "handshake"),
                Field.nullable("cert_subject", FieldType.STRING, "cert_subject"),
                Field.nullable("cert_issuer", FieldType.STRING, "cert_issuer"),
                Field.of("cert_san", FieldType.STRING, "array_to_string(cert_san, ',')"),
                Field.nullable("error", FieldType.STRING, "error"),
                Field.of("source", FieldType.STRING, "source"),
                Field.either("host", ORIG_H, RESP_H),
                Field.either("port", ORIG_P, RESP_P)));
    }

    /**
     * The fields of {@code export_flows}: one direction, {@code src_addr}/{@code dst_addr} (CIDR filters
     * work on them), the exporter and what it exported; {@code addr}/{@code port} match either side.
     */
    public static FieldRegistry exported() {
        return EXPORTED;
    }

    /**
     * The fields of {@code metric_samples}: {@code name}, {@code value}, and the labels sFlow counters
     * carry ({@code exporter}, {@code if_index}).
     */
    public static FieldRegistry metrics() {
        return METRICS;
    }

    private static FieldRegistry buildExported() {
        Field src = Field.address("src_addr", "src_addr", "orig_ip_hi", "orig_ip_lo");
        Field dst = Field.address("dst_addr", "dst_addr", "resp_ip_hi", "resp_ip_lo");
        Field srcPort = Field.of("src_port", FieldType.INTEGER, "src_port");
        Field dstPort = Field.of("dst_port", FieldType.INTEGER, "dst_port");
        return of(List.of(
                Field.of("ts", FieldType.TIME, "ts_ns"),
                Field.nullable("end", FieldType.TIME, "end_ns"),
                Field.of("received", FieldType.TIME, "received_ns"),
                Field.of("format", FieldType.STRING, "format"),
                Field.of("exporter", FieldType.STRING, "exporter"),
                Field.of("domain", FieldType.INTEGER, "domain"),
                src, dst, srcPort, dstPort,
                Field.nullable("proto", FieldType.INTEGER, "proto"),
                Field.of("tcp_flags", FieldType.INTEGER, "tcp_flags"),
                Field.of("tos", FieldType.INTEGER, "tos"),
                Field.of("bytes", FieldType.INTEGER, "bytes"),
                Field.of("packets", FieldType.INTEGER, "packets"),
                Field.of("sampling_rate", FieldType.INTEGER, "sampling_rate"),
                Field.nullable("in_if", FieldType.INTEGER, "in_if"),
                Field.nullable("out_if", FieldType.INTEGER, "out_if"),
                Field.nullable("vlan", FieldType.INTEGER, "vlan"),
                Field.nullable("direction", FieldType.STRING, "direction"),
                Field.of("src_as", FieldType.INTEGER, "src_as"),
                Field.of("dst_as", FieldType.INTEGER, "dst_as"),
                Field.nullable("next_hop", FieldType.STRING, "next_hop"),
                Field.nullable("src_mask", FieldType.INTEGER, "src_mask"),
                Field.nullable("dst_mask", FieldType.INTEGER, "dst_mask"),
                Field.nullable("end_reason", FieldType.INTEGER, "end_reason"),
                Field.nullable("ip_version", FieldType.INTEGER, "ip_version"),
                Field.of("source", FieldType.STRING, "source"),
                Field.either("addr", src, dst),
                Field.either("port", srcPort, dstPort)));
    }

    /**
     * TCP health: {@code tcp.NAME}, {@code tcp.orig.NAME}, {@code tcp.resp.NAME} from {@link TcpFields}
     * (NULL, so never matching, for other transports); {@code tcp.health} is the class name and each
     * lifecycle bit is a 0/1 field, e.g. {@code tcp.lifecycle.rst == 1}.
     */
    private static List<Field> tcpFields() {
        List<Field> out = new ArrayList<>();
        for (TcpFields.Field<?> f : TcpFields.CONNECTION) {
            if (f.name().equals("health") || f.name().equals("lifecycle")) continue;
            out.add(Field.nullable("tcp." + f.name(), type(f.kind()), TcpFields.column(castConn(f))));
        }
        out.add(Field.nullable("tcp.health", FieldType.STRING, "tcp_health_label"));
        out.add(Field.nullable("tcp.lifecycle", FieldType.STRING, "tcp_lifecycle_labels"));
        for (TcpHealth.Lifecycle l : TcpHealth.Lifecycle.values()) {
            out.add(Field.nullable("tcp.lifecycle." + l.label(), FieldType.INTEGER,
                    "((tcp_lifecycle & " + l.bit() + ") <> 0)::INTEGER"));
        }
        for (boolean orig : new boolean[] {true, false}) {
            for (TcpFields.Field<?> f : TcpFields.DIRECTION) {
                String col = TcpFields.column(castDir(f), orig);
                out.add(Field.nullable("tcp." + (orig ? "orig." : "resp.") + f.name(), type(f.kind()),
                        f.kind() == TcpFields.Kind.BOOLEAN ? "(" + col + ")::INTEGER" : col));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static TcpFields.Field<TcpHealth> castConn(TcpFields.Field<?> f) {
        return (TcpFields.Field<TcpHealth>) f;
    }

    @SuppressWarnings("unchecked")
    private static TcpFields.Field<dev.netproof.core.model.TcpDirection> castDir(TcpFields.Field<?> f) {
        return (TcpFields.Field<dev.netproof.core.model.TcpDirection>) f;
    }

    private static FieldType type(TcpFields.Kind k) {
        return switch (k) {
            case INTEGER, BIGINT -> FieldType.INTEGER;
            case DOUBLE -> FieldType.FLOAT;
            case BOOLEAN -> FieldType.INTEGER; // as 0/1
        };
    }

    /** A registry of exactly these fields. Names must be unique. */
    public static FieldRegistry of(List<Field> fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) {
            if (m.putIfAbsent(f.name(), f) != null) throw new IllegalArgumentException("duplicate field " + f.name());
        }
        return new FieldRegistry(m);
    }

    /** This registry plus more fields (a plugin's or a test's). */
    public FieldRegistry with(Field... more) {
        List<Field> all = new ArrayList<>(byName.values());
        all.addAll(List.of(more));
        return of(all);
    }

    /** The field of that name, matched case-insensitively. */
    public Optional<Field> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Field names in registry order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** "ts, uid, id.orig_h, …" for error messages. */
    public String describe() {
        return String.join(", ", byName.keySet());
    }
}
