package dev.netproof.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.bench.internal.SyntheticTraffic;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.Analyzers;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.Tshark;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/tls_mix.py}, the TLS mix of the analyzer benchmark, writes what it says: run over synthetic
 * traffic whose TCP flows go to ports 80 and 443, tshark finds a ClientHello in every rewritten connection
 * and not one unknown or malformed record, and netproof's TLS analyzer makes a row with the hello's server
 * name and no error for each.
 */
@Tag("tshark")
class TlsMixTest {
    @TempDir
    Path dir;

    @Test
    void theTlsMixIsTlsToTsharkAndToTheAnalyzer() throws Exception {
        Path in = dir.resolve("in.pcap"), out = dir.resolve("tls.pcap");
        writePcap(new SyntheticTraffic(3000, 7), in);
        Process p = new ProcessBuilder("python3", Path.of("tls_mix.py").toAbsolutePath().toString(), in.toString(),
                out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tls_mix.py did not finish");
        assertEquals(0, p.exitValue(), log);
        assertEquals(Files.size(in), Files.size(out), "lengths and the file's size do not change");

        // tshark: each rewritten connection starts with a ClientHello, and every segment of it parses as TLS
        // (a connection left alone keeps the generator's bytes, which tshark's heuristics may take for anything)
        List<List<String>> rows443 = Tshark.fields(out, List.of("-Y", "tcp.port == 443 && tcp.len > 0"), "a",
                "tcp.stream", "tls.handshake.type", "tls.handshake.extensions_server_name", "_ws.expert.message",
                "_ws.malformed");
        Set<String> withHello = new HashSet<>();
        for (List<String> row : rows443) {
            if (List.of(row.get(1).split(",")).contains("1")) {
                assertTrue(row.get(2).matches("www\\.[0-9a-f]{8}\\.example"), row.toString());
                withHello.add(row.get(0));
            }
        }
        int segments = 0;
        for (List<String> row : rows443) {
            if (!withHello.contains(row.get(0))) continue;
            segments++;
            String expert = row.get(3);
            assertTrue(!expert.contains("Unknown Record") && !expert.contains("alformed") && row.get(4).isEmpty(),
                    "tshark: " + row);
        }
        int rewritten = Integer.parseInt(log.replaceAll("(?s).* (\\d+) TLS connections.*", "$1"));
        assertTrue(rewritten > 200, log);
        assertEquals(rewritten, withHello.size(), "a ClientHello in every rewritten connection");
        assertTrue(segments > 2 * rewritten);

        // netproof: a row per connection, its server name, no parse error
        List<TlsEvent> rows = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket d = new DecodedPacket();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(), "test", f -> {}, QualitySink.DISCARD);
        Analyzers apps = new Analyzers(table, "test", QualitySink.DISCARD, new Analyzers.Sinks(null, null, rows::add, true));
        try (CaptureReader reader = CaptureReader.open(out, "test", QualitySink.DISCARD)) {
            reader.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> {
                decoder.decode(data, offset, capLen, wireLen, ts, linkType, d);
                table.accept(d);
                apps.accept(data, offset, d, table);
            });
        }
        table.finish();
        apps.finish();
        assertEquals(rewritten, rows.size());
        for (TlsEvent e : rows) {
            assertTrue(e.serverName() != null && e.serverName().startsWith("www."), e.toString());
            assertEquals(null, e.error(), e.toString());
            if (e.cipher() != null) assertEquals("TLSv13", e.version(), e.toString()); // the server answered
        }
    }

    /** The traffic in round-robin order as a classic little-endian pcap (what tls_mix.py reads), a microsecond apart. */
    private static void writePcap(SyntheticTraffic traffic, Path file) {
        try (Arena arena = Arena.ofConfined();
             PcapWriter out = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            MemorySegment scratch = arena.allocate(SyntheticTraffic.MAX_FRAME);
            long[] n = {0};
            traffic.roundRobin(SyntheticTraffic.MAX_PACKETS, scratch, (frame, length, flow, packet) ->
                    out.packet(1_700_000_000_000_000_000L + 1_000L * n[0]++, frame.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE)));
        }
    }
}
