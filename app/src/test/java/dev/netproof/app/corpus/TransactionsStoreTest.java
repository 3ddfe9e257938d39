package dev.netproof.app.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.app.ingest.IngestPipeline;
import dev.netproof.app.ingest.Progress;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.query.Answer;
import dev.netproof.query.DnsSummaryQuery;
import dev.netproof.query.EventKind;
import dev.netproof.query.EventSearch;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.testkit.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP and TLS transactions from whole ingests of the corpus reach the store as the analyzers made
 * them, join their flows by uid and endpoints, and are found by the filter language. (Their values
 * against Zeek and tshark are checked in the flow module, on the same reassembled streams.)
 */
class TransactionsStoreTest {
    static final List<String> CAPTURES = List.of("zeek-http-pipelined", "zeek-http-100-continue", "zeek-wikipedia",
            "zeek-mixed-vlan-mpls", "zeek-tls12", "sv-ja4-tls", "zeek-tls13-ech", "zeek-tls12-handshake-failure",
            "zeek-tls-conn-with-extensions");

    @TempDir
    static Path dir;
    static Store store;
    static final List<HttpEvent> http = new ArrayList<>();
    static final List<TlsEvent> tls = new ArrayList<>();

    @BeforeAll
    static void ingest() throws Exception {
        store = Store.open(dir);
        for (String name : CAPTURES) {
            try (StoreWriter w = new StoreWriter(store, 16, 4)) {
                IngestPipeline.Outputs out = new IngestPipeline.Outputs(w::add, w::add, w::add, e -> {
                    http.add(e);
                    w.add(e);
                }, e -> {
                    tls.add(e);
                    w.add(e);
                }, w::add, w::add, account -> w.exporters(name, account));
                new IngestPipeline(FlowTableConfig.defaults(), Progress.Mode.NONE, System.err).run(Corpus.bundled(name).path(), out);
                w.drain();
            }
        }
    }

    @Test
    void everyHttpTransactionIsStoredAsMade() throws Exception {
        assertTrue(http.size() >= 20, "HTTP transactions in these captures: " + http.size());
        List<HttpEvent> want = http.stream().sorted(Comparator.comparingLong(HttpEvent::tsNanos)
                .thenComparing(HttpEvent::uid).thenComparingInt(HttpEvent::transDepth)).toList();
        try (Connection c = store.connect()) {
            Answer<Map<String, Object>> a = EventSearch.of(EventKind.HTTP, "").withLimit(10_000).run(c);
            assertEquals(want.size(), a.rows().size());
            for (int i = 0; i < want.size(); i++) {
                HttpEvent e = want.get(i);
                Map<String, Object> r = a.rows().get(i);
                assertEquals(e.uid(), r.get("uid"));
                assertEquals(e.transDepth(), r.get("trans_depth"));
                assertEquals(e.method(), r.get("method"));
                assertEquals(e.uri(), r.get("uri"));
                assertEquals(e.host(), r.get("host"));
                assertEquals(e.statusCode() < 0 ? null : e.statusCode(), r.get("status_code"));
                assertEquals(e.responseBodyLen(), r.get("response_body_len"));
                assertEquals(e.status().label(), r.get("status"));
                if (e.ttfbNanos() >= 0) assertEquals(e.ttfbNanos() / 1e9, (Double) r.get("ttfb"), 1e-6);
                else assertFalse(r.containsKey("ttfb"));
            }
        }
    }

    @Test
    void everyTlsHandshakeIsStoredAsMadeWithJa3Hashes() throws Exception {
        assertTrue(tls.size() >= 6, "TLS handshakes in these captures: " + tls.size());
        List<TlsEvent> want = tls.stream().sorted(Comparator.comparingLong(TlsEvent::tsNanos).thenComparing(TlsEvent::uid)).toList();
        try (Connection c = store.connect()) {
            Answer<Map<String, Object>> a = EventSearch.of(EventKind.TLS, "").withLimit(1000).run(c);
            assertEquals(want.size(), a.rows().size());
            for (int i = 0; i < want.size(); i++) {
                TlsEvent e = want.get(i);
                Map<String, Object> r = a.rows().get(i);
                assertEquals(e.uid(), r.get("uid"));
                assertEquals(e.version(), r.get("version"));
                assertEquals(e.cipher(), r.get("cipher"));
                assertEquals(e.serverName(), r.get("server_name"));
                assertEquals(e.established(), r.get("established"));
                assertEquals(e.ja4(), r.get("ja4"));
                assertEquals(e.ja3(), r.get("ja3_string"));
                assertEquals(e.ja3() == null ? null : md5(e.ja3()), r.get("ja3"));
                assertEquals(e.certChainFps().isEmpty() ? null : e.certChainFps(), r.get("cert_chain_fps"));
                assertEquals(e.alerts().size(), r.containsKey("alerts") ? ((List<?>) r.get("alerts")).size() : 0);
            }
        }
    }

