package dev.netproof.flow.dns;

import dev.netproof.core.model.Transport;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each direction of the connection is a run of messages,
 * each after a two-byte length. Several may share a segment and one may span several; a message that
 * sits whole in one delivery is handed over without a copy, a split one is gathered first (at most
 * 65,535 bytes, the most a two-byte length can say). After a gap the message boundaries are lost, so
 * that direction stops: the message the gap cut and everything after it are counted, not guessed at.
 * Not thread-safe.
 */
public final class DnsTcpConnection implements StreamConsumer {
    /** What becomes of the framed messages. */
    public interface Handler {
        /** One whole message (without its length), {@code length} bytes at {@code offset}, valid during the call. */
        void message(long tsNanos, DnsTransactions.Endpoints from, MemorySegment data, long offset, int length);

        /** A direction stopped: a gap cut a message or came between two, or the connection ended mid-message. */
        void lost(long tsNanos, DnsTransactions.Endpoints from, Loss why);
    }

    public enum Loss {
        /** Bytes were missing from the stream: the rest of that direction is not read. */
        GAP,
        /** The connection ended inside a message. */
        UNFINISHED
    }

    private final Direction orig, resp;
    private final Handler handler;

    public DnsTcpConnection(ConnectionId id, Handler handler) {
        this.handler = handler;
        this.orig = new Direction(new DnsTransactions.Endpoints(id.uid(), id.origH(), id.origP(), id.respH(), id.respP(),
                Transport.TCP));
        this.resp = new Direction(new DnsTransactions.Endpoints(id.uid(), id.respH(), id.respP(), id.origH(), id.origP(),
                Transport.TCP));
    }

    private final class Direction {
        final DnsTransactions.Endpoints from;
        /** The two length bytes, then the message; allocated at the size the length gives, once a message is split. */
        final byte[] prefix = new byte[2];
        int prefixHave;
        byte[] message;
        int messageHave;
        boolean stopped;

        Direction(DnsTransactions.Endpoints from) {
            this.from = from;
        }

        void data(MemorySegment s, long off, int len, long ts) {
            long end = off + len;
            while (!stopped && off < end) {
                if (prefixHave < 2) {
                    // the whole message in this delivery: hand it over in place
                    if (prefixHave == 0 && end - off >= 2) {
                        int n = u16(s, off);
                        if (end - off - 2 >= n) {
                            handler.message(ts, from, s, off + 2, n);
                            off += 2 + n;
                            continue;
                        }
                    }
                    prefix[prefixHave++] = s.get(ValueLayout.JAVA_BYTE, off++);
                    if (prefixHave == 2) {
                        message = new byte[((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff)];
                        messageHave = 0;
                        if (message.length == 0) complete(ts);
                    }
                    continue;
                }
                int take = (int) Math.min(end - off, message.length - messageHave);
                MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, message, messageHave, take);
                messageHave += take;
                off += take;
                if (messageHave == message.length) complete(ts);
            }
        }

        private void complete(long ts) {
            byte[] m = message;
            message = null;
            prefixHave = 0;
            handler.message(ts, from, MemorySegment.ofArray(m), 0, m.length);
        }

        void stop(long ts, Loss why) {
            if (stopped) return;
            stopped = true;
            message = null;
            handler.lost(ts, from, why);
        }

        boolean midMessage() {
            return prefixHave > 0;
        }
    }

    private static int u16(MemorySegment s, long off) {
        return ((s.get(ValueLayout.JAVA_BYTE, off) & 0xff) << 8)
                | (s.get(ValueLayout.JAVA_BYTE, off + 1) & 0xff);
    }

    @Override
    public void data(boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        (fromOrig ? orig : resp).data(data, offset, length, tsNanos);
    }

    @Override
    public void gap(boolean fromOrig, long bytes, long tsNanos) {
        (fromOrig ? orig : resp).stop(tsNanos, Loss.GAP);
    }

    /** Both directions stopped at gaps. */
    @Override
    public boolean done() {
        return orig.stopped && resp.stopped;
    }

    @Override
    public void end(long tsNanos) {
        for (Direction d : new Direction[] {orig, resp}) {
            if (d.midMessage()) d.stop(tsNanos, Loss.UNFINISHED);
        }
    }
}
