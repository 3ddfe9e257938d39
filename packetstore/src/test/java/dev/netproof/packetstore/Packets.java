package dev.netproof.packetstore;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.packetstore.objects.LocalObjectStore;
import dev.netproof.testkit.Frames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helpers: a packet store in a directory, synthetic UDP packets, and the ledger rows it wrote. */
final class Packets {
    final List<QualityRow> ledger = new CopyOnWriteArrayList<>();
    final QualitySink sink = ledger::add;
    final PacketStore store;

    Packets(Path dir, PacketStoreConfig config) throws IOException {
        store = new PacketStore(new LocalObjectStore(dir), config);
    }

    static PacketStoreConfig config(Path dir) {
        return PacketStoreConfig.defaults(dir.resolve("segments"));
    }

    /** An Ethernet/IPv4/UDP frame from 10.0.0.{src}:{sport} to 10.0.0.{dst}:{dport} with {@code payload} bytes. */
    static byte[] udp(int src, int sport, int dst, int dport, int payload) {
        return Frames.ethernet().ipv4("10.0.0." + src, "10.0.0." + dst).udp(sport, dport).payload(new byte[payload]).build();
    }

    static PacketFacts facts(int src, int sport, int dst, int dport) {
        PacketFacts f = new PacketFacts();
        f.ip = true;
        IpAddress a = IpAddress.ofV4(0x0a000000 | src), b = IpAddress.ofV4(0x0a000000 | dst);
        f.srcHi = a.hi();
        f.srcLo = a.lo();
        f.dstHi = b.hi();
        f.dstLo = b.lo();
        f.proto = 17;
        f.srcPort = sport;
        f.dstPort = dport;
        f.headersLen = 14 + 20 + 8;
        f.flowHash = FlowHash.of(f.srcHi, f.srcLo, sport, f.dstHi, f.dstLo, dport, 17);
        return f;
    }

    static void write(PacketWriter w, byte[] frame, long ts, PacketFacts f) {
        w.accept(MemorySegment.ofArray(frame), 0, frame.length, frame.length, ts, 1, f);
    }

    long total(String metric) {
        return ledger.stream().filter(r -> r.stage().equals(PacketStore.STAGE) && r.metric().equals(metric))
                .mapToLong(QualityRow::value).sum();
    }

    Extraction.Result extract(PacketSelector sel, long from, long to, ByteArrayOutputStream out) throws IOException {
        return Extraction.run(store, from, to, sel, PacketMatcher.ANY, out);
    }
}
