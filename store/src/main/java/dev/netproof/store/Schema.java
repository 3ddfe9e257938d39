package dev.netproof.store;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.TcpFields;
import dev.netproof.core.model.TcpHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DuckDB tables of the embedded store.
 *
 * <h2>flows (a view) over flow_rows (the table)</h2> Readers query the view {@code flows}: one row
 * per {@code Flow}, column names Zeek's conn.log names with {@code id.} dropped. The table behind it,
 * {@code flow_rows}, stores what the view derives as numbers: protocol name, {@code conn_state} and
 * close reason as small codes, the source as an id into {@code sources}, and IPv4 addresses only
 * as numbers (their text is made on read, IPv6 too: {@code np_ip_text} in {@link DerivedColumns};
 * {@code orig_h6}/{@code resp_h6} hold IPv6 text only in rows written before that, NULL otherwise), and neither {@code uid} nor {@code community_id}: the view makes them from the start time, a
 * 32-bit key hash and the addresses, ports and protocol ({@link DerivedColumns}); the key hash itself is made
 * from the row too ({@code uid_key} is NULL then, see {@link #FLOW_ROW_NUMBERS}). Why: DuckDB's Java appender costs about half a microsecond per string value against a
 * tenth for a number, and strings were most of the store's time per flow.
 *
 * <p>Addresses are also kept as two BIGINT halves ({@code orig_ip_hi}, {@code orig_ip_lo}) of the
 * 128-bit address (IPv4 mapped to {@code ::ffff:0:0/96}) with the sign bit flipped
 * ({@code stored = unsigned ^ 0x8000000000000000}) so that signed SQL ordering equals unsigned
 * address ordering and a CIDR block is a range on those columns (the views' columns: the table keeps the low
 * half in two 32-bit parts, {@link #FLOW_ROW_NUMBERS}). {@code vlan}/{@code inner_vlan}
 * are NULL when the packet had no tag.
 *
 * <p>TCP health: the view has one column per {@link TcpFields} field, {@code tcp_*} for the
 * connection and {@code tcp_o_*}/{@code tcp_r_*} per direction, all NULL for other transports, plus
 * {@code tcp_health_label} and the lifecycle's labels ({@code tcp_lifecycle_labels}). They are
 * stored packed ({@link TcpColumns}) in {@code tcp_rows}, one row per TCP flow that has them, joined
 * on uid key, start and source: DuckDB charges for every column of every appended row, NULL or not, so
 * UDP/ICMP flows and ingests without TCP analysis do not carry TCP columns at all.
 *
 * <h2>quality</h2> The ledger: counts per source, capture second, stage and metric. Several rows
 * may share a key (one per flushed batch); readers sum them.
 *
 * <h2>tcp_service_minutes</h2> The TCP rollup per minute, source and service ({@code resp_h} text,
 * {@code resp_p}; both NULL for the minute's "other" row): counts, and HdrHistogram sketches of
 * handshake RTT and RTT ({@code rollup.LatencyHistogram}), which readers merge.
 *
 * <h2>dns_events</h2> One row per DNS transaction ({@code DnsEvent}), joined to flows by uid.
 * <h2>http_events</h2> One row per HTTP/1.x request and response ({@code HttpEvent}), joined to flows by uid.
 * <h2>tls_handshakes, tls_offers; view tls_events</h2> One row per TLS handshake ({@code TlsEvent}), joined to
 * flows by uid, naming its client's offer, kept once per offer; the view joins them.
 * These three keep their endpoints' addresses as numbers; the text columns {@code orig_h}, {@code resp_h}
 * hold the text of rows written before that only ({@link #EVENT_ADDRESS_COLUMNS}), and readers select
 * {@link #EVENT_ORIG_H}.
 * <h2>dns_minutes, dns_name_minutes</h2> DNS rolled up per minute as it is stored: outcomes, response
 * codes and a response-time sketch; the queried names within a budget per minute, then one "other" row.
 *
 * <h2>ingests</h2> One row per ingested file run: what was read, for the idempotency and summaries.
 */
public final class Schema {
    private Schema() {}

    public static final long SIGN_FLIP = 0x8000_0000_0000_0000L;

    /** Zeek's conn_state values; a flow row stores the index. */
    public static final List<String> CONN_STATES =
            List.of("S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH");

    /** Columns of the {@code flows} view, in order. */
    public static final List<String> FLOW_COLUMNS = List.of(
            "ts_ns", "ts", "uid", "orig_h", "orig_p", "resp_h", "resp_p", "proto", "ip_proto",
            "duration", "orig_bytes", "resp_bytes", "conn_state", "history", "orig_pkts", "orig_ip_bytes",
            "resp_pkts", "resp_ip_bytes", "vlan", "inner_vlan", "community_id", "close_reason", "source",
            "orig_ip_hi", "orig_ip_lo", "resp_ip_hi", "resp_ip_lo");


    /** Column order of {@code flow_rows}; the appender writes in this order. */
    public static final String CREATE_FLOW_ROWS = """
            CREATE TABLE IF NOT EXISTS flow_rows (
              ts_ns BIGINT NOT NULL,
              uid_key INTEGER,
              orig_p INTEGER NOT NULL,
              resp_p INTEGER NOT NULL,
              ip_proto SMALLINT NOT NULL,
              duration DOUBLE NOT NULL,
              orig_bytes BIGINT NOT NULL,
              resp_bytes BIGINT NOT NULL,
              conn_state_code TINYINT NOT NULL,
              history VARCHAR NOT NULL,
              orig_pkts BIGINT NOT NULL,
              orig_ip_bytes BIGINT NOT NULL,
              resp_pkts BIGINT NOT NULL,
              resp_ip_bytes BIGINT NOT NULL,
              vlan INTEGER,
              inner_vlan INTEGER,
              close_code TINYINT NOT NULL,
              source_id INTEGER NOT NULL,
              orig_ip_hi BIGINT NOT NULL,
              orig_ip_lo BIGINT,
              resp_ip_hi BIGINT NOT NULL,
              resp_ip_lo BIGINT,
              orig_h6 VARCHAR,
              resp_h6 VARCHAR,
              orig_name VARCHAR,
              resp_name VARCHAR,
              orig_lo_a BIGINT,
              orig_lo_b BIGINT,
              resp_lo_a BIGINT,
              resp_lo_b BIGINT
            )""";

    /**
     * Columns added since the first release, for stores made before them. The low address halves moved to
     * {@code *_lo_a}/{@code *_lo_b} (see {@link #FLOW_ROW_NUMBERS}); rows written before keep theirs in
     * {@code *_ip_lo}, which new rows leave NULL.
     */
    static final String[] ADDED_COLUMNS = {
        "ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS orig_name VARCHAR",
        "ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS resp_name VARCHAR",
        "ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS orig_lo_a BIGINT",
        "ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS orig_lo_b BIGINT",
        "ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS resp_lo_a BIGINT",
        "ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS resp_lo_b BIGINT",
        "ALTER TABLE flow_rows ALTER COLUMN orig_ip_lo DROP NOT NULL",
        "ALTER TABLE flow_rows ALTER COLUMN resp_ip_lo DROP NOT NULL",
        "ALTER TABLE flow_rows ALTER COLUMN uid_key DROP NOT NULL"};

    /**
     * {@code flow_rows} with {@code orig_ip_lo}/{@code resp_ip_lo} as readers know them (the sign-flipped low
     * 64 bits of the address), whichever way the row stores them. New rows store the low half as two unsigned
     * 32-bit numbers, {@code *_lo_a} (bits 64-95 of the address) and {@code *_lo_b} (bits 96-127): one column of
     * full-range 64-bit values made DuckDB store it uncompressed whenever a group of rows held an IPv6 address
     * (its bit-packing's frame of reference overflows), and IPv6 flows are in most row groups. Split, IPv4 rows
     * are a constant and a 32-bit number, and both columns pack: the bench capture's {@code flow_rows} went from
     * 50.3 to 42.0 bytes a flow. {@code (a - 2^31) * 2^32 + b} is the sign-flipped 64-bit value, computed
     * without overflow. Likewise {@code uid_key}: NULL when it is the hash the view makes from the row's own
     * columns ({@code FlowUid.tag}, {@code np_uid_tag}), which it is for every flow the flow table makes
     * without a uid seed; kept when not (a seeded run, rows from before).
     */
    public static final String FLOW_ROW_NUMBERS = "(SELECT * REPLACE ("
            + "coalesce(uid_key, np_uid_tag(orig_ip_hi, orig_lo_a, orig_lo_b, resp_ip_hi, resp_lo_a, resp_lo_b, orig_p, "
            + "resp_p, ip_proto, vlan, inner_vlan)::INTEGER) AS uid_key, "
            + "coalesce(orig_ip_lo, (orig_lo_a - 2147483648) * 4294967296 + orig_lo_b) AS orig_ip_lo, "
            + "coalesce(resp_ip_lo, (resp_lo_a - 2147483648) * 4294967296 + resp_lo_b) AS resp_ip_lo) FROM all_flow_rows)";

    /** TCP health of TCP flows only, keyed like its flow row ({@link TcpColumns}). */
    public static final String CREATE_TCP_ROWS = "CREATE TABLE IF NOT EXISTS tcp_rows (ts_ns BIGINT NOT NULL, "
            + "uid_key INTEGER NOT NULL, source_id INTEGER NOT NULL, " + TcpColumns.ddl() + ")";

    public static final String CREATE_SOURCES = """
            CREATE TABLE IF NOT EXISTS sources (
              source_id INTEGER NOT NULL PRIMARY KEY,
              source VARCHAR NOT NULL UNIQUE
            )""";

    private static String list(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Every flow column but the TCP health ones: the same in both views. */
    private static final String FLOW_SELECT = "r.ts_ns, make_timestamp(r.ts_ns // 1000) AS ts, np_uid(r.ts_ns, r.uid_key) AS uid, "
            + "coalesce(r.orig_h6, np_ip_text(r.orig_ip_hi, r.orig_ip_lo)) AS orig_h, r.orig_p, "
            + "coalesce(r.resp_h6, np_ip_text(r.resp_ip_hi, r.resp_ip_lo)) AS resp_h, r.resp_p, "
            + "CASE r.ip_proto WHEN 6 THEN 'tcp' WHEN 17 THEN 'udp' WHEN 1 THEN 'icmp' WHEN 58 THEN 'icmp' "
            + "ELSE 'unknown_transport' END AS proto, r.ip_proto::INTEGER AS ip_proto, r.duration, r.orig_bytes, "
            + "r.resp_bytes, " + list(CONN_STATES) + "[r.conn_state_code + 1] AS conn_state, r.history, r.orig_pkts, "
            + "r.orig_ip_bytes, r.resp_pkts, r.resp_ip_bytes, r.vlan, r.inner_vlan, "
            + "np_community_id(r.ip_proto, r.orig_ip_hi, r.orig_ip_lo, r.resp_ip_hi, r.resp_ip_lo, r.orig_p, r.resp_p) "
            + "AS community_id, "
            + list(Arrays.stream(CloseReason.values()).map(CloseReason::label).toList())
            + "[r.close_code + 1] AS close_reason, s.source, r.orig_ip_hi, r.orig_ip_lo, r.resp_ip_hi, r.resp_ip_lo, "
            + "r.orig_name, r.resp_name, r.orig_h6, r.resp_h6";

    /**
     * The view readers use; every value derived here is a fixed expression, no user input. {@code orig_h6}
     * and {@code resp_h6} (IPv6 text of rows written before it was made on read, else NULL) are there for
     * queries that group by the numbers and make the text of a few rows only ({@code np_ip_text}).
     */
    public static final String CREATE_FLOWS_VIEW = "CREATE OR REPLACE VIEW flows AS SELECT " + FLOW_SELECT + ", "
            + TcpColumns.viewColumns() + ", "
            + list(Arrays.stream(TcpHealth.Health.values()).map(TcpHealth.Health::label).toList())
            + "[t.tcp_health + 1] AS tcp_health_label, " + lifecycleLabels("t.tcp_lifecycle") + " AS tcp_lifecycle_labels "
            + "FROM " + FLOW_ROW_NUMBERS + " r JOIN sources s ON s.source_id = r.source_id "
            + "LEFT JOIN all_tcp_rows t ON t.uid_key = r.uid_key AND t.ts_ns = r.ts_ns AND t.source_id = r.source_id";

    /**
     * {@code flows} without the TCP health columns: no join with {@code tcp_rows}, which DuckDB cannot leave
     * out of a query that does not read them. Aggregates over many flows that need no TCP field read this.
     */
    public static final String CREATE_FLOWS_CORE_VIEW = "CREATE OR REPLACE VIEW flows_core AS SELECT " + FLOW_SELECT
            + " FROM " + FLOW_ROW_NUMBERS + " r JOIN sources s ON s.source_id = r.source_id";

    /** The lifecycle bits as a comma-separated list of labels (NULL for non-TCP rows). */
    private static String lifecycleLabels(String col) {
        return "CASE WHEN " + col + " IS NULL THEN NULL ELSE concat_ws(',', "
                + Arrays.stream(TcpHealth.Lifecycle.values())
                        .map(l -> "CASE WHEN (" + col + " & " + l.bit() + ") <> 0 THEN '" + l.label() + "' END")
                        .collect(Collectors.joining(", ")) + ") END";
    }

    /** The TCP service rollup (see {@code rollup.ServiceMinute}): one row per flush, minute, source and service. */
    public static final String CREATE_TCP_SERVICE_MINUTES = """
            CREATE TABLE IF NOT EXISTS tcp_service_minutes (
              minute_ns BIGINT NOT NULL,
              source VARCHAR NOT NULL,
              resp_h VARCHAR,
              resp_p INTEGER,
              connections BIGINT NOT NULL,
              handshakes BIGINT NOT NULL,
              healthy BIGINT NOT NULL,
              degraded BIGINT NOT NULL,
              severe BIGINT NOT NULL,
              payload_bytes BIGINT NOT NULL,
              retransmitted_bytes BIGINT NOT NULL,
              retransmissions BIGINT NOT NULL,
              zero_windows BIGINT NOT NULL,
              rtt_samples BIGINT NOT NULL,
              hs_rtt BLOB NOT NULL,
              rtt BLOB NOT NULL
            )""";

    /**
     * DNS transactions (Zeek dns.log's fields), linked to {@code flows} by uid; NULL where not seen.
     * Addresses also as sign-flipped halves, as in {@code flow_rows}, for CIDR filters.
     */
    public static final String CREATE_DNS_EVENTS = """
            CREATE TABLE IF NOT EXISTS dns_events (
              ts_ns BIGINT NOT NULL,
              uid VARCHAR NOT NULL,
              orig_h VARCHAR,
              orig_p INTEGER NOT NULL,
              resp_h VARCHAR,
              resp_p INTEGER NOT NULL,
              proto VARCHAR NOT NULL,
              trans_id INTEGER NOT NULL,
              rtt DOUBLE,
              query VARCHAR,
              qclass INTEGER,
              qtype INTEGER,
              rcode INTEGER,
              aa BOOLEAN NOT NULL,
              tc BOOLEAN NOT NULL,
              rd BOOLEAN NOT NULL,
              ra BOOLEAN NOT NULL,
              answers VARCHAR[] NOT NULL,
              ttls BIGINT[] NOT NULL,
              status VARCHAR NOT NULL,
              duplicates INTEGER NOT NULL,
              source VARCHAR NOT NULL,
              orig_ip_hi BIGINT NOT NULL,
              orig_ip_lo BIGINT NOT NULL,
              resp_ip_hi BIGINT NOT NULL,
              resp_ip_lo BIGINT NOT NULL
            )""";

    /**
     * HTTP/1.x requests with their responses (Zeek http.log's fields and netproof's timing and body
     * completeness), linked to {@code flows} by uid; NULL where not seen. Times in seconds.
     */
    public static final String CREATE_HTTP_EVENTS = """
            CREATE TABLE IF NOT EXISTS http_events (
              ts_ns BIGINT NOT NULL,
              uid VARCHAR NOT NULL,
              orig_h VARCHAR,
              orig_p INTEGER NOT NULL,
              resp_h VARCHAR,
              resp_p INTEGER NOT NULL,
              trans_depth INTEGER NOT NULL,
              method VARCHAR,
              host VARCHAR,
              uri VARCHAR,
              referrer VARCHAR,
              version VARCHAR NOT NULL,
              user_agent VARCHAR,
              request_body_len BIGINT NOT NULL,
              response_body_len BIGINT NOT NULL,
              status_code INTEGER,
              status_msg VARCHAR,
              info_code INTEGER,
              info_msg VARCHAR,
              response_version VARCHAR,
              request_content_type VARCHAR,
              response_content_type VARCHAR,
              ttfb DOUBLE,
              duration DOUBLE,
              request_body_complete BOOLEAN NOT NULL,
              response_body_complete BOOLEAN NOT NULL,
              status VARCHAR NOT NULL,
              redacted BOOLEAN NOT NULL,
              source VARCHAR NOT NULL,
              orig_ip_hi BIGINT NOT NULL,
              orig_ip_lo BIGINT NOT NULL,
              resp_ip_hi BIGINT NOT NULL,
              resp_ip_lo BIGINT NOT NULL
            )""";

    /**
     * TLS handshakes (Zeek ssl.log's fields, JA3S, the leaf certificate), linked to {@code flows} by uid, each
     * naming the client's offer in {@code tls_offers}; the view {@code tls_events} joins the two. {@code alerts}
     * is JSON text; certificate dates are RFC 3339 text (a certificate may run to the year 9999).
     */
    public static final String CREATE_TLS_HANDSHAKES = """
            CREATE TABLE IF NOT EXISTS tls_handshakes (
              ts_ns BIGINT NOT NULL,
              uid VARCHAR NOT NULL,
              orig_h VARCHAR,
              orig_p INTEGER NOT NULL,
              resp_h VARCHAR,
              resp_p INTEGER NOT NULL,
              version VARCHAR,
              cipher VARCHAR,
              curve VARCHAR,
              server_name VARCHAR,
              resumed BOOLEAN NOT NULL,
              last_alert VARCHAR,
              next_protocol VARCHAR,
              established BOOLEAN NOT NULL,
              ssl_history VARCHAR,
              cert_chain_fps VARCHAR[] NOT NULL,
              ja3s VARCHAR,
              ja3s_string VARCHAR,
              handshake DOUBLE,
              cert_subject VARCHAR,
              cert_issuer VARCHAR,
              cert_not_valid_before VARCHAR,
              cert_not_valid_after VARCHAR,
              cert_san VARCHAR[] NOT NULL,
              alerts VARCHAR NOT NULL,
              hello_whole BOOLEAN NOT NULL,
              error VARCHAR,
              source VARCHAR NOT NULL,
              orig_ip_hi BIGINT NOT NULL,
              orig_ip_lo BIGINT NOT NULL,
              resp_ip_hi BIGINT NOT NULL,
              resp_ip_lo BIGINT NOT NULL,
              offer BIGINT NOT NULL
            )""";

    /**
     * What ClientHellos offered, and their fingerprints, once per offer and writer rather than once per handshake
     * ({@code internal.TlsWriter}): a client stack sends the same offer on every connection, and it is most of a
     * handshake's text. {@code offer} comes from {@link #CREATE_TLS_OFFER_IDS}; {@code stored_ns} is the wall
     * clock when the row was written, so that removing offers no handshake names spares the ones a running
     * writer may still name ({@code TlsWriter.deleteOrphans}). A handshake without a ClientHello names an offer of nulls and
     * empty lists.
     */
    public static final String CREATE_TLS_OFFERS = """
            CREATE TABLE IF NOT EXISTS tls_offers (
              offer BIGINT NOT NULL,
              stored_ns BIGINT NOT NULL,
              client_version VARCHAR,
              client_supported_versions VARCHAR[] NOT NULL,
              client_ciphers VARCHAR[] NOT NULL,
              client_alpn VARCHAR[] NOT NULL,
              client_groups VARCHAR[] NOT NULL,
              client_ech BOOLEAN NOT NULL,
              ja3 VARCHAR,
              ja3_string VARCHAR,
              ja4 VARCHAR
            )""";

    /** The ids a writer takes from {@code tls_offer_ids} at a time. */
    public static final int TLS_OFFER_ID_BLOCK = 1024;

    /** Offer ids, taken a block at a time by each writer (a sequence: writers need not agree otherwise). */
    public static final String CREATE_TLS_OFFER_IDS =
            "CREATE SEQUENCE IF NOT EXISTS tls_offer_ids START 1 INCREMENT BY " + TLS_OFFER_ID_BLOCK;

    /**
     * One row per TLS handshake with its offer, the columns in the order of the table this view replaced
     * ({@code TlsEventsMigration}). A left join with defaults: a handshake whose offer row were missing would
     * still be read, with its offer unknown.
     */
    public static final String CREATE_TLS_EVENTS_VIEW = """
            CREATE OR REPLACE VIEW tls_events AS SELECT
              h.ts_ns, h.uid, %s AS orig_h, h.orig_p,
              %s AS resp_h, h.resp_p, h.version, h.cipher, h.curve, h.server_name,
              h.resumed, h.last_alert, h.next_protocol, h.established, h.ssl_history, h.cert_chain_fps,
              o.client_version,
              coalesce(o.client_supported_versions, []::VARCHAR[]) AS client_supported_versions,
              coalesce(o.client_ciphers, []::VARCHAR[]) AS client_ciphers,
              coalesce(o.client_alpn, []::VARCHAR[]) AS client_alpn,
              coalesce(o.client_groups, []::VARCHAR[]) AS client_groups,
              coalesce(o.client_ech, false) AS client_ech,
              o.ja3, o.ja3_string, h.ja3s, h.ja3s_string, o.ja4, h.handshake, h.cert_subject, h.cert_issuer,
              h.cert_not_valid_before, h.cert_not_valid_after, h.cert_san, h.alerts, h.hello_whole, h.error, h.source,
              h.orig_ip_hi, h.orig_ip_lo, h.resp_ip_hi, h.resp_ip_lo
            FROM tls_handshakes h LEFT JOIN tls_offers o ON o.offer = h.offer"""
            .formatted(eventAddress("h.", "orig"), eventAddress("h.", "resp"));

    /** DNS per minute and source ({@code rollup.DnsRollup}): outcomes, response codes, a response-time sketch. */
    public static final String CREATE_DNS_MINUTES = """
            CREATE TABLE IF NOT EXISTS dns_minutes (
              minute_ns BIGINT NOT NULL,
              source VARCHAR NOT NULL,
              transactions BIGINT NOT NULL,
              answered BIGINT NOT NULL,
              unanswered BIGINT NOT NULL,
              response_only BIGINT NOT NULL,
              noerror BIGINT NOT NULL,
              nxdomain BIGINT NOT NULL,
              servfail BIGINT NOT NULL,
              refused BIGINT NOT NULL,
              other_rcode BIGINT NOT NULL,
              rtt BLOB NOT NULL
            )""";

    /** Queried names per minute and source; {@code query} NULL for a minute's "other" row (names past the budget). */
    public static final String CREATE_DNS_NAME_MINUTES = """
            CREATE TABLE IF NOT EXISTS dns_name_minutes (
              minute_ns BIGINT NOT NULL,
              source VARCHAR NOT NULL,
              query VARCHAR,
              transactions BIGINT NOT NULL,
              nxdomain BIGINT NOT NULL,
              distinct_names BIGINT NOT NULL
            )""";

    public static final String CREATE_QUALITY = """
            CREATE TABLE IF NOT EXISTS quality (
              source VARCHAR NOT NULL,
              second BIGINT NOT NULL,
              stage VARCHAR NOT NULL,
              metric VARCHAR NOT NULL,
              value BIGINT NOT NULL
            )""";

    /**
     * Flow records collected from exporters (NetFlow v5/v9, IPFIX) and sFlow packet samples, one direction
     * each, as exported: counts are not scaled ({@code bytes * sampling_rate} estimates the traffic;
     * {@code sampling_rate} 0 means unknown). Readers query the view {@code export_flows}
     * ({@link #CREATE_EXPORT_FLOWS_VIEW}); this table keeps numbers only, but for the rare MPLS stack and
     * unmapped fields ({@code texts}: NULL without them, else {@link ExportBits#texts}). The format, exporter,
     * domain and source are a {@code key_id} into {@link #CREATE_EXPORT_KEYS}; eleven small fields
     * are packed into two columns, interfaces and AS numbers into one each ({@link ExportBits}); addresses are
     * sign-flipped halves (:: when absent, with a bit in {@code marks}).
     * Why: the collector must store a million records a second, and DuckDB's insert costs about the same per
     * column and row whatever the column holds, a string value as much as five numbers. With 33 columns, 7
     * of them text, the writer managed 230k rows/s ({@code bench/.../ExportStoreRate}); with 22 numbers it
     * kept up with a million a second for a few seconds, not for fifteen (BENCHMARKS.md); these are 18. No
     * NOT NULL constraints: the writer fills every column from primitive arrays, and DuckDB checked each
     * constraint by a scan of every chunk (3% of the writer's time, perf).
     */
    public static final String CREATE_EXPORT_ROWS = """
            CREATE TABLE IF NOT EXISTS export_rows (
              ts_ns BIGINT,
              end_ns BIGINT,
              received_ns BIGINT,
              key_id INTEGER,
              transport BIGINT,
              marks BIGINT,
              bytes BIGINT,
              packets BIGINT,
              sampling_rate BIGINT,
              interfaces BIGINT,
              as_pair BIGINT,
              next_hop_hi BIGINT,
              next_hop_lo BIGINT,
              texts VARCHAR,
              orig_ip_hi BIGINT,
              orig_ip_lo BIGINT,
              resp_ip_hi BIGINT,
              resp_ip_lo BIGINT
            )""";

    /**
     * What is the same for many {@code export_rows} rows: format ({@code ExportFormat} ordinal), exporter address
     * halves, domain, source (an id into {@code sources}).
     */
    public static final String CREATE_EXPORT_KEYS = """
            CREATE TABLE IF NOT EXISTS export_keys (
              key_id INTEGER NOT NULL PRIMARY KEY,
              format_code UTINYINT NOT NULL,
              exporter_hi BIGINT NOT NULL,
              exporter_lo BIGINT NOT NULL,
              domain BIGINT NOT NULL,
              source_id INTEGER NOT NULL
            )""";

    /**
     * Exported flows as readers see them: NULL where the export did not say. {@code ts_ns} is the flow's
     * start, or the receive time when the export gave none. {@code extra} holds the fields without a column
     * as a JSON array of {@code {"enterprise", "element", "value"}} (hex). {@code end_reason} is IPFIX's
     * flowEndReason, {@code ip_version} the version the exporter stated.
     */
    public static final String CREATE_EXPORT_FLOWS_VIEW = "CREATE OR REPLACE VIEW export_flows AS SELECT r.ts_ns, "
            + "r.end_ns, r.received_ns, "
            + list(Arrays.stream(dev.netproof.core.model.ExportFormat.values())
                    .map(dev.netproof.core.model.ExportFormat::label).toList()) + "[k.format_code + 1] AS format, "
            + "np_ip_text(k.exporter_hi, k.exporter_lo) AS exporter, k.domain, "
            + "CASE WHEN NOT " + ExportBits.SRC_ABSENT + " THEN np_ip_text(r.orig_ip_hi, r.orig_ip_lo) END AS src_addr, "
            + "CASE WHEN NOT " + ExportBits.DST_ABSENT + " THEN np_ip_text(r.resp_ip_hi, r.resp_ip_lo) END AS dst_addr, "
            + ExportBits.SRC_PORT + " AS src_port, " + ExportBits.DST_PORT + " AS dst_port, "
            + ExportBits.PROTO + " AS proto, " + ExportBits.TCP_FLAGS + " AS tcp_flags, " + ExportBits.TOS + " AS tos, "
            + "r.bytes, r.packets, r.sampling_rate, " + ExportBits.IN_IF + " AS in_if, " + ExportBits.OUT_IF + " AS out_if, "
            + ExportBits.VLAN + " AS vlan, " + ExportBits.DIRECTION + " AS direction, "
            + ExportBits.SRC_AS + " AS src_as, " + ExportBits.DST_AS + " AS dst_as, "
            + "CASE WHEN r.next_hop_hi IS NOT NULL THEN np_ip_text(r.next_hop_hi, r.next_hop_lo) END AS next_hop, "
            + ExportBits.SRC_MASK + " AS src_mask, " + ExportBits.DST_MASK + " AS dst_mask, "
            + ExportBits.END_REASON + " AS end_reason, " + ExportBits.IP_VERSION + " AS ip_version, "
            + ExportBits.MPLS_LABELS + " AS mpls_labels, " + ExportBits.EXTRA + " AS extra, "
            + "s.source, r.orig_ip_hi, r.orig_ip_lo, r.resp_ip_hi, r.resp_ip_lo "
            + "FROM export_rows r JOIN export_keys k ON k.key_id = r.key_id JOIN sources s ON s.source_id = k.source_id";

    /** Metric points (sFlow interface counters...): {@code labels} is a JSON object of text values. */
    public static final String CREATE_METRIC_SAMPLES = """
            CREATE TABLE IF NOT EXISTS metric_samples (
              ts_ns BIGINT NOT NULL,
              name VARCHAR NOT NULL,
              labels VARCHAR NOT NULL,
              value DOUBLE NOT NULL,
              source VARCHAR NOT NULL
            )""";

    /**
     * The latest account of every exporter's domain per source (an ingested file, or a collector run):
     * sequence loss in its unit, duplicates, reordering, restarts, clock offset (NULL when its datagrams
     * carry no time), sampling rates seen. Replaced, not appended, as the account moves.
     */
    public static final String CREATE_EXPORTERS = """
            CREATE TABLE IF NOT EXISTS exporters (
              source VARCHAR NOT NULL,
              format VARCHAR NOT NULL,
              exporter VARCHAR NOT NULL,
              domain BIGINT NOT NULL,
              first_seen_ns BIGINT NOT NULL,
              last_seen_ns BIGINT NOT NULL,
              datagrams BIGINT NOT NULL,
              records BIGINT NOT NULL,
              flows BIGINT NOT NULL,
              samples BIGINT NOT NULL,
              lost BIGINT NOT NULL,
              loss_unit VARCHAR NOT NULL,
              duplicates BIGINT NOT NULL,
              reordered BIGINT NOT NULL,
              resets BIGINT NOT NULL,
              unverifiable BIGINT NOT NULL,
              numbering VARCHAR NOT NULL,
              clock_offset_ns BIGINT,
              clock_resolution_ns BIGINT NOT NULL,
              sampling_rates BIGINT[] NOT NULL,
              templates INTEGER NOT NULL
            )""";

    public static final String CREATE_INGESTS = """
            CREATE TABLE IF NOT EXISTS ingests (
              source VARCHAR NOT NULL,
              size_bytes BIGINT NOT NULL,
              started_ns BIGINT NOT NULL,
              finished_ns BIGINT NOT NULL,
              packets BIGINT NOT NULL,
              flows BIGINT NOT NULL,
              status VARCHAR NOT NULL
            )""";

    /**
     * The journal's columns ({@link IngestJournal}): a run's id, its input's content key, and how far it
     * had got at its last commit. Rows from before them get negative ids.
     */
    static final String[] INGEST_JOURNAL_COLUMNS = {
        "ALTER TABLE ingests ADD COLUMN IF NOT EXISTS ingest_id BIGINT",
        "ALTER TABLE ingests ADD COLUMN IF NOT EXISTS source_key VARCHAR",
        "ALTER TABLE ingests ADD COLUMN IF NOT EXISTS read_offset BIGINT",
        "ALTER TABLE ingests ADD COLUMN IF NOT EXISTS flows_committed BIGINT",
        "UPDATE ingests SET ingest_id = -rowid - 1 WHERE ingest_id IS NULL"};

    /**
     * The transaction tables keep their endpoints' addresses as numbers only, as {@code flow_rows} does: their text
     * is made on read ({@link #EVENT_ADDRESS_TEXT}), and rows written before keep theirs. Storing both cost the
     * writer a string per address and row, and DuckDB the string's statistics and compression at the commit.
     */
    static final String[] EVENT_ADDRESS_COLUMNS = {
        "ALTER TABLE dns_events ALTER COLUMN orig_h DROP NOT NULL",
        "ALTER TABLE dns_events ALTER COLUMN resp_h DROP NOT NULL",
        "ALTER TABLE http_events ALTER COLUMN orig_h DROP NOT NULL",
        "ALTER TABLE http_events ALTER COLUMN resp_h DROP NOT NULL",
        "ALTER TABLE tls_handshakes ALTER COLUMN orig_h DROP NOT NULL",
        "ALTER TABLE tls_handshakes ALTER COLUMN resp_h DROP NOT NULL"};

    /**
     * What readers of {@code dns_events} and {@code http_events} select for their endpoints' addresses (the view
     * {@code tls_events} does the same): the stored text of rows written before {@link #EVENT_ADDRESS_COLUMNS},
     * else the text of the numbers.
     */
    public static final String EVENT_ORIG_H = eventAddress("", "orig");
    public static final String EVENT_RESP_H = eventAddress("", "resp");

    /**
     * {@link #EVENT_ORIG_H}'s expression for one side ({@code orig}, {@code resp}), its columns named with
     * {@code prefix} (a table alias and a dot, or nothing): for the readers, the {@code tls_events} view and tests.
     */
    public static String eventAddress(String prefix, String side) {
        String c = prefix + side;
        return "coalesce(" + c + "_h, np_ip_text(" + c + "_ip_hi, " + c + "_ip_lo))";
    }

    /** Every statement {@link #create} runs, in order. */
    static List<String> statements() {
        List<String> ddl = new java.util.ArrayList<>(DerivedColumns.MACROS);
        ddl.add(CREATE_FLOW_ROWS);
        ddl.addAll(Arrays.asList(ADDED_COLUMNS));
        ddl.add(CREATE_TCP_ROWS);
        ddl.addAll(dev.netproof.store.tier.HotFiles.STATEMENTS);
        ddl.addAll(List.of(CREATE_SOURCES, CREATE_FLOWS_VIEW, CREATE_FLOWS_CORE_VIEW, CREATE_QUALITY,
                CREATE_DNS_EVENTS, CREATE_HTTP_EVENTS, CREATE_TLS_HANDSHAKES));
        ddl.addAll(Arrays.asList(EVENT_ADDRESS_COLUMNS));
        ddl.addAll(List.of(CREATE_TLS_OFFERS, CREATE_TLS_OFFER_IDS, CREATE_TLS_EVENTS_VIEW, CREATE_DNS_MINUTES, CREATE_DNS_NAME_MINUTES,
                CREATE_TCP_SERVICE_MINUTES, CREATE_INGESTS));
        ddl.addAll(Arrays.asList(INGEST_JOURNAL_COLUMNS));
        ddl.addAll(List.of(CREATE_EXPORT_ROWS, CREATE_EXPORT_KEYS, CREATE_EXPORT_FLOWS_VIEW, CREATE_METRIC_SAMPLES, CREATE_EXPORTERS));
        ddl.addAll(dev.netproof.store.tier.TierSchema.STATEMENTS);
        ddl.addAll(dev.netproof.store.talker.TalkerSchema.STATEMENTS);
        return ddl;
    }

    /**
     * Creates the tables and views that do not exist yet, and (re)defines the views and macros. Idempotent.
     * A store whose catalogue this build already wrote (the SHA-256 of {@link #statements} in {@code np_schema})
     * is left alone: redefining 30 views and macros on every open wrote the catalogue each time, and DuckDB then
     * checkpointed at close: 0.1-0.3 s of every query command over a 2.8 GB store.
     */
    public static void create(Connection c) throws SQLException {
        List<String> ddl = statements();
        String hash = sha256(String.join(";\n", ddl));
        if (hash.equals(appliedHash(c))) return;
        // all or nothing: a migration half done would lose rows
        dev.netproof.store.internal.Transaction.run(c, () -> {
            try (Statement s = c.createStatement()) {
                refuseOldLayout(s);
                ExportRowsMigration.Layout oldExports = ExportRowsMigration.renameOld(s);
                boolean oldTls = TlsEventsMigration.renameOld(s);
                for (String q : ddl) s.execute(q);
                ExportRowsMigration.copy(c, oldExports);
                if (oldTls) TlsEventsMigration.copy(s);
                s.execute("CREATE TABLE IF NOT EXISTS np_schema (ddl_sha256 VARCHAR NOT NULL)");
                s.execute("DELETE FROM np_schema");
                s.execute("INSERT INTO np_schema VALUES ('" + hash + "')"); // hex digits
            }
            return null;
        });
    }

    private static String appliedHash(Connection c) {
        // its own statement: DuckDB's driver closes a statement whose query failed
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT ddl_sha256 FROM np_schema")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null; // a new store, or one from before np_schema
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Stores written before flow rows kept their uid as a key hash (layout 1: {@code uid} and
     * {@code community_id} as text) cannot be read by this view; say so instead of failing on a column.
     */
    private static void refuseOldLayout(Statement s) throws SQLException {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'flow_rows' AND column_name = 'uid'")) {
            if (rs.next() && rs.getLong(1) > 0) {
                throw new SQLException("the store was written by an older netproof (flow rows with text uids); "
                        + "ingest again into a new --data directory");
            }
        }
    }
}
