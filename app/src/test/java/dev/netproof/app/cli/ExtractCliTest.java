package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netproof.app.extract.PacketExtract;
import dev.netproof.app.extract.PcapApi;
import dev.netproof.packetstore.Extraction;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.server.ApiServer;
import dev.netproof.store.Store;
import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Tshark;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netproof extract} and {@code GET /api/v1/pcap} against tshark: the packets of a flow, a host
 * or a filter, extracted from the packet store, are exactly the packets tshark selects from the
 * original capture with the same conversation filter: same count, times, lengths and bytes.
 */
@Tag("tshark")
class ExtractCliTest {
    @TempDir static Path dir;
    static Path wikipedia, fragments, data;

    @BeforeAll
    static void ingest() throws Exception {
        assumeTrue(Tshark.available());
        wikipedia = dir.resolve("wikipedia.pcap");
        Files.copy(Corpus.bundled("zeek-wikipedia").path(), wikipedia);
        fragments = dir.resolve("fragments.pcap");
        Files.copy(Corpus.bundled("zeek-ipv4-fragmented-1").path(), fragments);
        data = dir.resolve("data");
        var r = Cli.run(dir, "ingest", "--data", data.toString(), "--progress", "none", wikipedia.toString(), fragments.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("packets: packets_stored=136"), r.out());
        assertTrue(r.out().contains("packets: packets_stored=3"), r.out());
    }

