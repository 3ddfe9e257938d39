package dev.netproof.decode.tls;

import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.decode.testing.CaptureFile;
import dev.netproof.decode.testing.Corpus;
import dev.netproof.decode.testing.Packet;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLS connections of the corpus's captures as two byte streams each, the client's and the
 * server's: TCP payloads in capture order, bytes already delivered (retransmissions) dropped by
 * sequence number. Good enough for these clean captures; the real reassembler lives elsewhere.
 */
final class CorpusStreams {
    static final List<String> CAPTURES = List.of("sv-ja4-tls", "sv-tcp-empty-sack", "sv-tls13-duplicate-hello",
            "zeek-tls-conn-with-extensions", "zeek-tls12-handshake-failure", "zeek-tls12", "zeek-tls13-ech",
            "zeek-tls13-wolfssl");

    /** One connection: its client and server streams. */
    record Conn(String name, byte[] client, byte[] server) {}

    private CorpusStreams() {}

    /** Every connection of the TLS captures whose client starts with a ClientHello. */
    static List<Conn> all() throws Exception {
        List<Conn> out = new ArrayList<>();
        for (String name : CAPTURES) out.addAll(read(name));
        return out;
    }

    static List<Conn> read(String name) throws Exception {
        CaptureFile file = CaptureFile.read(Corpus.dir().resolve(name + ".pcap"));
        Map<String, ByteArrayOutputStream[]> streams = new LinkedHashMap<>();
        Map<String, long[]> next = new LinkedHashMap<>();
        Map<String, String> client = new LinkedHashMap<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket d = new DecodedPacket();
        for (Packet p : file.packets()) {
            decoder.decode(file.segment(), p.dataOffset(), p.capLen(), p.wireLen(), p.tsNanos(), p.linkType(), d);
            if (!d.isTcp() || !d.hasPorts) continue;
            String src = d.srcHi + "/" + d.srcLo + ":" + d.srcPort, dst = d.dstHi + "/" + d.dstLo + ":" + d.dstPort;
            String key = src.compareTo(dst) < 0 ? src + "|" + dst : dst + "|" + src;
            streams.computeIfAbsent(key, k -> new ByteArrayOutputStream[] {new ByteArrayOutputStream(), new ByteArrayOutputStream()});
            long[] n = next.computeIfAbsent(key, k -> new long[] {-1, -1});
            if (d.payloadCaptured == 0) continue;
            client.putIfAbsent(key, src); // the first to send payload is the client here
            int dir = client.get(key).equals(src) ? 0 : 1;
            if (n[dir] < 0) n[dir] = d.seq;
            int rel = (int) (d.seq - n[dir]);
            int skip = Math.max(0, -rel);
            if (skip >= d.payloadCaptured) continue;
            byte[] all = file.data(p);
            streams.get(key)[dir].write(all, d.payloadOffset + skip, d.payloadCaptured - skip);
            n[dir] = (d.seq + d.payloadCaptured) & 0xffff_ffffL;
        }
        List<Conn> out = new ArrayList<>();
        for (var e : streams.entrySet()) {
            byte[] c = e.getValue()[0].toByteArray(), s = e.getValue()[1].toByteArray();
            if (TlsDetector.looksLikeClientHello(c, 0, c.length)) out.add(new Conn(name, c, s));
        }
        return out;
    }

    static Path dir() {
        return Corpus.dir();
    }
}
