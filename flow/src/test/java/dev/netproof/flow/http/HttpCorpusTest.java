package dev.netproof.flow.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.testkit.Corpus;
import dev.netproof.flow.testing.DifferencesFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTTP captures of the corpus, reassembled by {@link CaptureStreams} and analysed, against
 * Zeek's http.log baselines (trans_depth, method, host, uri, referrer, version, user_agent, body
 * lengths, status) and tshark's oracle ({@code http_requests}: method, host, uri, version, status,
 * and the request and response frames' times). Known disagreements, each with its reason, are in
 * the {@code differences:http} block of DIFFERENCES.md; the test fails on a new one and on a listed one that no longer occurs.
 */
class HttpCorpusTest {
    static final List<String> CAPTURES = List.of("zeek-http-get", "zeek-http-pipelined", "zeek-http-100-continue",
            "zeek-wikipedia", "zeek-mixed-vlan-mpls", "sv-http-ipv6", "sv-syn-retransmit-vlan", "sv-tcp-ooo-lost",
            "zeek-ipv6-http-atomic-frag");

    /** The events of one capture, with redaction off (the baselines have the raw URIs). */
    static List<HttpEvent> analyse(String name) throws Exception {
        List<HttpEvent> events = new ArrayList<>();
        HttpAnalyzers analyzers = new HttpAnalyzers(name, QualitySink.DISCARD, events::add, false);
        for (CaptureStreams.Connection c : CaptureStreams.read(Corpus.bundled(name).path())) {
            Feed.play(c.calls(), analyzers.open(c.id(), c.firstTs()));
        }
        analyzers.flush();
        return events;
    }

    @Test
    void eventsAgreeWithZeekAndTshark() throws Exception {
        Path shared = Corpus.sharedDir().orElse(null);
        Assumptions.assumeTrue(shared != null, "the shared corpus holds Zeek's baselines");
        List<String> differences = new ArrayList<>();
        int zeekRows = 0, tsharkRequests = 0;
        for (String name : CAPTURES) {
            List<HttpEvent> events = analyse(name);
            Path log = shared.resolve("packets").resolve(name + ".expected.http.log");
            if (Files.exists(log)) zeekRows += zeek(name, log, events, differences);
            tsharkRequests += tshark(name, events, differences);
        }
        System.out.println("HTTP compared: " + zeekRows + " Zeek rows, " + tsharkRequests + " tshark requests");
        assertTrue(zeekRows >= 23, "Zeek rows compared: " + zeekRows);
        assertTrue(tsharkRequests >= 27, "tshark requests compared: " + tsharkRequests);
        assertEquals(listed(), new TreeSet<>(differences));
    }

    private static int zeek(String name, Path log, List<HttpEvent> events, List<String> out) throws Exception {
        List<String> fields = null;
        List<HttpEvent> unmatched = new ArrayList<>(events);
        int rows = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("#fields")) fields = List.of(line.substring(8).split("\t"));
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] v = line.split("\t", -1);
            rows++;
            List<String> names = Objects.requireNonNull(fields);
            java.util.function.Function<String, String> f = k -> {
                String x = v[names.indexOf(k)];
                return x.equals("-") ? null : x.equals("(empty)") ? "" : x;
            };
            String where = name + " " + f.apply("id.orig_p") + "#" + f.apply("trans_depth");
            HttpEvent e = unmatched.stream().filter(x -> String.valueOf(x.origP()).equals(f.apply("id.orig_p"))
                    && x.origH().toString().equals(f.apply("id.orig_h"))
                    && String.valueOf(x.transDepth()).equals(f.apply("trans_depth"))).findFirst().orElse(null);
            if (e == null) {
                out.add(where + ": zeek row, no event");
                continue;
            }
            unmatched.remove(e);
            check(out, where, "zeek method", f.apply("method"), e.method());
            check(out, where, "zeek host", f.apply("host"), e.host());
            check(out, where, "zeek uri", f.apply("uri"), e.uri());
            check(out, where, "zeek referrer", f.apply("referrer"), e.referrer());
            // Zeek's version is the reply's once one is seen
            check(out, where, "zeek version", f.apply("version"),
                    e.responseVersion() != null ? e.responseVersion() : e.version());
            check(out, where, "zeek user_agent", f.apply("user_agent"), e.userAgent());
            check(out, where, "zeek request_body_len", f.apply("request_body_len"), String.valueOf(e.requestBodyLen()));
            check(out, where, "zeek response_body_len", f.apply("response_body_len"), String.valueOf(e.responseBodyLen()));
            check(out, where, "zeek status_code", f.apply("status_code"), e.statusCode() < 0 ? null : String.valueOf(e.statusCode()));
            check(out, where, "zeek status_msg", f.apply("status_msg"), e.statusMsg());
            check(out, where, "zeek info_code", f.apply("info_code"), e.infoCode() < 0 ? null : String.valueOf(e.infoCode()));
        }
        for (HttpEvent e : unmatched) out.add(name + " " + e.origP() + "#" + e.transDepth() + ": event, no zeek row");
        return rows;
    }

    private static int tshark(String name, List<HttpEvent> events, List<String> out) throws Exception {
        JsonNode requests = Corpus.bundled(name).oracle().path("http_requests");
        List<Long> frameTs = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(Corpus.bundled(name).path(), QualitySink.DISCARD)) {
            r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> frameTs.add(ts));
        }
        List<HttpEvent> unmatched = new ArrayList<>(events);
        for (JsonNode t : requests) {
            int frame = t.get("frame").asInt();
            String where = name + " frame " + frame;
            long ts = frameTs.get(frame - 1);
            HttpEvent e = unmatched.stream().filter(x -> Objects.equals(x.method(), t.get("method").asText())
                    && Objects.equals(x.uri(), t.get("uri").asText()) && x.tsNanos() <= ts).findFirst().orElse(null);
            if (e == null) {
                out.add(where + ": tshark request, no event");
                continue;
            }
            unmatched.remove(e);
            check(out, where, "tshark request frame time", ts, e.tsNanos());
            check(out, where, "tshark host", t.get("host").isNull() ? null : t.get("host").asText(), e.host());
            check(out, where, "tshark version", t.get("version").asText(), e.version().equals("0.9") ? "" : "HTTP/" + e.version());
            check(out, where, "tshark status", t.get("status").isNull() ? null : t.get("status").asInt(),
                    e.statusCode() < 0 ? null : e.statusCode());
            if (!t.get("response_frame").isNull()) {
                long respTs = frameTs.get(t.get("response_frame").asInt() - 1);
                check(out, where, "tshark response frame time", respTs, e.durationNanos() < 0 ? null : e.tsNanos() + e.durationNanos());
                check(out, where, "tshark http_time us", Math.round(t.get("http_time").asDouble() * 1e6),
                        e.durationNanos() < 0 ? null : (e.tsNanos() + e.durationNanos() - ts) / 1000);
            }
        }
        for (HttpEvent e : unmatched) {
            if (e.method() != null) out.add(name + " " + e.method() + " " + e.uri() + ": event, no tshark request");
        }
        return requests.size();
    }

    private static void check(List<String> out, String where, String field, Object want, Object got) {
        if (!Objects.equals(want, got)) out.add(where + " " + field + ": want " + want + ", netproof " + got);
    }

    private static TreeSet<String> listed() {
        return new TreeSet<>(DifferencesFile.block("http"));
    }
}
