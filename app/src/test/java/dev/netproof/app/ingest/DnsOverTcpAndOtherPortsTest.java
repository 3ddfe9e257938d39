package dev.netproof.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.Transport;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.testkit.Frames;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.Tshark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS over TCP (length-prefixed, several messages in one segment, one message over several
 * segments, a gap) and DNS on ports not known for it, from captures written here and read by tshark
 * too (with "decode as" for the odd ports): netproof pairs the same messages tshark decodes.
 */
@Tag("tshark")
class DnsOverTcpAndOtherPortsTest {
    static final String CLIENT = "192.0.2.10", SERVER = "198.51.100.53";

    @TempDir
    Path dir;

    /** A query for {@code name} type A with {@code id}; or its response with one A record, 192.0.2.{last}. */
    static byte[] dns(int id, String name, boolean response, int last) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, id);
        u16(b, response ? 0x8180 : 0x0100);
        u16(b, 1);
        u16(b, response ? 1 : 0);
        u16(b, 0);
        u16(b, 0);
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.write(0);
        u16(b, 1);
        u16(b, 1);
        if (response) {
            u16(b, 0xc00c);
            u16(b, 1);
            u16(b, 1);
            u16(b, 0);
            u16(b, 300);
            u16(b, 4);
            b.writeBytes(new byte[] {(byte) 192, 0, 2, (byte) last});
        }
        return b.toByteArray();
    }

    static byte[] framed(byte[]... messages) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            u16(b, m.length);
            b.writeBytes(m);
        }
        return b.toByteArray();
    }

    static void u16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    /** A TCP conversation writer with sequence numbers kept per side. */
    static final class Tcp {
        final PcapWriter w;
        final int cport, sport;
        long cseq = 1000, sseq = 9000, ts = 1_700_000_000_000_000_000L;

        Tcp(PcapWriter w, int cport, int sport) {
            this.w = w;
            this.cport = cport;
            this.sport = sport;
            send(true, Frames.SYN, new byte[0]);
            cseq++;
            send(false, Frames.SYN | Frames.ACK, new byte[0]);
            sseq++;
            send(true, Frames.ACK, new byte[0]);
        }

        Tcp send(boolean client, int flags, byte[] payload) {
            ts += 1_000_000;
            byte[] f = Frames.ethernet().ipv4(client ? CLIENT : SERVER, client ? SERVER : CLIENT)
                    .tcp(client ? cport : sport, client ? sport : cport).flags(flags)
                    .seq(client ? cseq : sseq).ack((flags & Frames.ACK) != 0 ? (client ? sseq : cseq) : 0)
                    .window(65535).payload(payload).build();
            w.packet(ts, f);
            if (client) cseq += payload.length;
            else sseq += payload.length;
            return this;
        }

        Tcp data(boolean client, byte[] payload) {
            return send(client, Frames.ACK | Frames.PSH, payload);
        }

        /** Moves a side's sequence number without sending: bytes the capture missed. */
        Tcp lose(boolean client, int n) {
            if (client) cseq += n;
            else sseq += n;
            return this;
        }

        void close() {
            send(true, Frames.FIN | Frames.ACK, new byte[0]);
            cseq++;
            send(false, Frames.FIN | Frames.ACK, new byte[0]);
            sseq++;
            send(true, Frames.ACK, new byte[0]);
        }
    }

    record Result(List<DnsEvent> events, Map<String, Long> ledger) {}

    Result ingest(Path file) throws Exception {
        List<DnsEvent> events = new ArrayList<>();
        List<QualityRow> rows = new ArrayList<>();
        new IngestPipeline(FlowTableConfig.defaults(), Progress.Mode.NONE, System.err).run(file, f -> {}, rows::add, events::add);
        Map<String, Long> totals = new TreeMap<>();
        for (QualityRow r : rows) totals.merge(r.stage() + "." + r.metric(), r.value(), Long::sum);
        return new Result(events, totals);
    }

    /** tshark's DNS messages (id and QR flag, in frame order) with extra "decode as" rules. */
    static List<String> tsharkMessages(Path file, String... decodeAs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        for (String d : decodeAs) cmd.addAll(List.of("-d", d));
        cmd.addAll(List.of("-Y", "dns", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=;", "-e", "dns.id",
                "-e", "dns.flags.response"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> messages = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (line.isBlank()) continue;
            String[] cols = line.split("\t");
            String[] ids = cols[0].split(";"), qr = cols[1].split(";");
            for (int i = 0; i < ids.length; i++) messages.add(Integer.decode(ids[i]) + (qr[i].equals("1") || qr[i].equals("True") ? "R" : "Q"));
        }
        return messages;
    }

    static List<String> ours(List<DnsEvent> events) {
        List<String> m = new ArrayList<>();
        for (DnsEvent e : events) {
            if (e.status() != DnsEvent.Status.RESPONSE_ONLY) m.add(e.transId() + "Q");
            if (e.status() != DnsEvent.Status.UNANSWERED) m.add(e.transId() + "R");
        }
        m.sort(null);
        return m;
    }

    @Test
    void tcpMessagesSharingASegmentOrSpreadOverSeveralArePaired() throws Exception {
        assumeTrue(Tshark.available());
        Path file = dir.resolve("dns-tcp.pcap");
        byte[] r1 = framed(dns(1, "one.example", true, 1));
        try (PcapWriter w = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            Tcp t = new Tcp(w, 40001, 53);
            t.data(true, framed(dns(1, "one.example", false, 0), dns(2, "two.example", false, 0))); // two queries, one segment
            t.data(false, Arrays.copyOfRange(r1, 0, 1));                    // half of the length
            t.data(false, Arrays.copyOfRange(r1, 1, 10));                   // the rest of it and some of the message
            t.data(false, Arrays.copyOfRange(r1, 10, r1.length));           // the end
            t.data(false, framed(dns(2, "two.example", true, 2)));
            t.close();
        }
        Result r = ingest(file);
        assertEquals(2, r.events().size(), r.events().toString());
        for (DnsEvent e : r.events()) {
            assertEquals(DnsEvent.Status.ANSWERED, e.status());
            assertEquals(Transport.TCP, e.proto());
            assertEquals(CLIENT, e.origH().toString());
            assertEquals(53, e.respP());
            assertEquals(List.of("192.0.2." + e.transId()), e.answers());
            assertTrue(e.rttNanos() > 0);
        }
        assertEquals("one.example", r.events().stream().filter(e -> e.transId() == 1).findFirst().orElseThrow().query());
        assertEquals(4L, r.ledger().get("dns.tcp_messages"));
        assertEquals(1L, r.ledger().get("stream.connections"));
        assertEquals(ours(r.events()), sorted(tsharkMessages(file)));
    }

    @Test
    void aGapInATcpStreamStopsThatDirectionAndIsCounted() throws Exception {
        Path file = dir.resolve("dns-tcp-gap.pcap");
        try (PcapWriter w = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            Tcp t = new Tcp(w, 40002, 53);
            t.data(true, framed(dns(7, "a.example", false, 0)));
            t.data(true, framed(dns(8, "b.example", false, 0)));
            byte[] lostResponse = framed(dns(7, "a.example", true, 7));
            t.lose(false, lostResponse.length);                              // the first response is never captured
            t.data(false, framed(dns(8, "b.example", true, 8)));
            t.send(true, Frames.ACK, new byte[0]);                           // the client acknowledges both
            t.close();
        }
        Result r = ingest(file);
        assertEquals(1L, r.ledger().get("stream.gaps"));
        assertEquals(1L, r.ledger().get("dns.tcp_lost"));
        // the responder's direction stopped at the gap: both queries go unanswered rather than mis-paired
        assertEquals(List.of(DnsEvent.Status.UNANSWERED, DnsEvent.Status.UNANSWERED),
                r.events().stream().map(DnsEvent::status).toList());
    }

    @Test
    void dnsOnPortsNotKnownForItIsFoundByItsFirstQuery() throws Exception {
        assumeTrue(Tshark.available());
        Path file = dir.resolve("dns-odd-ports.pcap");
        try (PcapWriter w = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            long ts = 1_700_000_000_000_000_000L;
            w.packet(ts, Frames.ethernet().ipv4(CLIENT, SERVER).udp(40100, 5300).payload(dns(21, "odd.example", false, 0)).build());
            w.packet(ts + 1_000_000, Frames.ethernet().ipv4(SERVER, CLIENT).udp(5300, 40100).payload(dns(21, "odd.example", true, 21)).build());
            // not DNS: a UDP flow on the same kind of port whose first payload is something else
            w.packet(ts + 2_000_000, Frames.ethernet().ipv4(CLIENT, SERVER).udp(40101, 5300).payload("hello, not dns at all").build());
            w.packet(ts + 3_000_000, Frames.ethernet().ipv4(SERVER, CLIENT).udp(5300, 40101).payload(dns(22, "late.example", true, 22)).build());
            Tcp t = new Tcp(w, 40102, 8053);
            t.data(true, framed(dns(23, "tcp.example", false, 0)));
            t.data(false, framed(dns(23, "tcp.example", true, 23)));
            t.close();
        }
        Result r = ingest(file);
        assertEquals(List.of("21Q", "21R", "23Q", "23R"), ours(r.events()));
        assertEquals(2L, r.ledger().get("dns.found_on_other_ports"));
        // tshark, told that port 5300 is DNS, decodes the same messages, and also the other flow's packets: the
        // text as a "query" with id 0x6865 ("he") and the reply after it, which our detector rightly left alone
        List<String> tshark = sorted(tsharkMessages(file, "udp.port==5300,dns", "tcp.port==8053,dns"));
        assertEquals(List.of("21Q", "21R", "22R", "23Q", "23R", 0x6865 + "Q"), tshark);
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }
}
