package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netproof.testkit.Frames;
import dev.netproof.testkit.PcapWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: real captures in, answers and errors out, exit codes as documented. */
class CliTest {
    @TempDir static Path dir;
    static Path sample;

    @BeforeAll
    static void copySample() throws IOException {
        sample = dir.resolve("wikipedia.pcap");
        try (var in = CliTest.class.getResourceAsStream("/samples/zeek-wikipedia.pcap")) {
            Files.copy(in, sample);
        }
    }

    @Test
    void ingestThenQueryFlowsAsJsonWithZeekNames() throws Exception {
        Path data = dir.resolve("d1");
        var ingest = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "plain", sample.toString());
        assertEquals(0, ingest.exit(), ingest.err());
        assertTrue(ingest.out().contains("136 packets"), ingest.out());
        assertTrue(ingest.out().contains("34 flows stored"), ingest.out());
        assertFalse(ingest.err().contains("Exception"), ingest.err());

        var q = Cli.run(dir, "query", "flows", "--data", data.toString(), "--format", "json",
                "--filter", "id.resp_p == 53 and proto == udp");
        assertEquals(0, q.exit(), q.err());
        List<String> lines = q.out().lines().toList();
        assertEquals(14, lines.size(), q.out());
        JsonNode row = new ObjectMapper().readTree(lines.get(0));
        for (String f : List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "duration",
                "orig_bytes", "resp_bytes", "conn_state", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts",
                "resp_ip_bytes", "community_id")) {
            assertTrue(row.has(f), "missing " + f + " in " + row);
        }
        assertEquals(53, row.get("id.resp_p").asInt());
        assertEquals("SF", row.get("conn_state").asText());
    }

    @Test
    void theDnsAnalyzerRunsUnlessTurnedOff() throws Exception {
        Path on = dir.resolve("dns-on"), off = dir.resolve("dns-off");
        assertEquals(0, Cli.run(dir, "ingest", "--data", on.toString(), "--progress", "none", sample.toString()).exit());
        var noDns = Cli.run(dir, "ingest", "--no-dns", "--data", off.toString(), "--progress", "none", sample.toString());
        assertEquals(0, noDns.exit(), noDns.err());
        var withQuality = Cli.run(dir, "query", "quality", "--data", on.toString());
        var withoutQuality = Cli.run(dir, "query", "quality", "--data", off.toString());
        assertTrue(withQuality.out().lines().anyMatch(l -> l.matches(".*\\bdns\\s+messages\\s+[1-9].*")), withQuality.out());
        assertTrue(withoutQuality.out().lines().noneMatch(l -> l.matches(".*\\bdns\\b.*")), withoutQuality.out());
    }

    @Test
    void httpAndTlsAnalyzersRunUnlessTurnedOffAndAreQueried() throws Exception {
        Path tlsSample = dir.resolve("tls12.pcap");
        try (var in = CliTest.class.getResourceAsStream("/samples/zeek-tls12.pcap")) {
            Files.copy(in, tlsSample);
        }
        Path on = dir.resolve("apps-on"), off = dir.resolve("apps-off");
        var ingest = Cli.run(dir, "ingest", "--data", on.toString(), "--progress", "none", sample.toString(), tlsSample.toString());
        assertEquals(0, ingest.exit(), ingest.err());
        var http = Cli.run(dir, "query", "http", "--data", on.toString(), "--format", "json", "--filter", "method == GET");
        assertEquals(0, http.exit(), http.err());
        List<String> rows = http.out().lines().toList();
        assertTrue(rows.size() > 5, http.out());
        JsonNode first = new ObjectMapper().readTree(rows.getFirst());
        for (String f : List.of("ts", "uid", "id.orig_h", "id.resp_p", "trans_depth", "method", "host", "uri", "version",
                "status_code", "response_body_len")) {
            assertTrue(first.has(f), "missing " + f + " in " + first);
        }
        var tls = Cli.run(dir, "query", "tls", "--data", on.toString());
        assertEquals(0, tls.exit(), tls.err());
        assertTrue(tls.out().contains("TLS_RSA_WITH_RC4_128_MD5"), tls.out());
        assertTrue(tls.out().contains("1 TLS handshakes"), tls.out());

        var none = Cli.run(dir, "ingest", "--no-http", "--no-tls", "--data", off.toString(), "--progress", "none",
                sample.toString(), tlsSample.toString());
        assertEquals(0, none.exit(), none.err());
        var quality = Cli.run(dir, "query", "quality", "--data", off.toString());
        assertTrue(quality.out().lines().noneMatch(l -> l.matches(".*\\b(http|tls)\\b.*")), quality.out());
        assertEquals("", Cli.run(dir, "query", "http", "--data", off.toString(), "--format", "json").out());
    }

    @Test
    void topByResponderPortCountsFlows() throws Exception {
        Path data = dir.resolve("d2");
        assertEquals(0, Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", sample.toString()).exit());
        var top = Cli.run(dir, "query", "top", "--data", data.toString(), "--by", "id.resp_p", "--metric", "flows",
                "--format", "json", "--limit", "3");
        assertEquals(0, top.exit(), top.err());
        JsonNode first = new ObjectMapper().readTree(top.out().lines().findFirst().orElseThrow());
        assertEquals(53, first.get("id.resp_p").asInt(), top.out());
        assertEquals(14, first.get("flows").asLong(), top.out());
    }

    @Test
    void notACaptureIsOneLineErrorAndExitOne() throws Exception {
        Path junk = dir.resolve("junk.pcap");
        Files.writeString(junk, "this is not a capture file at all, just text\n");
        var r = Cli.run(dir, "ingest", "--data", dir.resolve("d3").toString(), "--progress", "none", junk.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("junk.pcap"), r.err());
        assertFalse(r.err().contains("at dev.") || r.err().contains("Exception"), r.err());
    }

    @Test
    void truncatedFileKeepsWhatCameBeforeAndExitsOne() throws Exception {
        Path cut = dir.resolve("cut.pcap");
        byte[] whole = Files.readAllBytes(sample);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 37));
        Path data = dir.resolve("d4");
        var r = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", cut.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("cut.pcap: offset "), r.err());
        assertTrue(r.out().contains("135 packets"), r.out());
        var q = Cli.run(dir, "query", "quality", "--data", data.toString(), "--format", "json");
        assertEquals(0, q.exit(), q.err());
        assertTrue(q.out().contains("\"packetsRead\":135") || q.out().contains("\"packets_read\":135"), q.out());
    }

    @Test
    void queryWithoutStoreSaysSo() throws Exception {
        var r = Cli.run(dir, "query", "flows", "--data", dir.resolve("nothing-here").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("netproof: no store in "), r.err());
    }

    @Test
    void badFilterIsAUsageErrorWithPosition() throws Exception {
        Path data = dir.resolve("d5");
        assertEquals(0, Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", sample.toString()).exit());
        var r = Cli.run(dir, "query", "flows", "--data", data.toString(), "--filter", "id.orig_h ==");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("filter"), r.err());
    }

    @Test
    void unknownOptionIsExitTwoWithHint() throws Exception {
        var r = Cli.run(dir, "ingest", "--no-such-option", "x.pcap");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--help"), r.err());
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String[] c : new String[][] {{"--help"}, {"ingest", "--help"}, {"query", "flows", "--help"},
                {"query", "top", "--help"}, {"query", "quality", "--help"}, {"serve", "--help"}, {"demo", "--help"}}) {
            var r = Cli.run(dir, c);
            assertEquals(0, r.exit(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.out().contains("Usage:"), r.out());
        }
        assertTrue(Cli.run(dir, "ingest", "--help").out().contains("--data"));
    }

    @Test
    void synthesizedCaptureRoundTrips() throws Exception {
        // a tiny capture written by the test kit: one DNS exchange on VLAN 42
        Path f = dir.resolve("vlan.pcap");
        try (var w = PcapWriter.toFile(f, PcapWriter.Header.ethernet())) {
            w.packet(1_700_000_000_000_000_000L, Frames.ethernet().vlan(42).ipv4("10.1.1.1", "10.1.1.2").udp(5000, 53).payload(new byte[30]).build());
            w.packet(1_700_000_000_001_000_000L, Frames.ethernet().vlan(42).ipv4("10.1.1.2", "10.1.1.1").udp(53, 5000).payload(new byte[60]).build());
        }
        Path data = dir.resolve("d6");
        assertEquals(0, Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", f.toString()).exit());
        var q = Cli.run(dir, "query", "flows", "--data", data.toString(), "--format", "json", "--filter", "vlan == 42");
        JsonNode row = new ObjectMapper().readTree(q.out().lines().findFirst().orElseThrow());
        assertEquals(42, row.get("vlan").asInt());
        assertEquals(30, row.get("orig_bytes").asLong());
        assertEquals(60, row.get("resp_bytes").asLong());
        assertEquals(0.001, row.get("duration").asDouble(), 1e-9);
    }
}