    /** An event row's address text: stored in rows of old, else made from its numbers, as readers do. */
    static String text(String alias, String side) {
        return dev.netproof.store.Schema.eventAddress(alias + ".", side);
    }

    @Test
    void transactionsJoinTheirFlows() throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("http_events", "tls_events")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), count(f.uid) FROM " + table + " e LEFT JOIN flows f "
                        + "ON f.uid = e.uid AND f.orig_h = " + text("e", "orig") + " AND f.orig_p = e.orig_p "
                        + "AND f.resp_h = " + text("e", "resp") + " "
                        + "AND f.resp_p = e.resp_p")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, table);
                    assertEquals(rs.getLong(1), rs.getLong(2), "every row of " + table + " joins its flow");
                }
            }
        }
    }

    @Test
    void theFilterLanguageFindsThem() throws Exception {
        try (Connection c = store.connect()) {
            // the suricata-verify JA4 of sv-ja4-tls (its test.yaml)
            var ja4 = EventSearch.of(EventKind.TLS, "ja4 == \"t12i1810s1_27d4652c4487_06a4338d0495\"").run(c);
            assertEquals(1, ja4.rows().size());
            assertTrue(ja4.rows().getFirst().get("source").toString().endsWith("sv-ja4-tls.pcap"));
            long failed = tls.stream().filter(e -> !e.established()).count();
            assertEquals(failed, EventSearch.of(EventKind.TLS, "established == 0").withLimit(1000).run(c).rows().size());
            long posts = http.stream().filter(e -> "POST".equals(e.method()) && e.statusCode() == 200).count();
            assertTrue(posts > 0);
            assertEquals(posts, EventSearch.of(EventKind.HTTP, "method == POST and status_code == 200").withLimit(1000)
                    .run(c).rows().size());
            long pipelined = http.stream().filter(e -> e.transDepth() > 1 && e.respP() == 80).count();
            assertEquals(pipelined, EventSearch.of(EventKind.HTTP, "trans_depth > 1 and id.resp_p == 80").withLimit(1000)
                    .run(c).rows().size());
        }
    }

    @Test
    void flowsShowTheNamesTheirAddressesWereResolvedFrom() throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            // wikipedia: the client resolves upload.wikimedia.org (A 208.80.152.3, Zeek's dns.log), then fetches from it
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT resp_h), min(resp_h) FROM flows "
                    + "WHERE resp_name = 'upload.wikimedia.org'")) {
                rs.next();
                assertTrue(rs.getLong(1) >= 6, "flows to the resolved address: " + rs.getLong(1));
                assertEquals(1, rs.getLong(2));
                assertEquals("208.80.152.3", rs.getString(3));
            }
            // every name shown was an answer for that address in this store's DNS transactions, asked before the flow ended
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM flows f WHERE f.resp_name IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM dns_events d WHERE d.query = f.resp_name AND list_contains(d.answers, f.resp_h) "
                    + "AND d.ts_ns <= f.ts_ns + (f.duration * 1e9)::BIGINT)")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }

    @Test
    void dnsRollsUpPerMinuteToTheSameTotals() throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM dns_events), (SELECT sum(transactions) FROM dns_minutes), "
                    + "(SELECT sum(transactions) FROM dns_name_minutes), (SELECT count(*) FROM dns_events WHERE rcode = 3), "
                    + "(SELECT sum(nxdomain) FROM dns_minutes)")) {
                rs.next();
                assertTrue(rs.getLong(1) > 10);
                assertEquals(rs.getLong(1), rs.getLong(2), "minutes");
                assertEquals(rs.getLong(1), rs.getLong(3), "names");
                assertEquals(rs.getLong(4), rs.getLong(5), "NXDOMAIN");
            }
            var a = DnsSummaryQuery.perMinute().withStep(3600 * 24 * 365 * 50L).withTop(3).run(c);
            assertEquals(1, a.rows().size(), "one step covers every capture");
            Map<String, Object> row = a.rows().getFirst();
            assertEquals(tls.isEmpty() ? 0L : countDns(c), row.get("transactions"));
            List<?> top = (List<?>) row.get("top_names");
            assertEquals(3, top.size());
            // wikipedia's client asked for upload.wikimedia.org (and its search-domain variant) most
            assertEquals("upload.wikimedia.org", ((Map<?, ?>) top.getFirst()).get("query"));
            assertTrue((Double) row.get("nxdomain_rate") > 0);
            assertTrue(((Map<?, ?>) row.get("rtt_us")).get("p50") instanceof Long);
        }
    }

    private static long countDns(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM dns_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }
}
