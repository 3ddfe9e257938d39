package dev.netproof.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpHealth;
import dev.netproof.core.model.Transport;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.Sample;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExporterKey;
import dev.netproof.core.model.ExporterSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over a real DuckDB store on a real socket (port 0). */
class ApiServerTest {
    @TempDir static Path dir;
    static Store store;
    static ApiServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    static Flow flow(int i, String orig, String resp, int respPort, long bytes) {
        return new Flow(1_700_000_000_000_000_000L + i * 1_000_000_000L,
                dev.netproof.core.model.FlowUid.of(1_700_000_000_000_000_000L + i * 1_000_000_000L, i), IpAddress.parse(orig), 40000 + i,
                IpAddress.parse(resp), respPort, Transport.TCP, 6, 1_000_000, bytes, bytes * 2, "SF", "ShADadFf",
                10, bytes + 400, 8, bytes * 2 + 320, i % 2 == 0 ? 10 : -1, -1, CloseReason.FIN, "t.pcap", health(i), null, null);
    }

    /** TCP health for the first six flows (to 192.0.2.1:443): flow 5 retransmitted a tenth of its payload. */
    static TcpHealth health(int i) {
        if (i >= 6) return null;
        long rexmit = i == 5 ? 100 : 0;
        TcpDirection orig = new TcpDirection(1460, 7, true, false, rexmit > 0 ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                1000, 1000 - rexmit, rexmit, 64000, new TcpDirection.Rtt(2, 1000L * (i + 1), 1000L * (i + 1), 1000.0 * (i + 1), 0));
        TcpDirection resp = new TcpDirection(1460, 7, true, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64000,
                TcpDirection.Rtt.NONE);
        double rate = rexmit / 1000.0;
        return new TcpHealth(500L * (i + 1), 50, 500L * (i + 1) + 50, -1, 0x7f, orig, resp, rate, TcpHealth.Health.of(rate));
    }

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(dir);
        try (StoreWriter w = new StoreWriter(store, 4, 2)) {
            for (int i = 0; i < 10; i++) w.add(flow(i, "10.0.0." + (i % 3 + 1), "192.0.2.1", i < 6 ? 443 : 80, 1000L * (i + 1)));
            w.add(flow(10, "2001:db8::1", "2001:db8::2", 53, 50));
            w.add(new DnsEvent(1_700_000_000_000_000_000L, "Cdns1", IpAddress.parse("2001:db8::1"), 40000,
                    IpAddress.parse("2001:db8::2"), 53, Transport.UDP, 7, 12_000_000L, "example.com", 1, 28, 0,
                    false, false, true, true, List.of("2606:2800:220:1:248:1893:25c8:1946"), List.of(300L),
                    DnsEvent.Status.ANSWERED, 0, "t.pcap"));
            w.add(new DnsEvent(1_700_000_001_000_000_000L, "Cdns2", IpAddress.parse("10.0.0.1"), 40001,
                    IpAddress.parse("192.0.2.53"), 53, Transport.UDP, 8, -1, "nothing.example", 1, 1, -1,
                    false, false, true, false, List.of(), List.of(), DnsEvent.Status.UNANSWERED, 2, "t.pcap"));
            w.add(new HttpEvent(1_700_000_002_000_000_000L, "Chttp1", IpAddress.parse("10.0.0.1"), 40002,
                    IpAddress.parse("192.0.2.1"), 80, 1, "GET", "example.com", "/login?token=[redacted]", null, "1.1",
                    "curl/8", 0, 512, 404, "Not Found", -1, null, "1.1", null, "text/html", 3_000_000L, 5_000_000L, true,
                    true, HttpEvent.Status.ANSWERED, true, "t.pcap"));
            w.add(new HttpEvent(1_700_000_003_000_000_000L, "Chttp1", IpAddress.parse("10.0.0.1"), 40002,
                    IpAddress.parse("192.0.2.1"), 80, 2, "POST", "example.com", "/upload", null, "1.1",
                    "curl/8", 1000, 0, -1, null, -1, null, null, "application/json", null, -1, -1, false,
                    false, HttpEvent.Status.NO_RESPONSE, false, "t.pcap"));
            w.add(new TlsEvent(1_700_000_004_000_000_000L, "Ctls1", IpAddress.parse("10.0.0.2"), 40003,
                    IpAddress.parse("192.0.2.1"), 443, "TLSv13", "TLS_AES_128_GCM_SHA256", "x25519", "www.example.com",
                    false, null, "h2", true, "Cs", List.of(), "TLSv12", List.of("TLSv13", "TLSv12"),
                    List.of("TLS_AES_128_GCM_SHA256"), List.of("h2", "http/1.1"), List.of("x25519"), false,
                    "771,4865,0-10-11,29,0", "771,4865,43-51", md5("771,4865,0-10-11,29,0"), md5("771,4865,43-51"),
                    "t13d0103h2_aaaaaaaaaaaa_bbbbbbbbbbbb", 20_000_000L,
                    null, null, null, null, List.of(), List.of(), true, null, "t.pcap"));
            w.add(new TlsEvent(1_700_000_005_000_000_000L, "Ctls2", IpAddress.parse("10.0.0.3"), 40004,
                    IpAddress.parse("192.0.2.1"), 443, "TLSv12", null, null, "bad.example", false, "handshake_failure",
                    null, false, "Ca", List.of(), "TLSv12", List.of(), List.of("TLS_RSA_WITH_AES_128_CBC_SHA"), List.of(),
                    List.of(), false, "771,47,,,", null, md5("771,47,,,"), null, "t12d010000_cccccccccccc_000000000000", -1,
                    null, null, null, null,
                    List.of(), List.of(new TlsEvent.Alert(false, false, "fatal", "handshake_failure")), true, null, "t.pcap"));
            for (int i = 0; i < 3; i++) {
                // one unsampled IPFIX record, two sFlow samples 1 in 512
                boolean sflow = i > 0;
                w.add(new ExportedFlow(sflow ? ExportFormat.SFLOW_V5 : ExportFormat.IPFIX, IpAddress.parse("192.0.2.9"), 0,
                        1_700_000_006_000_000_000L + i, sflow ? 0 : 1_700_000_005_000_000_000L, 0,
                        IpAddress.parse("10.1.0." + (i + 1)), IpAddress.parse("198.51.100.7"), 40000 + i, 443, 6, 0x18, 0,
                        sflow ? 1500 : 10_000, sflow ? 1 : 20, sflow ? 512 : 1, 3, 4, -1, -1, 64500, 64501, null, -1, -1,
                        -1, -1, List.of(), List.of()));
            }
            w.exporters("collect", List.of(new ExporterSnapshot(new ExporterKey(ExportFormat.SFLOW_V5,
                    IpAddress.parse("192.0.2.9"), 0), 1_700_000_006_000_000_000L, 1_700_000_006_000_000_002L, 10, 0, 0, 2, 3,
                    "datagrams", 0, 1, 0, 0, "datagrams", null, 0, List.of(512L), -1)));
            for (int ifIndex = 3; ifIndex <= 4; ifIndex++) {
                w.add(new Sample("if_in_octets", java.util.Map.of("exporter", "192.0.2.9", "sub_agent", "0",
                        "if_index", String.valueOf(ifIndex)), 1_700_000_006_000_000_000L, 1e9 * ifIndex));
            }
            w.add(new QualityRow("t.pcap", 1_700_000_000L, "read", "packets", 100));
            w.add(new QualityRow("t.pcap", 1_700_000_000L, "decode", "packets", 100));
            w.add(new QualityRow("t.pcap", 1_700_000_000L, "decode", "decoded", 98));
            w.add(new QualityRow("t.pcap", 1_700_000_000L, "decode", "error.ipv4_header_len", 2));
            w.drain();
        }
        server = new ApiServer(new ApiServer.Config("127.0.0.1", 0), store);
        server.start();
    }

    static String md5(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        store.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void seriesComesFromTheTiersAndSaysWhichAnswered() throws Exception {
        var r = get("/api/v1/series?metric=flows&step=1h");
        assertEquals(200, r.statusCode(), r.body());
        var body = json.readTree(r.body());
        long flows = 0;
        for (var row : body.get("rows")) {
            flows += row.get("flows").asLong();
            assertEquals("hot", row.get("tier").asText(), r.body());
        }
        assertEquals(11, flows, r.body());
        assertEquals("hot", body.get("tiers").get(0).get("tier").asText(), r.body());
        assertTrue(body.get("note").asText().startsWith("tiers: hot"), r.body());
        var byDst = json.readTree(get("/api/v1/series?metric=flows&step=1h&by=dst&limit=1").body());
        assertEquals("192.0.2.1", byDst.get("rows").get(0).get("dst").asText(), byDst.toString());
        assertEquals(400, get("/api/v1/series?by=nope").statusCode());
        assertEquals(400, get("/api/v1/series?step=fortnight").statusCode());
    }

    @Test
    void tcpServicesAndHealth() throws Exception {
        var r = get("/api/v1/tcp/services");
        assertEquals(200, r.statusCode(), r.body());
        var body = json.readTree(r.body());
        assertEquals(1, body.get("count").asInt(), r.body());
        var svc = body.get("rows").get(0);
        assertEquals("192.0.2.1", svc.get("id.resp_h").asText());
        assertEquals(443, svc.get("id.resp_p").asInt());
        assertEquals(6, svc.get("connections").asInt());
        assertEquals(1, svc.get("severe").asInt());
        assertEquals(6, svc.get("handshake_rtt_us").get("count").asInt());
        assertEquals(12, svc.get("rtt_us").get("count").asInt());
        assertTrue(body.has("quality"));

        var h = get("/api/v1/tcp/health?step=3600&service=" + enc("192.0.2.1:443"));
        assertEquals(200, h.statusCode(), h.body());
        assertEquals(6, json.readTree(h.body()).get("rows").get(0).get("connections").asInt(), h.body());

        var severe = get("/api/v1/flows?filter=" + enc("tcp.health == severe"));
        assertEquals(1, json.readTree(severe.body()).get("count").asInt(), severe.body());
        assertEquals("severe", json.readTree(severe.body()).get("rows").get(0).get("tcp").get("health").asText());

        assertEquals(400, get("/api/v1/tcp/health?step=90").statusCode());
        assertEquals(400, get("/api/v1/tcp/services?service=nonsense").statusCode());
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertEquals("127.0.0.1", ApiServer.Config.defaults().bindAddress());
        assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"));
    }

    @Test
    void flowsWithCidrFilterAndQuality() throws Exception {
        var r = get("/api/v1/flows?filter=" + enc("id.orig_h in 10.0.0.0/24 and id.resp_p == 443") + "&limit=100");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
        JsonNode body = json.readTree(r.body());
        assertEquals(6, body.get("count").asInt());
        JsonNode first = body.get("rows").get(0);
        assertEquals("10.0.0.1", first.get("id.orig_h").asText());
        assertEquals(443, first.get("id.resp_p").asInt());
        JsonNode q = body.get("quality");
        assertNotNull(q, r.body());
        assertEquals(0.98, q.get("completeness").asDouble(), 1e-9, r.body());
    }

    @Test
    void dnsTransactionsWithAFilter() throws Exception {
        var all = json.readTree(get("/api/v1/dns").body());
        assertEquals(2, all.get("count").asInt(), all.toString());
        var r = get("/api/v1/dns?filter=" + enc("qtype == 28 and id.resp_h in 2001:db8::/32 and status == answered"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals(1, body.get("count").asInt(), r.body());
        JsonNode row = body.get("rows").get(0);
        assertEquals("example.com", row.get("query").asText());
        assertEquals(0.012, row.get("rtt").asDouble(), 1e-9);
        assertEquals("2606:2800:220:1:248:1893:25c8:1946", row.get("answers").get(0).asText());
        assertEquals(300, row.get("TTLs").get(0).asLong());
        assertTrue(row.get("RD").asBoolean());
        var unanswered = json.readTree(get("/api/v1/dns?filter=" + enc("rcode == 0 or duplicates > 1")).body());
        assertEquals(2, unanswered.get("count").asInt());
        JsonNode lone = unanswered.get("rows").get(1);
        assertFalse(lone.has("rcode"), "no rcode without a response: " + lone);
        assertFalse(lone.has("rtt"));
        assertEquals(400, get("/api/v1/dns?filter=" + enc("conn_state == SF")).statusCode(), "a flow field is not a DNS field");
    }

    @Test
    void dnsSummaryPerMinute() throws Exception {
        var r = get("/api/v1/dns/summary?top=5");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode rows = json.readTree(r.body()).get("rows");
        assertEquals(1, rows.size(), r.body());
        JsonNode m = rows.get(0);
        assertEquals(2, m.get("transactions").asLong());
        assertEquals(1, m.get("answered").asLong());
        assertEquals(1, m.get("unanswered").asLong());
        assertEquals(1, m.get("rcodes").get("NOERROR").asLong());
        assertEquals(0.0, m.get("nxdomain_rate").asDouble());
        assertEquals(1, m.get("rtt_us").get("count").asLong());
        assertEquals(12_000, m.get("rtt_us").get("p50").asLong(), 120, "12 ms, within the sketch's 1%");
        assertEquals(2, m.get("top_names").size());
        assertEquals(400, get("/api/v1/dns/summary?step=90").statusCode(), "whole minutes only");
    }

    @Test
    void httpTransactionsWithAFilter() throws Exception {
        var all = json.readTree(get("/api/v1/http").body());
        assertEquals(2, all.get("count").asInt(), all.toString());
        var r = get("/api/v1/http?filter=" + enc("status_code >= 400 and host == example.com"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode row = json.readTree(r.body()).get("rows").get(0);
        assertEquals(1, json.readTree(r.body()).get("count").asInt());
        assertEquals("/login?token=[redacted]", row.get("uri").asText());
        assertEquals(0.003, row.get("ttfb").asDouble(), 1e-9);
        assertTrue(row.get("redacted").asBoolean());
        var open = json.readTree(get("/api/v1/http?filter=" + enc("status == no_response")).body());
        assertEquals(1, open.get("count").asInt());
        assertFalse(open.get("rows").get(0).has("status_code"), "no status without a response");
        assertEquals(400, get("/api/v1/http?filter=" + enc("query == x")).statusCode(), "a DNS field is not an HTTP field");
    }

    @Test
    void tlsHandshakesWithAFilter() throws Exception {
        var r = get("/api/v1/tls?filter=" + enc("established == 1 and next_protocol == h2"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals(1, body.get("count").asInt(), r.body());
        JsonNode row = body.get("rows").get(0);
        assertEquals("www.example.com", row.get("server_name").asText());
        assertEquals(0.02, row.get("handshake").asDouble(), 1e-9);
        assertEquals(32, row.get("ja3").asText().length(), "JA3 is stored as its MD5: " + row);
        var failed = json.readTree(get("/api/v1/tls?filter=" + enc("last_alert == handshake_failure")).body());
        assertEquals(1, failed.get("count").asInt());
        JsonNode alert = failed.get("rows").get(0).get("alerts").get(0);
        assertEquals("resp", alert.get("from").asText());
        assertEquals("fatal", alert.get("level").asText());
        assertEquals(400, get("/api/v1/tls?filter=" + enc("method == GET")).statusCode());
    }

    @Test
    void exportedRecordsAndTheirScaledTopAndTheExportersAccount() throws Exception {
        var r = get("/api/v1/exported?filter=" + enc("src_addr in 10.1.0.0/30 and format == sflow_v5"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals(2, body.get("count").asInt(), r.body());
        assertEquals(1500 * 512, body.get("rows").get(0).get("scaled_bytes").asLong());

        var top = json.readTree(get("/api/v1/top?table=exported&by=format&metric=bytes").body()).get("rows");
        assertEquals("sflow_v5", top.get(0).get("format").asText(), top.toString());
        assertEquals(2 * 1500 * 512, top.get(0).get("bytes").asLong());
        assertEquals(3000, top.get(0).get("bytes_as_exported").asLong());
        assertEquals(10_000, top.get(1).get("bytes").asLong(), "unsampled: counted as exported");
        assertEquals(400, get("/api/v1/top?table=exported&by=id.orig_h").statusCode(), "flow fields are not export fields");
        assertEquals(400, get("/api/v1/top?table=nope&by=proto").statusCode());

        JsonNode x = json.readTree(get("/api/v1/exporters").body()).get("rows").get(0);
        assertEquals("192.0.2.9", x.get("exporter").asText());
        assertEquals(3, x.get("lost").asLong());
        assertEquals(3.0 / 13, x.get("loss_ratio").asDouble(), 1e-9, "3 lost of 13 sent");
        assertTrue(x.get("clock_offset").isNull(), "sFlow carries no clock");
        assertEquals(512, x.get("sampling_rates").get(0).asLong());
    }

    @Test
    void metricPointsByNameAndLabel() throws Exception {
        var r = get("/api/v1/metrics?filter=" + enc("name == if_in_octets and if_index == 4 and exporter == 192.0.2.9"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals(1, body.get("count").asInt(), r.body());
        JsonNode row = body.get("rows").get(0);
        assertEquals(4e9, row.get("value").asDouble());
        assertEquals("4", row.get("labels").get("if_index").asText());
        assertEquals("exporter:192.0.2.9", row.get("source").asText());
    }

    @Test
    void topTalkersByBytes() throws Exception {
        var r = get("/api/v1/top?by=id.resp_p&metric=flows");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode rows = json.readTree(r.body()).get("rows");
        assertEquals(443, rows.get(0).get("id.resp_p").asInt());
        assertEquals(6, rows.get(0).get("flows").asLong());
        assertEquals(3, rows.size());
    }

    @Test
    void topHostsComeFromTheTalkerListsAndEqualTheFlowsAnswer() throws Exception {
        JsonNode listed = json.readTree(get("/api/v1/top?by=host&metric=bytes&limit=3").body());
        // a filter every flow passes makes the server group the flows
        JsonNode grouped = json.readTree(get("/api/v1/top?by=host&metric=bytes&limit=3&filter=" + enc("duration >= 0")).body());
        assertEquals("talker_lists", listed.get("answered_from").asText());
        assertEquals("flows", grouped.get("answered_from").asText());
        assertEquals(grouped.get("rows"), listed.get("rows"));
        assertEquals(3, listed.get("rows").size());
    }

    @Test
    void ipv6AndLimitAndOrder() throws Exception {
        JsonNode b = json.readTree(get("/api/v1/flows?filter=" + enc("host in 2001:db8::/32")).body());
        assertEquals(1, b.get("count").asInt());
        JsonNode d = json.readTree(get("/api/v1/flows?order=desc&limit=2").body());
        assertEquals(2, d.get("count").asInt());
        assertTrue(d.get("limited").asBoolean());
        assertEquals("2001:db8::1", d.get("rows").get(0).get("id.orig_h").asText());
    }

    @Test
    void qualityEndpointTotalsTheLedger() throws Exception {
        var r = get("/api/v1/quality");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("error.ipv4_header_len"), r.body());
    }

    @Test
    void badInputIs400WithAMessage() throws Exception {
        for (String bad : new String[] {"/api/v1/flows?filter=" + enc("id.orig_h =="), "/api/v1/flows?limit=abc",
                "/api/v1/top", "/api/v1/top?by=" + enc("id.orig_h; DROP TABLE flows"),
                "/api/v1/flows?from=yesterday", "/api/v1/flows?order=sideways"}) {
            var r = get(bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertTrue(json.readTree(r.body()).get("error").asText().length() > 5, r.body());
        }
        assertEquals(11, json.readTree(get("/api/v1/flows").body()).get("count").asInt(), "nothing was dropped");
    }

    @Test
    void unknownPathIs404AndPostIs405() throws Exception {
        assertEquals(404, get("/api/v1/nope").statusCode());
        var post = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/v1/flows"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
