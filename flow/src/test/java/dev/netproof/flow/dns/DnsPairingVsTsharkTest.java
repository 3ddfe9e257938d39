package dev.netproof.flow.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.decode.dns.DnsDecoder;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.testkit.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DNS messages over UDP port 53 of every bundled capture (cut by the snaplen or not; fragments
 * wait for reassembly), paired here, against tshark's pairing in the oracle ({@code dns.response_in}/{@code dns.response_to}, {@code dns.time}): the same
 * transactions answered, with the same response time to the microsecond, and the same unanswered
 * queries and lone responses.
 */
class DnsPairingVsTsharkTest {
    @Test
    void transactionsAndResponseTimesAgreeWithTshark() throws Exception {
        int answered = 0, lone = 0, notHere = 0;
        List<String> differences = new ArrayList<>();
        for (Corpus.Capture c : Corpus.bundled()) {
            JsonNode oracle = c.oracle().path("dns");
            if (oracle.isEmpty()) continue;
            Map<Integer, Long> frameTs = new HashMap<>();
            Map<Long, Integer> tsFrame = new HashMap<>();
            List<DnsEvent> events = new ArrayList<>();
            DnsTransactions tx = new DnsTransactions(5_000_000_000L, 10_000, c.name(), events::add);
            DnsDecoder dns = new DnsDecoder();
            PacketDecoder decoder = new PacketDecoder();
            DecodedPacket p = new DecodedPacket();
            int[] frame = {0};
            java.util.Set<Integer> fed = new java.util.HashSet<>();
            try (CaptureReader r = CaptureReader.open(c.path(), QualitySink.DISCARD)) {
                r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> {
                    frame[0]++;
                    frameTs.put(frame[0], ts);
                    tsFrame.put(ts, frame[0]);
                    decoder.decode(data, offset, capLen, wireLen, ts, linkType, p);
                    if (p.ipProto != 17 || !p.hasPorts || p.fragment || (p.srcPort != 53 && p.dstPort != 53)) return;
                    if (p.payloadCaptured == 0) return; // a response cut by the snaplen still names its question
                    fed.add(frame[0]);
                    IpAddress src = new IpAddress(p.srcHi, p.srcLo), dst = new IpAddress(p.dstHi, p.dstLo);
                    String uid = src.compareTo(dst) < 0 ? src + ":" + p.srcPort + "-" + dst + ":" + p.dstPort
                            : dst + ":" + p.dstPort + "-" + src + ":" + p.srcPort;
                    tx.accept(ts, new DnsTransactions.Endpoints(uid, src, p.srcPort, dst, p.dstPort, Transport.UDP),
                            dns.decode(data, offset + p.payloadOffset, p.payloadCaptured));
                });
            }
            tx.finish();
            for (JsonNode t : oracle) {
                if (!t.path("transport").asText().equals("udp")) continue;
                boolean hasQ = !t.path("query_frame").isNull(), hasR = !t.path("response_frame").isNull();
                int qf = t.path("query_frame").asInt(), rf = t.path("response_frame").asInt();
                String where = c.name() + " frames " + (hasQ ? qf : "-") + "/" + (hasR ? rf : "-");
                if ((hasQ && !fed.contains(qf)) || (hasR && !fed.contains(rf))) {
                    notHere++; // another port (mDNS, LLMNR, NBNS) or an IPv6 fragment: not this step's
                    continue;
                }
                long ts = frameTs.get(hasQ ? qf : rf);
                DnsEvent e = events.stream().filter(x -> x.tsNanos() == ts && Integer.toHexString(x.transId())
                        .equals(t.path("id").asText().substring(2).replaceFirst("^0+(?=.)", ""))).findFirst().orElse(null);
                if (e == null) {
                    differences.add(where + ": no event here");
                    continue;
                }
                DnsEvent.Status want = hasQ && hasR ? DnsEvent.Status.ANSWERED
                        : hasQ ? DnsEvent.Status.UNANSWERED : DnsEvent.Status.RESPONSE_ONLY;
                if (e.status() != want) differences.add(where + ": " + e.status() + ", tshark " + want);
                if (want == DnsEvent.Status.ANSWERED) {
                    answered++;
                    long tsharkMicros = Math.round(t.path("time").asDouble() * 1e6);
                    if (Math.abs(e.rttNanos() / 1000 - tsharkMicros) > 1) {
                        differences.add(where + ": rtt " + e.rttNanos() / 1000 + " µs, tshark " + tsharkMicros);
                    }
                } else {
                    lone++;
                }
            }
        }
        System.out.println("DNS transactions compared with tshark: " + answered + " answered, " + lone
                + " lone; not over UDP port 53 in whole frames: " + notHere);
        assertTrue(answered >= 20, "too few answered transactions: " + answered);
        assertEquals(List.of(), differences);
    }
}
