package dev.netproof.flow.tls;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import dev.netproof.source.pcap.CaptureReader;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A test stand-in for the TCP reassembler, good enough for clean captures: each connection's
 * payload per direction in capture order, bytes already seen (retransmissions) dropped by sequence
 * number, a jump forward reported as a gap. The originator is the sender of the first pure SYN, else
 * of the first packet. Connections are numbered in order of their first packet, like tshark's
 * {@code tcp.stream}.
 */
final class TcpStreams {
    /** One delivery: bytes of one direction, or a gap when {@code bytes} is null. */
    record Chunk(boolean fromOrig, byte[] bytes, long tsNanos) {}

    /** One connection's deliveries in capture order. */
    record Conn(int stream, ConnectionId id, List<Chunk> chunks, long endTs) {
        /** Feeds {@code c} in order; {@code size} gives each piece's length (a chunk is cut into pieces). */
        void replay(StreamConsumer c, IntSupplier size) {
            for (Chunk k : chunks) {
                if (k.bytes() == null) {
                    c.gap(k.fromOrig(), -1, k.tsNanos());
                    continue;
                }
                MemorySegment s = MemorySegment.ofArray(k.bytes());
                for (int at = 0; at < k.bytes().length; ) {
                    int n = Math.max(1, Math.min(size.getAsInt(), k.bytes().length - at));
                    c.data(k.fromOrig(), s, at, n, k.tsNanos());
                    at += n;
                }
            }
            c.end(endTs);
        }

        void replay(StreamConsumer c) {
            replay(c, () -> Integer.MAX_VALUE);
        }

        /** All bytes of one direction, concatenated (gaps ignored). */
        byte[] direction(boolean fromOrig) {
            var out = new java.io.ByteArrayOutputStream();
            for (Chunk k : chunks) if (k.fromOrig() == fromOrig && k.bytes() != null) out.writeBytes(k.bytes());
            return out.toByteArray();
        }
    }

    private static final class Builder {
        final int stream;
        final IpAddress origH;
        final int origP;
        final IpAddress respH;
        final int respP;
        final List<Chunk> chunks = new ArrayList<>();
        long nextOrig = -1, nextResp = -1, lastTs;

        Builder(int stream, IpAddress origH, int origP, IpAddress respH, int respP) {
            this.stream = stream;
            this.origH = origH;
            this.origP = origP;
            this.respH = respH;
            this.respP = respP;
        }
    }

    private TcpStreams() {}

    static List<Conn> read(Path capture) throws Exception {
        Map<String, Builder> conns = new LinkedHashMap<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        try (CaptureReader r = CaptureReader.open(capture, QualitySink.DISCARD)) {
            r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> {
                decoder.decode(data, offset, capLen, wireLen, ts, linkType, p);
                if (!p.isTcp() || !p.hasPorts || p.fragment) return;
                IpAddress src = new IpAddress(p.srcHi, p.srcLo), dst = new IpAddress(p.dstHi, p.dstLo);
                String a = src + ":" + p.srcPort, b = dst + ":" + p.dstPort;
                String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
                Builder c = conns.get(key);
                if (c == null) {
                    boolean synAck = (p.tcpFlags & 0x12) == 0x12;
                    c = synAck ? new Builder(conns.size(), dst, p.dstPort, src, p.srcPort)
                            : new Builder(conns.size(), src, p.srcPort, dst, p.dstPort);
                    conns.put(key, c);
                }
                c.lastTs = ts;
                boolean fromOrig = src.equals(c.origH) && p.srcPort == c.origP;
                long next = fromOrig ? c.nextOrig : c.nextResp;
                if ((p.tcpFlags & 0x02) != 0) next = (p.seq + 1) & 0xffff_ffffL;
                int len = p.payloadCaptured;
                if (len > 0) {
                    if (next < 0) next = p.seq;
                    int rel = (int) (p.seq - next); // 32-bit wrap-around difference
                    int skip = Math.max(0, -rel);
                    if (rel > 0) c.chunks.add(new Chunk(fromOrig, null, ts));
                    if (skip < len) {
                        byte[] bytes = data.asSlice(offset + p.payloadOffset + skip, len - skip)
                                .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                        c.chunks.add(new Chunk(fromOrig, bytes, ts));
                        next = (p.seq + len) & 0xffff_ffffL;
                    }
                }
                if (fromOrig) c.nextOrig = next;
                else c.nextResp = next;
            });
        }
        List<Conn> out = new ArrayList<>();
        for (Builder b : conns.values()) {
            out.add(new Conn(b.stream, new ConnectionId("C" + b.stream, b.origH, b.origP, b.respH, b.respP, -1),
                    List.copyOf(b.chunks), b.lastTs));
        }
        return out;
    }
}
