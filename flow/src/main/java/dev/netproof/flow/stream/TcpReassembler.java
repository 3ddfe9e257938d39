package dev.netproof.flow.stream;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection's two byte streams, put back in order for a {@link StreamConsumer}.
 *
 * <p>A segment that continues its direction's stream goes to the consumer straight from the packet,
 * without a copy; what it repeats of bytes already delivered is cut off (a retransmission's bytes are
 * delivered once, the first copy wins). A segment from further ahead is copied and held until the
 * bytes before it arrive. A hole becomes a {@link StreamConsumer#gap gap} when the receiver
 * acknowledges data past it (the sender will not send it again: the capture missed it), when the held
 * bytes of one direction pass {@code maxHeld}, and at the end of the connection.
 *
 * <p>Sequence numbers are compared modulo 2^32, as TCP does. Not thread-safe.
 */
public final class TcpReassembler {
    static final int SYN = 0x02, FIN = 0x01, RST = 0x04, ACK = 0x10;

    /** A held segment: {@code bytes} start at sequence number {@code seq}. */
    private record Held(int seq, byte[] bytes) {}

    /** Counts kept by the owner ({@link TcpStreams}) across connections. */
    interface Counts {
        void delivered(int bytes);

        void held(int bytes);

        void gap(long bytes);

        void overflow();

        void repeated(int bytes);
    }

    private final class Direction {
        final boolean fromOrig;
        boolean started;
        /** Sequence number of the next byte the consumer expects. */
        int next;
        boolean finSeen;
        int finSeq;
        final List<Held> held = new ArrayList<>(0);
        int heldBytes;

        Direction(boolean fromOrig) {
            this.fromOrig = fromOrig;
        }

        void start(int seq) {
            if (!started) {
                started = true;
                next = seq;
            }
        }

        void segment(int seq, MemorySegment data, long offset, int length, long ts) {
            start(seq);
            int ahead = seq - next;
            if (ahead > 0) {
                hold(seq, data, offset, length, ts);
                return;
            }
            int skip = -ahead;
            if (skip >= length) {
                counts.repeated(length);
                return;
            }
            if (skip > 0) counts.repeated(skip);
            deliver(data, offset + skip, length - skip, ts);
            drain(ts);
        }

        private void deliver(MemorySegment data, long offset, int length, long ts) {
            next += length;
            counts.delivered(length);
            if (consumer == null) return;
            called = true;
            consumer.data(fromOrig, data, offset, length, ts);
        }

        private void hold(int seq, MemorySegment data, long offset, int length, long ts) {
            byte[] copy = data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
            int i = held.size();
            while (i > 0 && held.get(i - 1).seq() - seq > 0) i--;
            held.add(i, new Held(seq, copy));
            heldBytes += length;
            counts.held(length);
            while (heldBytes > maxHeld && !held.isEmpty()) {
                counts.overflow();
                skipToHeld(ts);
            }
        }

        /** Delivers held segments that now continue the stream. */
        void drain(long ts) {
            while (!held.isEmpty()) {
                Held h = held.getFirst();
                int skip = next - h.seq();
                if (skip < 0) return;
                held.removeFirst();
                heldBytes -= h.bytes().length;
                if (skip >= h.bytes().length) {
                    counts.repeated(h.bytes().length);
                    continue;
                }
                if (skip > 0) counts.repeated(skip);
                deliver(MemorySegment.ofArray(h.bytes()), skip, h.bytes().length - skip, ts);
            }
        }

        /** Gives up on the hole before the first held segment: a gap, then what follows it. */
        void skipToHeld(long ts) {
            int hole = held.getFirst().seq() - next;
            gap(hole, ts);
            drain(ts);
        }

        void gap(long bytes, long ts) {
            next += (int) bytes;
            counts.gap(bytes);
            if (consumer == null) return;
            called = true;
            consumer.gap(fromOrig, bytes, ts);
        }

        /** The peer acknowledged up to {@code ack}: bytes before it that we never saw are lost to us. */
        void acknowledged(int ack, long ts) {
            if (!started) return;
            while (!held.isEmpty() && ack - held.getFirst().seq() >= 0) skipToHeld(ts);
            int missing = ack - next;
            if (finSeen && ack - finSeq == 1) missing = finSeq - next; // the FIN's own sequence number is not data
            // A window's worth at most: a larger jump is a broken or reused ACK field, not lost data.
            if (missing > 0 && missing <= MAX_ACKED_GAP && held.isEmpty()) gap(missing, ts);
        }

        void end(long ts) {
            while (!held.isEmpty()) skipToHeld(ts);
        }
    }

    /** Largest hole an ACK may declare: 2^30, TCP's largest window with scaling. */
    static final int MAX_ACKED_GAP = 1 << 30;

    private final Direction orig = new Direction(true);
    private final Direction resp = new Direction(false);
    private final int maxHeld;
    private final Counts counts;
    private StreamConsumer consumer;
    private boolean ended;
    /** Whether the consumer was called during the current {@link #segment}. */
    private boolean called;

    TcpReassembler(int maxHeld, Counts counts) {
        this.maxHeld = maxHeld;
        this.counts = counts;
    }

    /** Sets where one direction's stream starts: the sequence number of its first payload byte. */
    void startAt(boolean orig, int seq) {
        (orig ? this.orig : resp).start(seq);
    }

    /** Where the bytes go from now on (null: nowhere, but sequence numbers are still followed). */
    void consumer(StreamConsumer c) {
        this.consumer = c;
    }

    StreamConsumer consumer() {
        return consumer;
    }

    /**
     * One TCP segment.
     *
     * @param captured   payload bytes present at {@code data[offset..]}
     * @param payloadLen payload length by the headers; bytes past {@code captured} (cut by the snap length)
     *                   are a hole
     * @return whether the consumer was called (bytes or a gap): only then can its {@link StreamConsumer#done} have
     *         changed, so an acknowledgement alone need not touch the consumer to ask
     */
    boolean segment(boolean fromOrig, int flags, int seq, int ack, MemorySegment data, long offset, int captured,
                    int payloadLen, long ts) {
        if (ended) return false;
        called = false;
        Direction d = fromOrig ? orig : resp;
        Direction peer = fromOrig ? resp : orig;
        int dataSeq = (flags & SYN) != 0 ? seq + 1 : seq;
        if ((flags & SYN) != 0) d.start(dataSeq);
        if (captured > 0) d.segment(dataSeq, data, offset, captured, ts);
        else if (payloadLen > 0) d.start(dataSeq);
        if ((flags & FIN) != 0 && (flags & RST) == 0) {
            d.finSeen = true;
            d.finSeq = dataSeq + payloadLen;
        }
        if ((flags & ACK) != 0 && (flags & RST) == 0) peer.acknowledged(ack, ts);
        return called;
    }

    /** The connection is over: holes still open become gaps, then the consumer ends. */
    void end(long ts) {
        if (ended) return;
        ended = true;
        orig.end(ts);
        resp.end(ts);
        if (consumer != null) consumer.end(ts);
    }

    /** Gives up every hole of both directions (the buffers of all connections are full): gaps, then the held bytes. */
    void flushHeld(long ts) {
        if (orig.heldBytes > 0) counts.overflow();
        if (resp.heldBytes > 0) counts.overflow();
        orig.end(ts);
        resp.end(ts);
    }

    /** Bytes held for both directions. */
    int heldBytes() {
        return orig.heldBytes + resp.heldBytes;
    }
}