    /** Times, lengths and the bytes of every packet, as tshark prints them. */
    private static List<String> packets(Path capture, String displayFilter) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
        if (displayFilter != null) cmd.addAll(List.of("-Y", displayFilter));
        cmd.addAll(List.of("-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len"));
        List<String> rows = Tshark.run(cmd).lines().toList();
        List<String> hex = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-x"));
        if (displayFilter != null) hex.addAll(List.of("-Y", displayFilter));
        String dump = Tshark.run(hex);
        List<String> out = new ArrayList<>(rows);
        out.add(Integer.toHexString(dump.hashCode()) + " " + dump.length());
        return out;
    }

    private static JsonNode flows(String filter) throws Exception {
        var q = Cli.run(dir, "query", "flows", "--data", data.toString(), "--format", "json", "--filter", filter);
        assertEquals(0, q.exit(), q.err());
        ObjectMapper json = new ObjectMapper();
        var arr = json.createArrayNode();
        for (String line : q.out().lines().toList()) arr.add(json.readTree(line));
        return arr;
    }

    @Test
    void byUidEveryTcpConnectionToOneServerMatchesTshark() throws Exception {
        JsonNode rows = flows("id.resp_h == 208.80.152.3 and proto == tcp");
        assertTrue(rows.size() >= 2, rows.toString());
        for (JsonNode f : rows) {
            Path out = dir.resolve(f.get("uid").asText() + ".pcap");
            var r = Cli.run(dir, "extract", "--data", data.toString(), "--uid", f.get("uid").asText(), "-o", out.toString());
            assertEquals(0, r.exit(), r.err());
            String conv = "ip.addr==" + f.get("id.orig_h").asText() + " && ip.addr==" + f.get("id.resp_h").asText()
                    + " && tcp.port==" + f.get("id.orig_p").asInt() + " && tcp.port==" + f.get("id.resp_p").asInt();
            List<String> expected = packets(wikipedia, conv);
            assertEquals(expected, packets(out, null), conv);
            long n = f.get("orig_pkts").asLong() + f.get("resp_pkts").asLong();
            assertEquals(n, expected.size() - 1, "the flow's packet count");
            assertTrue(r.err().contains(n + " packets"), r.err());
            assertTrue(Tshark.capinfos(out).contains("nanosecond pcap"), "classic pcap for one link type: " + Tshark.capinfos(out));
        }
    }

    @Test
    void byHostMatchesTshark() throws Exception {
        Path out = dir.resolve("host.pcap");
        var r = Cli.run(dir, "extract", "--data", data.toString(), "--host", "141.142.2.2", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = packets(wikipedia, "ip.addr==141.142.2.2");
        assertEquals(28, expected.size() - 1);
        assertEquals(expected, packets(out, null));
    }

    @Test
    void byHostWithinATimeRange() throws Exception {
        // the first second of the capture only
        List<List<String>> first = Tshark.fields(wikipedia, "frame.time_epoch");
        double t0 = Double.parseDouble(first.getFirst().getFirst());
        long from = (long) Math.floor(t0), to = from + 2;
        Path out = dir.resolve("host-range.pcap");
        var r = Cli.run(dir, "extract", "--data", data.toString(), "--host", "141.142.220.118", "--from", Long.toString(from),
                "--to", Long.toString(to), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = packets(wikipedia, "ip.addr==141.142.220.118 && frame.time_epoch >= " + from
                + " && frame.time_epoch < " + to);
        assertTrue(expected.size() > 10, expected.toString());
        assertEquals(expected, packets(out, null));
    }

    @Test
    void byFilterMatchesTshark() throws Exception {
        Path out = dir.resolve("dns.pcap");
        var r = Cli.run(dir, "extract", "--data", data.toString(), "--filter", "id.resp_p == 53 and proto == udp",
                "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = packets(wikipedia, "udp.port==53 && !icmp");
        assertEquals(expected, packets(out, null));
        assertTrue(r.err().contains("14 flow(s)"), r.err());
    }

    @Test
    void laterIpFragmentsComeWithTheirFlow() throws Exception {
        JsonNode rows = flows("id.orig_h == 164.1.123.163");
        assertEquals(1, rows.size(), rows.toString());
        Path out = dir.resolve("frags.pcap");
        var r = Cli.run(dir, "extract", "--data", data.toString(), "--uid", rows.get(0).get("uid").asText(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(packets(fragments, null), packets(out, null));
    }

    @Test
    void clearOneLineErrors() throws Exception {
        var r = Cli.run(dir, "extract", "--data", data.toString(), "--uid", "CNoSuchFlow", "-o", dir.resolve("x.pcap").toString());
        assertEquals(1, r.exit());
        assertEquals("netproof: no flow with uid CNoSuchFlow", r.err().strip());
        assertFalse(Files.exists(dir.resolve("x.pcap")));

        r = Cli.run(dir, "extract", "--data", data.toString(), "--host", "141.142.2.2", "--from", "2030-01-01T00:00:00Z",
                "-o", dir.resolve("y.pcap").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("netproof: no packets stored for host 141.142.2.2 (2030-01-01T00:00:00Z to the end); "
                + "the packet store holds 2000-02-19T"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        r = Cli.run(dir, "extract", "--data", data.toString(), "--host", "141.142.2.2", "--uid", "C1", "-o", "z.pcap");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("exactly one of --uid, --host or --filter"), r.err());

        Path noPackets = dir.resolve("nopackets");
        assertEquals(0, Cli.run(dir, "ingest", "--no-packets", "--data", noPackets.toString(), "--progress", "none",
                fragments.toString()).exit());
        r = Cli.run(dir, "extract", "--data", noPackets.toString(), "--host", "164.1.123.61", "-o", "z.pcap");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("netproof: no packet store in "), r.err());
    }

    /**
     * Every flow of captures with VLANs, MPLS, IPv6 fragments and TCP closes followed by trailing ACKs
     * extracts to exactly as many packets as its row counts.
     */
    @Test
    void everyFlowExtractsToItsOwnPacketCount() throws Exception {
        Path d = dir.resolve("every");
        List<String> args = new ArrayList<>(List.of("ingest", "--data", d.toString(), "--progress", "none"));
        for (String c : List.of("zeek-mixed-vlan-mpls", "sv-syn-retransmit-vlan", "zeek-ipv6-fragmented-dns", "sv-eve-flow-vlan")) {
            Path f = dir.resolve(c + ".pcap");
            Files.copy(Corpus.bundled(c).path(), f);
            args.add(f.toString());
        }
        assertEquals(0, Cli.run(dir, args.toArray(String[]::new)).exit());
        int flows = 0;
        try (Store store = Store.open(d); PacketStore packets = PacketStoreOptions.openExisting(d);
             var c = store.connect(); var rs = c.createStatement().executeQuery("SELECT uid, orig_pkts + resp_pkts FROM flows")) {
            while (rs.next()) {
                PacketExtract.Plan plan = PacketExtract.parse(rs.getString(1), null, null, null, null).plan(store, packets);
                Extraction.Result r = plan.write(packets, OutputStream.nullOutputStream());
                assertEquals(rs.getLong(2), r.packets(), rs.getString(1));
                flows++;
            }
        }
        assertTrue(flows >= 10, flows + " flows");
    }

    @Test
    void theApiAnswersAPcapThatTsharkReads() throws Exception {
        try (Store store = Store.open(data);
             ApiServer server = new ApiServer(new ApiServer.Config("127.0.0.1", 0), store)
                     .withPcap(new PcapApi(store, data.resolve(PacketStoreOptions.DIR)))) {
            server.start();
            HttpClient http = HttpClient.newHttpClient();
            Path out = dir.resolve("api.pcap");
            HttpResponse<Path> res = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/v1/pcap?host="
                    + URLEncoder.encode("141.142.2.2", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofFile(out));
            assertEquals(200, res.statusCode());
            assertEquals("application/vnd.tcpdump.pcap", res.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("attachment; filename=\"host-141.142.2.2.pcap\"", res.headers().firstValue("Content-Disposition").orElseThrow());
            assertEquals("28", res.headers().firstValue("X-Netproof-Packets").orElseThrow());
            assertEquals("0", res.headers().firstValue("X-Netproof-Evicted-Segments").orElseThrow());
            assertEquals(packets(wikipedia, "ip.addr==141.142.2.2"), packets(out, null));

            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/v1/pcap?uid=CNoSuchFlow"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, bad.statusCode());
            assertEquals("{\"error\":\"no flow with uid CNoSuchFlow\"}", bad.body());
            bad = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/v1/pcap?host=nonsense")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("is not an IPv4 or IPv6 address"), bad.body());
        }
    }
}
