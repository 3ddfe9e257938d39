package dev.netproof.flow.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.tls.ClientHello;
import dev.netproof.decode.tls.ServerHello;
import dev.netproof.decode.tls.TlsListener;
import dev.netproof.decode.tls.TlsStreamParser;
import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Tshark;
import dev.netproof.flow.testing.DifferencesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TLS captures of the corpus, each connection's streams fed to the analyzer, against three
 * outside readings of them: tshark's hellos in the corpus oracle (SNI, versions, ALPN, cipher) and its
 * JA3/JA3S, Zeek's ssl.log baselines (every logged column the analyzer fills), and the suricata-verify
 * expectations (JA3 string, JA4). Disagreements that are understood are listed, with their reason, in
 * the {@code differences:tls} block of DIFFERENCES.md; the test fails on any other, and on a listed one that no longer occurs.
 */
class TlsCorpusTest {
    private static final Pattern FIELD = Pattern.compile("^\\s*tls\\.(ja4|ja3\\.string):\\s*\"?([^\"]*)\"?\\s*$");

    /** What raw parsers saw in one connection. */
    private record Hellos(List<ClientHello> clients, List<ServerHello> servers) {}

    @Test
    void hellosAgreeWithTheTsharkOracle() throws Exception {
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Corpus.Capture c : Corpus.bundled()) {
            JsonNode oracle = c.oracle();
            if (oracle.path("tls_client_hellos").isEmpty()) continue;
            Map<Integer, Hellos> seen = hellos(c.path());
            Map<Integer, Integer> chIndex = new HashMap<>(), shIndex = new HashMap<>();
            for (JsonNode t : oracle.path("tls_client_hellos")) {
                int stream = t.get("tcp_stream").asInt();
                int i = chIndex.merge(stream, 1, Integer::sum) - 1;
                String where = c.name() + " frame " + t.get("frame").asInt();
                Hellos h = seen.get(stream);
                if (h == null || h.clients().size() <= i) {
                    diffs.add(where + ": ClientHello not decoded");
                    continue;
                }
                ClientHello ch = h.clients().get(i);
                compared++;
                check(diffs, where, "sni", t.get("sni").isNull() ? null : t.get("sni").asText(), ch.serverName());
                check(diffs, where, "legacy_version", t.get("legacy_version").asText(), hex(ch.legacyVersion()));
                check(diffs, where, "supported_versions", texts(t.get("supported_versions")),
                        ch.supportedVersions().stream().map(TlsCorpusTest::hex).toList());
                check(diffs, where, "alpn", texts(t.get("alpn")), ch.alpn());
            }
            for (JsonNode t : oracle.path("tls_server_hellos")) {
                int stream = t.get("tcp_stream").asInt();
                int i = shIndex.merge(stream, 1, Integer::sum) - 1;
                String where = c.name() + " frame " + t.get("frame").asInt();
                Hellos h = seen.get(stream);
                if (h == null || h.servers().size() <= i) {
                    diffs.add(where + ": ServerHello not decoded");
                    continue;
                }
                ServerHello sh = h.servers().get(i);
                compared++;
                check(diffs, where, "legacy_version", t.get("legacy_version").asText(), hex(sh.legacyVersion()));
                check(diffs, where, "selected_version", t.get("selected_version").asText(), hex(sh.selectedVersion()));
                check(diffs, where, "cipher", t.get("cipher").asText(), hex(sh.cipherSuite()));
            }
            for (var e : seen.entrySet()) { // nothing decoded that tshark did not see
                check(diffs, c.name() + " stream " + e.getKey(), "hellos",
                        chIndex.getOrDefault(e.getKey(), 0) + "/" + shIndex.getOrDefault(e.getKey(), 0),
                        e.getValue().clients().size() + "/" + e.getValue().servers().size());
            }
        }
        assertEquals(List.of(), diffs);
        assertTrue(compared >= 18, "too few hellos compared: " + compared);
    }

    @Test
    @Tag("tshark")
    void ja3AndJa3sAgreeWithTshark() throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed");
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Corpus.Capture c : Corpus.bundled()) {
            if (c.oracle().path("tls_client_hellos").isEmpty()) continue;
            Map<Integer, Hellos> seen = hellos(c.path());
            Map<Integer, List<String>> ours = new HashMap<>(), theirs = new HashMap<>();
            seen.forEach((stream, h) -> {
                List<String> l = ours.computeIfAbsent(stream, k -> new ArrayList<>());
                h.clients().forEach(ch -> l.add(ch.ja3() + " " + ch.ja3Hash()));
                h.servers().forEach(sh -> l.add(sh.ja3s() + " " + sh.ja3sHash()));
            });
            for (List<String> row : Tshark.fields(c.path(), "tcp.stream", "tls.handshake.ja3_full", "tls.handshake.ja3", "tls.handshake.ja3s_full",
                    "tls.handshake.ja3s")) {
                if (row.get(1).isEmpty() && row.get(3).isEmpty()) continue;
                List<String> l = theirs.computeIfAbsent(Integer.parseInt(row.get(0)), k -> new ArrayList<>());
                if (!row.get(1).isEmpty()) l.add(row.get(1) + " " + row.get(2));
                if (!row.get(3).isEmpty()) l.add(row.get(3) + " " + row.get(4));
                compared++;
            }
            // tshark lists a frame's hellos client first; order each stream's list the same way
            ours.replaceAll((k, v) -> v.stream().sorted().toList());
            theirs.replaceAll((k, v) -> v.stream().sorted().toList());
            check(diffs, c.name(), "ja3", theirs, ours);
        }
        assertEquals(List.of(), diffs);
        assertTrue(compared >= 18, "too few hellos compared: " + compared);
    }

    @Test
    void ja3AndJa4AgreeWithSuricataVerify() throws Exception {
        int compared = 0;
        for (Corpus.Capture c : Corpus.bundled()) {
            Path yaml = Path.of(Corpus.SHARED_DIR, "packets", c.name() + ".expected.test.yaml");
            if (!c.name().startsWith("sv-") || !Files.exists(yaml)) continue;
            List<TlsEvent> events = events(c.path());
            for (String line : Files.readAllLines(yaml)) {
                Matcher m = FIELD.matcher(line);
                if (!m.matches()) continue;
                assertEquals(1, events.size(), c.name() + ": one TLS connection");
                String got = m.group(1).equals("ja4") ? events.get(0).ja4() : events.get(0).ja3();
                assertEquals(m.group(2), got, c.name() + " " + m.group(1));
                compared++;
            }
        }
        assertEquals(2, compared, "sv-ja4-tls gives a JA4, sv-tls13-duplicate-hello a JA3 string");
    }

    @Test
    void eventsAgreeWithZeeksSslLog() throws Exception {
        int rows = 0;
        List<String> diffs = new ArrayList<>();
        for (Corpus.Capture c : Corpus.bundled()) {
            Path log = Path.of(Corpus.SHARED_DIR, "packets", c.name() + ".expected.ssl.log");
            if (!Files.exists(log)) continue;
            List<Map<String, String>> zeek = ZeekLog.read(log);
            List<TlsEvent> events = new ArrayList<>(events(c.path()));
            for (Map<String, String> z : zeek) {
                rows++;
                String key = z.get("id.orig_h") + ":" + z.get("id.orig_p") + ">" + z.get("id.resp_h") + ":" + z.get("id.resp_p");
                TlsEvent e = events.stream().filter(x -> (x.origH() + ":" + x.origP() + ">" + x.respH() + ":" + x.respP())
                        .equals(key)).findFirst().orElse(null);
                if (e == null) {
                    diffs.add(c.name() + " " + key + ": no event");
                    continue;
                }
                events.remove(e);
                String where = c.name() + " " + key;
                check(diffs, where, "version", z.get("version"), e.version());
                check(diffs, where, "cipher", z.get("cipher"), e.cipher());
                check(diffs, where, "curve", z.get("curve"), e.curve());
                check(diffs, where, "server_name", z.get("server_name"), e.serverName());
                check(diffs, where, "resumed", z.get("resumed"), e.resumed() ? "T" : "F");
                check(diffs, where, "last_alert", z.get("last_alert"), e.lastAlert());
                check(diffs, where, "next_protocol", z.get("next_protocol"), e.nextProtocol());
                check(diffs, where, "established", z.get("established"), e.established() ? "T" : "F");
                check(diffs, where, "ssl_history", z.get("ssl_history"), e.sslHistory());
                check(diffs, where, "cert_chain_fps", ZeekLog.vector(z.get("cert_chain_fps")), e.certChainFps());
            }
            for (TlsEvent e : events) diffs.add(c.name() + " " + e.origH() + ":" + e.origP() + ": event without a Zeek row");
        }
        assertEquals(6, rows, "rows of the five ssl.log baselines");
        assertEquals(known(), new TreeSet<>(diffs), "differences with Zeek not listed in DIFFERENCES.md (differences:tls), or listed and gone");
    }

    /** Every capture's ledger: each connection ends as one event, not TLS, or undecided. */
    @Test
    void everyConnectionIsAccountedFor() throws Exception {
        for (Corpus.Capture c : Corpus.bundled()) {
            if (c.oracle().path("tcp_streams").isEmpty()) continue;
            List<TlsEvent> events = new ArrayList<>();
            TlsAnalyzers tls = new TlsAnalyzers(c.name(), QualitySink.DISCARD, events::add);
            for (TcpStreams.Conn conn : TcpStreams.read(c.path())) conn.replay(tls.open(conn.id(), 0));
            assertEquals(tls.total(TlsAnalyzers.Metric.CONNECTIONS), tls.total(TlsAnalyzers.Metric.EVENTS)
                    + tls.total(TlsAnalyzers.Metric.NOT_TLS) + tls.total(TlsAnalyzers.Metric.UNDECIDED), c.name() + " " + tls.totals());
            assertEquals(events.size(), tls.total(TlsAnalyzers.Metric.EVENTS), c.name());
            int hellos = c.oracle().path("tls_client_hellos").size();
            assertTrue(tls.total(TlsAnalyzers.Metric.HELLOS) == hellos, c.name() + ": hellos " + tls.totals());
        }
    }

    static List<TlsEvent> events(Path capture) throws Exception {
        List<TlsEvent> out = new ArrayList<>();
        TlsAnalyzers tls = new TlsAnalyzers("test", QualitySink.DISCARD, out::add);
        for (TcpStreams.Conn conn : TcpStreams.read(capture)) conn.replay(tls.open(conn.id(), 0));
        return out;
    }

    private static Map<Integer, Hellos> hellos(Path capture) throws Exception {
        Map<Integer, Hellos> out = new HashMap<>();
        for (TcpStreams.Conn conn : TcpStreams.read(capture)) {
            Hellos h = new Hellos(new ArrayList<>(), new ArrayList<>());
            TlsListener l = new TlsListener() {
                @Override
                public void clientHello(ClientHello hello, long ts) {
                    h.clients().add(hello);
                }

                @Override
                public void serverHello(ServerHello hello, long ts) {
                    h.servers().add(hello);
                }
            };
            TlsStreamParser orig = new TlsStreamParser(l), resp = new TlsStreamParser(l);
            for (TcpStreams.Chunk k : conn.chunks()) {
                if (k.bytes() == null) continue;
                var p = k.fromOrig() ? orig : resp;
                p.accept(java.lang.foreign.MemorySegment.ofArray(k.bytes()), 0, k.bytes().length, k.tsNanos());
                if (k.fromOrig() ? false : !h.servers().isEmpty() && h.servers().getLast().tls13()) orig.tls13();
            }
            if (!h.clients().isEmpty() || !h.servers().isEmpty()) out.put(conn.stream(), h);
        }
        return out;
    }

    private static TreeSet<String> known() {
        return new TreeSet<>(DifferencesFile.block("tls"));
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String hex(int v) {
        return String.format("0x%04x", v);
    }

    private static void check(List<String> out, String where, String field, Object want, Object got) {
        if (!Objects.equals(want, got)) out.add(where + " " + field + ": expected " + want + ", netproof " + got);
    }
}
