package dev.netproof.app.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.app.ingest.IngestPipeline;
import dev.netproof.app.ingest.Progress;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.query.DnsSearch;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.testkit.Corpus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS transactions from a whole ingest reach the store, linked to their flows, and agree with
 * tshark's view of the same capture (the corpus oracle): one row per exchange tshark reports,
 * answered or lone alike, with its response time and answers.
 */
class DnsIngestTest {
    @TempDir
    Path dir;

    @Test
    void dnsTransactionsAreStoredLinkedToTheirFlowsAsTsharkPairsThem() throws Exception {
        List<String> names = List.of("sv-dns-a-aaaa-mx", "zeek-dns-two-responses", "sv-dns-nxdomain-soa", "zeek-dns53", "sv-dns-tcp");
        try (Store store = Store.open(dir)) {
            for (String name : names) {
                try (StoreWriter w = new StoreWriter(store, 64, 4)) {
                    new IngestPipeline(FlowTableConfig.defaults(), Progress.Mode.NONE, System.err)
                            .run(Corpus.bundled(name).path(), w);
                }
            }
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                for (String name : names) {
                    JsonNode oracle = Corpus.bundled(name).oracle().path("dns");
                    List<String> want = new ArrayList<>(), got = new ArrayList<>();
                    for (JsonNode t : oracle) {
                        boolean q = !t.path("query_frame").isNull(), r = !t.path("response_frame").isNull();
                        String status = q && r ? "answered" : q ? "unanswered" : "response_only";
                        long rttMicros = t.path("time").isNull() ? -1 : Math.round(t.path("time").asDouble() * 1e6);
                        want.add(Integer.parseInt(t.path("id").asText().substring(2), 16) + " " + t.path("name").asText()
                                + " " + status + " " + rttMicros + " " + (r ? t.path("rcode").asInt() : -1));
                    }
                    try (ResultSet rs = s.executeQuery("SELECT trans_id, query, status, coalesce(round(rtt * 1e6), -1)::BIGINT, "
                            + "coalesce(rcode, -1) FROM dns_events WHERE source LIKE '%" + name + ".pcap' ORDER BY ts_ns, status")) {
                        while (rs.next()) {
                            got.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4)
                                    + " " + rs.getInt(5));
                        }
                    }
                    assertEquals(want, got, name);
                }
                // the event's originator is the side that asked; the flow's is the side seen first (for a
                // lone response, the server): so either end of the flow
                String o = TransactionsStoreTest.text("d", "orig"), r = TransactionsStoreTest.text("d", "resp");
                try (ResultSet rs = s.executeQuery("SELECT count(*), count(f.uid) FROM dns_events d LEFT JOIN flows f "
                        + "ON f.uid = d.uid AND ((f.orig_h = " + o + " AND f.orig_p = d.orig_p AND f.resp_h = " + r + ") "
                        + "OR (f.resp_h = " + o + " AND f.resp_p = d.orig_p AND f.orig_h = " + r + "))")) {
                    rs.next();
                    assertTrue(rs.getLong(1) >= 7);
                    assertEquals(rs.getLong(1), rs.getLong(2), "every DNS row joins its flow by uid and endpoints");
                }
                try (ResultSet rs = s.executeQuery("SELECT answers, ttls FROM dns_events "
                        + "WHERE source LIKE '%sv-dns-a-aaaa-mx.pcap' AND qtype = 1")) {
                    rs.next();
                    List<String> a = new ArrayList<>();
                    Corpus.bundled("sv-dns-a-aaaa-mx").oracle().path("dns").get(0).path("answers").path("a")
                            .forEach(x -> a.add(x.asText()));
                    assertEquals(a.toString(), rs.getString(1).replace("'", ""), "the A answers, in order");
                    assertTrue(rs.getString(2).startsWith("["), rs.getString(2));
                }
                var aaaa = DnsSearch.of("query == google.com and qtype == 28").run(c);
                assertEquals(1, aaaa.rows().size(), aaaa.rows().toString());
                List<String> want = new ArrayList<>();
                Corpus.bundled("sv-dns-a-aaaa-mx").oracle().path("dns").get(1).path("answers").path("aaaa")
                        .forEach(x -> want.add(x.asText()));
                assertEquals(want, aaaa.rows().get(0).get("answers"), "query dns gives tshark's AAAA answers");
                assertEquals(3, DnsSearch.of("query == google.com and id.resp_h in 8.8.8.0/24").run(c).rows().size());
                try (ResultSet rs = s.executeQuery("SELECT sum(value) FROM quality WHERE stage = 'dns' AND metric = 'messages'")) {
                    rs.next();
                    assertTrue(rs.getLong(1) >= 12, "the ledger counts the DNS messages: " + rs.getLong(1));
                }
            }
        }
    }
}
