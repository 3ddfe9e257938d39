package dev.netproof.decode.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.decode.testing.CaptureFile;
import dev.netproof.decode.testing.Corpus;
import dev.netproof.decode.testing.Packet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every DNS response of the corpus that one frame carries whole, decoded here, against tshark's
 * view of it in the corpus oracle ({@code ../shared/corpus/oracle/NAME.json}, made by
 * {@code ../shared/tools/oracle}): id, question name and type, rcode, TC flag, answer count, and
 * the A, AAAA, CNAME, NS, PTR, MX exchange and TXT values of all sections, in order. Responses in
 * IPv6 fragments or spread over TCP segments wait for reassembly (counted, not compared).
 */
class DnsCorpusVsTsharkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyWholeResponseAgreesWithTshark() throws Exception {
        int compared = 0, skipped = 0;
        List<String> differences = new ArrayList<>();
        for (Path pcap : Corpus.captures()) {
            String base = pcap.getFileName().toString().replaceFirst("\\.pcapn?g?$", "");
            Path oracle = Corpus.dir().getParent().resolve("oracle").resolve(base + ".json");
            if (!Files.exists(oracle)) continue;
            JsonNode dns = JSON.readTree(oracle.toFile()).path("dns");
            if (dns.isEmpty()) continue;
            CaptureFile file = CaptureFile.read(pcap);
            for (JsonNode t : dns) {
                if (t.path("response_frame").isNull() || t.path("response_frame").isMissingNode()) continue;
                Packet p = file.packets().get(t.get("response_frame").asInt() - 1);
                DnsMessage m = decode(file, p, t.get("transport").asText());
                if (m == null) {
                    skipped++;
                    continue;
                }
                compared++;
                String where = base + " frame " + p.number();
                check(differences, where, "id", t.get("id").asText(), String.format("0x%04x", m.id()));
                // a message without a question: tshark has no name and no type
                check(differences, where, "name", t.get("name").isNull() ? null : t.get("name").asText(),
                        m.question() == null ? null : m.question().name().isEmpty() ? "<Root>" : m.question().name());
                check(differences, where, "qtype", t.get("qtype").isNull() ? null : t.get("qtype").asInt(),
                        m.question() == null ? null : m.question().type());
                check(differences, where, "rcode", t.get("rcode").asInt(), m.rcode());
                check(differences, where, "truncated", t.get("truncated").asBoolean(), m.truncated());
                check(differences, where, "answer_count", t.get("answer_count").asInt(), m.answerCount());
                Map<String, List<String>> want = new LinkedHashMap<>();
                t.path("answers").fields().forEachRemaining(e -> {
                    List<String> v = new ArrayList<>();
                    e.getValue().forEach(x -> v.add(x.asText()));
                    want.put(e.getKey(), v);
                });
                check(differences, where, "answers", want, answers(m));
                assertTrue(m.complete() || m.truncated(), where + ": " + m.error());
            }
        }
        System.out.println("DNS responses compared with tshark: " + compared + ", waiting for reassembly: " + skipped);
        assertTrue(compared >= 80, "too few responses compared: " + compared);
        assertEquals(List.of(), differences);
    }

    private static void check(List<String> out, String where, String field, Object want, Object got) {
        if (!java.util.Objects.equals(want, got)) out.add(where + " " + field + ": tshark " + want + ", netproof " + got);
    }

    /** The response's DNS message, or null when this frame does not carry it whole. */
    private static DnsMessage decode(CaptureFile file, Packet p, String transport) {
        DecodedPacket d = new DecodedPacket();
        new PacketDecoder().decode(file.segment(), p.dataOffset(), p.capLen(), p.wireLen(), p.tsNanos(), p.linkType(), d);
        if (d.fragment || d.payloadCaptured < d.payloadLen || d.payloadCaptured == 0) return null;
        long at = p.dataOffset() + d.payloadOffset;
        int len = d.payloadCaptured;
        if (transport.equals("tcp")) {
            if (len < 2) return null;
            int framed = ((file.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, at) & 0xff) << 8)
                    | (file.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 1) & 0xff);
            if (framed > len - 2) return null;
            at += 2;
            len = framed;
        }
        return new DnsDecoder().decode(file.segment(), at, len);
    }

    /** tshark's answer fields: every record of the message of these types, all sections, in order. */
    private static Map<String, List<String>> answers(DnsMessage m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<DnsRecord> all = new ArrayList<>(m.answers());
        all.addAll(m.authority());
        all.addAll(m.additional());
        for (String key : List.of("a", "aaaa", "cname", "ptr.domain_name", "mx.mail_exchange", "ns", "txt")) {
            List<String> v = new ArrayList<>();
            for (DnsRecord r : all) {
                switch (key) {
                    case "a" -> { if (r.type() == DnsDecoder.A) v.add(r.data()); }
                    case "aaaa" -> { if (r.type() == DnsDecoder.AAAA) v.add(r.data()); }
                    case "cname" -> { if (r.type() == DnsDecoder.CNAME) v.add(r.data()); }
                    case "ptr.domain_name" -> { if (r.type() == DnsDecoder.PTR) v.add(r.data()); }
                    case "mx.mail_exchange" -> { if (r.type() == DnsDecoder.MX) v.add(r.data().substring(r.data().indexOf(' ') + 1)); }
                    case "ns" -> { if (r.type() == DnsDecoder.NS) v.add(r.data()); }
                    case "txt" -> { if (r.type() == DnsDecoder.TXT) v.addAll(r.texts()); }
                    default -> throw new IllegalStateException(key);
                }
            }
            if (!v.isEmpty()) out.put(key, v);
        }
        return out;
    }
}
