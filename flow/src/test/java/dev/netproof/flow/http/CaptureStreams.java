package dev.netproof.flow.http;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.source.pcap.CaptureReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test stand-in for the TCP reassembler: a capture's TCP connections as the calls a
 * {@link dev.netproof.flow.stream.StreamConsumer} gets, in capture order. Per direction, bytes are
 * delivered in sequence order; retransmitted bytes are dropped by sequence number; a segment past
 * a hole waits until the hole fills, or until the peer acknowledges bytes never seen (or the
 * connection ends), when the hole is reported as a gap. The originator sent the first SYN
 * without ACK, else the first packet. Good enough for the corpus, not a reassembler.
 */
final class CaptureStreams {
    /** One call to a stream consumer. */
    sealed interface Call permits Data, Gap, End {
        long ts();
    }

    record Data(boolean fromOrig, byte[] bytes, long ts) implements Call {}

    record Gap(boolean fromOrig, long bytes, long ts) implements Call {}

    record End(long ts) implements Call {}

    /** One connection: its id, first packet's capture time and frame, and its calls. */
    record Connection(ConnectionId id, long firstTs, List<Call> calls) {}

    private static final class Direction {
        boolean started;
        long next; // next expected sequence number, 32-bit
        boolean finSeen;
        final TreeMap<Long, byte[]> held = new TreeMap<>(); // segments past a hole, by sequence number
    }

    private static final class Conn {
        final ConnectionId id;
        final long firstTs;
        final long origHi, origLo;
        final int origPort;
        final Direction orig = new Direction(), resp = new Direction();
        final List<Call> calls = new ArrayList<>();
        long lastTs;

        Conn(ConnectionId id, long firstTs, long hi, long lo, int port) {
            this.id = id;
            this.firstTs = firstTs;
            this.origHi = hi;
            this.origLo = lo;
            this.origPort = port;
        }
    }

    private CaptureStreams() {}

    /** Every TCP connection of the capture, in order of first packet. */
    static List<Connection> read(Path capture) throws Exception {
        Map<String, Conn> conns = new LinkedHashMap<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        try (CaptureReader r = CaptureReader.open(capture, QualitySink.DISCARD)) {
            r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> {
                decoder.decode(data, offset, capLen, wireLen, ts, linkType, p);
                if (p.ipProto != 6 || !p.hasPorts || p.fragment) return;
                IpAddress src = new IpAddress(p.srcHi, p.srcLo), dst = new IpAddress(p.dstHi, p.dstLo);
                String a = src + "/" + p.srcPort, b = dst + "/" + p.dstPort;
                String key = a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
                Conn c = conns.get(key);
                if (c == null) {
                    boolean synAck = (p.tcpFlags & 0x12) == 0x12;
                    IpAddress oh = synAck ? dst : src, rh = synAck ? src : dst;
                    int op = synAck ? p.dstPort : p.srcPort, rp = synAck ? p.srcPort : p.dstPort;
                    c = new Conn(new ConnectionId("C" + conns.size(), oh, op, rh, rp, p.vlan), ts, oh.hi(), oh.lo(), op);
                    conns.put(key, c);
                }
                boolean fromOrig = p.srcHi == c.origHi && p.srcLo == c.origLo && p.srcPort == c.origPort;
                byte[] payload = new byte[p.payloadCaptured];
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset + p.payloadOffset, payload, 0, payload.length);
                packet(c, fromOrig, p.tcpFlags, p.seq, p.ack, payload, ts);
            });
        }
        List<Connection> out = new ArrayList<>();
        for (Conn c : conns.values()) {
            flushHeld(c, true, c.lastTs);
            flushHeld(c, false, c.lastTs);
            c.calls.add(new End(c.lastTs));
            out.add(new Connection(c.id, c.firstTs, List.copyOf(c.calls)));
        }
        return out;
    }

    private static void packet(Conn c, boolean fromOrig, int flags, long seq, long ack, byte[] payload, long ts) {
        c.lastTs = ts;
        Direction d = fromOrig ? c.orig : c.resp;
        if ((flags & 0x02) != 0) { // SYN: data starts after it
            if (!d.started) {
                d.started = true;
                d.next = (seq + 1) & 0xffff_ffffL;
            }
            return;
        }
        if ((flags & 0x10) != 0) acked(c, !fromOrig, ack, ts);
        if (payload.length > 0) {
            if (!d.started) {
                d.started = true;
                d.next = seq;
            }
            long rel = (int) (seq - d.next); // signed 32-bit distance
            if (rel + payload.length <= 0) return; // all bytes seen already
            if (rel > 0) {
                d.held.put(seq, payload);
            } else {
                deliver(c, fromOrig, d, payload, (int) -rel, ts);
                drain(c, fromOrig, d, ts);
            }
        }
        if ((flags & 0x01) != 0 && (int) (seq + payload.length - d.next) == 0) d.finSeen = true;
    }

    /** The peer acknowledged up to {@code ack}: a hole below it was lost for good. */
    private static void acked(Conn c, boolean ofOrig, long ack, long ts) {
        Direction d = ofOrig ? c.orig : c.resp;
        if (!d.started || d.finSeen) return;
        long ahead = (int) (ack - d.next);
        if (ahead <= 0) return;
        if (d.held.isEmpty()) {
            if (ahead > 1) { // 1: a FIN's sequence number, not data
                c.calls.add(new Gap(ofOrig, ahead, ts));
                d.next = ack;
            }
            return;
        }
        flushHeld(c, ofOrig, ts);
    }

    /** Reports the hole before the first held segment, then delivers what follows. */
    private static void flushHeld(Conn c, boolean fromOrig, long ts) {
        Direction d = fromOrig ? c.orig : c.resp;
        while (!d.held.isEmpty()) {
            long first = d.held.firstKey();
            long hole = (int) (first - d.next);
            if (hole > 0) {
                c.calls.add(new Gap(fromOrig, hole, ts));
                d.next = first;
            }
            drain(c, fromOrig, d, ts);
        }
    }

    private static void drain(Conn c, boolean fromOrig, Direction d, long ts) {
        while (!d.held.isEmpty()) {
            long seq = d.held.firstKey();
            long rel = (int) (seq - d.next);
            if (rel > 0) return;
            byte[] b = d.held.remove(seq);
            if (rel + b.length > 0) deliver(c, fromOrig, d, b, (int) -rel, ts);
        }
    }

    private static void deliver(Conn c, boolean fromOrig, Direction d, byte[] payload, int skip, long ts) {
        byte[] fresh = java.util.Arrays.copyOfRange(payload, skip, payload.length);
        c.calls.add(new Data(fromOrig, fresh, ts));
        d.next = (d.next + fresh.length) & 0xffff_ffffL;
    }
}
