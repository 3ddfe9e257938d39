package dev.netproof.flow.internal;

import static dev.netproof.flow.internal.State.*;
import static dev.netproof.flow.internal.FlowColumns.*;

/**
 * Zeek's TCP endpoint state machine and history letters, over the columns of one slot.
 *
 * <p>Follows the semantics of Zeek's TCP session analyzer (endpoint states INACTIVE, SYN_SENT,
 * SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET; sequence-space sizes; history letters with
 * the logarithmic repeats of 't' and 'w'), re-implemented here over primitive columns. Sequence
 * numbers are 32-bit; wrap-around of a single connection beyond 4 GiB is not tracked (Zeek notes
 * the same inaccuracy for orig_bytes). Side 0 is the originator (A), side 1 the responder (B).
 */
public final class TcpTracker {
    private TcpTracker() {}

    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    private static final int TOO_LARGE_SEQ_DELTA = 1_048_576;

    /** Result bit: the connection is now closed on both sides (or reset) and may linger, then go. */
    public static final int CLOSE_COMPLETE = 1;

    /**
     * Sequence number of the first payload byte of {@code side}: one past the SYN's, or the first
     * segment's own when no SYN was seen (or, from the peer's ACK, the byte it expects); -1 while the
     * side is unknown.
     */
    public static long firstDataSeq(FlowColumns c, int s, int side) {
        if (c.tcpx(s) < 0 || State.st(c.state(s), side) == State.INACTIVE) return -1;
        return (start(c, s, side) + 1) & 0xffff_ffffL;
    }

    static int start(FlowColumns c, int s, int side) {
        return (int) ((side == 0 ? c.get(s, SEQ_A) : c.get(s, SEQ_B)) >>> 32);
    }

    static int last(FlowColumns c, int s, int side) {
        return (int) (side == 0 ? c.get(s, SEQ_A) : c.get(s, SEQ_B));
    }

    static int ackOf(FlowColumns c, int s, int side) {
        return (int) (side == 0 ? c.get(s, ACKS) >>> 32 : c.get(s, ACKS));
    }

    private static void setSeq(FlowColumns c, int s, int side, int start, int last) {
        long v = ((long) start << 32) | (last & 0xffff_ffffL);
        if (side == 0) c.set(s, SEQ_A, v); else c.set(s, SEQ_B, v);
    }

    private static void setLast(FlowColumns c, int s, int side, int last) {
        setSeq(c, s, side, start(c, s, side), last);
    }

    private static void setAck(FlowColumns c, int s, int side, int ack) {
        if (side == 0) c.set(s, ACKS, (c.get(s, ACKS) & 0xffff_ffffL) | ((long) ack << 32));
        else c.set(s, ACKS, (c.get(s, ACKS) & 0xffff_ffff_0000_0000L) | (ack & 0xffff_ffffL));
    }

    private static void initEndpoint(FlowColumns c, int s, int side, int start, int last) {
        setSeq(c, s, side, start, last);
        setAck(c, s, side, start);
        setDataEnd(c, s, side, start + 1);
    }

    static int dataEnd(FlowColumns c, int s, int side) {
        long v = tp(c, s)[tw(c, s, TcpStore.DATA_END)];
        return (int) (side == 0 ? v >>> 32 : v);
    }

    private static void setDataEnd(FlowColumns c, int s, int side, int v) {
        long[] d = tp(c, s);
        int i = tw(c, s, TcpStore.DATA_END);
        d[i] = side == 0 ? (d[i] & 0xffff_ffffL) | ((long) v << 32) : (d[i] & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL);
    }

    /**
     * A content gap (Zeek's 'g'): the peer acknowledges data of {@code side} that was never seen.
     * Reported once per hole, like Zeek's reassembler, and only between established (or cleanly
     * closing) endpoints; the hole then counts as covered.
     */
    private static void checkGap(FlowColumns c, int s, int side, int ack) {
        long w = c.get(s, STATE);
        int st = st(w, side), pst = st(w, 1 - side);
        if ((st != ESTABLISHED && st != CLOSED) || (pst != ESTABLISHED && pst != CLOSED)) return;
        int covered = ack;
        // a FIN takes one sequence number after the data
        if (fin(w, side) && ack - last(c, s, side) >= 0) covered = ack - 1;
        if (covered - dataEnd(c, s, side) > 0) {
            int n = gaps(w, side) + 1;
            c.set(s, STATE, setGaps(w, side, n));
            if (n == 1 || n == 10) History.append(c, s, letter('G', side));
            setDataEnd(c, s, side, covered);
        }
    }

    private static char letter(char upper, int side) {
        return side == 0 ? upper : (char) (upper | 0x20); // ASCII letters: lower case is one bit away
    }

    /** Adds the letter once per side (Zeek's CheckHistory). Returns true if it had been seen before. */
    private static boolean checkHistory(FlowColumns c, int s, int side, int seenBit, char upper) {
        long w = c.get(s, STATE);
        if (seen(w, side, seenBit)) return true;
        c.set(s, STATE, setSeen(w, side, seenBit));
        History.append(c, s, letter(upper, side));
        return false;
    }

    /** Logarithmic letters: added at the 1st, 10th, 100th... occurrence. {@code which}: 0 rexmit, 1 zero window. */
    private static void scaled(FlowColumns c, int s, int side, int which, char upper) {
        int shift = (which * 2 + side) * 16;
        long[] d = tp(c, s);
        int i = tw(c, s, TcpStore.SCALED);
        long v = d[i];
        int n = (int) (v >>> shift) & 0xffff;
        if (n == 0xffff) return;
        n++;
        d[i] = (v & ~(0xffffL << shift)) | ((long) n << shift);
        if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000) History.append(c, s, letter(upper, side));
    }

    public static int retransmissions(FlowColumns c, int s, int side) {
        return (int) (tp(c, s)[tw(c, s, TcpStore.SCALED)] >>> (side * 16)) & 0xffff;
    }

    /**
     * Processes one TCP segment of slot {@code s} sent by {@code side}.
     *
     * @param len transport payload length from the headers
     * @return {@link #CLOSE_COMPLETE} when the connection just finished closing, else 0
     */
    public static int process(FlowColumns c, int s, int side, int flags, int seq, int ack, int len, int window,
                              long ts) {
        final int peer = 1 - side;
        final boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0,
                ackf = (flags & ACK) != 0;
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (rst) segLen -= len;
        final int onePast = seq + segLen;

        // init_endpoint
        long w = c.get(s, STATE);
        int est = st(w, side);
        switch (est) {
            case INACTIVE -> {
                if (syn) initEndpoint(c, s, side, seq, onePast);
                else initEndpoint(c, s, side, seq - 1, seq);
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (syn && seq != start(c, s, side)) initEndpoint(c, s, side, seq, onePast);
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn) initEndpoint(c, s, side, seq, onePast);
            }
            case RESET -> {
                if (syn && prevSt(w, side) == INACTIVE) initEndpoint(c, s, side, seq, onePast);
            }
            default -> { }
        }

        int relSeq = seq - start(c, s, side);
        updateHistory(c, s, side, flags, relSeq, len);
        if (len > 0 && !rst) {
            int dataStart = syn ? seq + 1 : seq;
            if (dataStart + len - dataEnd(c, s, side) > 0) setDataEnd(c, s, side, dataStart + len);
        }

        // zero window, as Zeek's update_window: not with a RST, not after the peer's FIN or our own RST
        w = c.get(s, STATE);
        if (window == 0 && !rst && st(w, peer) != CLOSED && st(w, side) != RESET) scaled(c, s, side, 1, 'W');

        if (!didClose(w, 0) || !didClose(w, 1)) c.set(s, DUR_END, ts);
        if (fin) c.set(s, STATE, setFin(c.get(s, STATE), side));

        if (ackf) {
            if (st(c.get(s, STATE), peer) == INACTIVE) {
                initEndpoint(c, s, peer, ack - 1, ack - 1);
            } else if (!rst) {
                int delta = ack - ackOf(c, s, peer);
                if (!(ack == 0 && delta > TOO_LARGE_SEQ_DELTA) && delta > 0) setAck(c, s, peer, ack);
            }
        }

        // update_last_seq
        int deltaLast = onePast - last(c, s, side);
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            // untrusted
        } else if (fin && last(c, s, side) == start(c, s, side) + 1) {
            setLast(c, s, side, onePast);
        } else if (st(c.get(s, STATE), side) == RESET) {
            // no later sequence numbers are trusted
        } else if (deltaLast > 0) {
            setLast(c, s, side, onePast);
        } else if (len > 0) {
            scaled(c, s, side, 0, 'T');
        }

        int result = updateStateMachine(c, s, side, flags, seq, ack, len);
        // After the state machine, as Zeek does: an ACK on a FIN or RST says little about holes.
        if (ackf && !fin && !rst) checkGap(c, s, peer, ack);
        return result;
    }

    private static void updateHistory(FlowColumns c, int s, int side, int flags, int relSeq, int len) {
        boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) checkHistory(c, s, side, SEEN_FINRST, 'I');
            else checkHistory(c, s, side, SEEN_MULTI, 'Q');
        } else if (bits == 1) {
            if (syn) {
                char code = (flags & ACK) != 0 ? 'H' : 'S';
                if (checkHistory(c, s, side, SEEN_SYN, code) && relSeq != lastSyn(c, s, side)) {
                    History.append(c, s, letter(code, side));
                }
                setLastSyn(c, s, side, relSeq);
            }
            if (fin) {
                int key = (relSeq + len) & 0xffff;
                if (checkHistory(c, s, side, SEEN_FIN, 'F') && key != lastFinRst(c, s, side)) {
                    History.append(c, s, letter('F', side));
                }
                setLastFinRst(c, s, side, key);
            }
            if (rst) {
                int key = relSeq & 0xffff;
                if (checkHistory(c, s, side, SEEN_RST, 'R') && key != lastFinRst(c, s, 2 + side)) {
                    History.append(c, s, letter('R', side));
                }
                setLastFinRst(c, s, 2 + side, key);
            }
        } else {
            if (len > 0) checkHistory(c, s, side, SEEN_DATA, 'D');
            else if ((flags & ACK) != 0) checkHistory(c, s, side, SEEN_ACK, 'A');
        }
    }

    /** Index, in its page, of a word of slot {@code s}'s TCP record. */
    private static int tw(FlowColumns c, int s, int word) {
        return c.tcp.base(c.tcpx(s)) + word;
    }

    private static long[] tp(FlowColumns c, int s) {
        return c.tcp.page(c.tcpx(s));
    }

    private static int lastSyn(FlowColumns c, int s, int side) {
        long v = tp(c, s)[tw(c, s, TcpStore.LAST_SYN)];
        return (int) (side == 0 ? v >>> 32 : v);
    }

    private static void setLastSyn(FlowColumns c, int s, int side, int v) {
        long[] d = tp(c, s);
        int i = tw(c, s, TcpStore.LAST_SYN);
        long w = d[i];
        d[i] = side == 0 ? (w & 0xffff_ffffL) | ((long) v << 32) : (w & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL);
    }

    /** index: 0 FIN A, 1 FIN B, 2 RST A, 3 RST B. */
    private static int lastFinRst(FlowColumns c, int s, int index) {
        return (int) (tp(c, s)[tw(c, s, TcpStore.LAST_FINRST)] >>> (index * 16)) & 0xffff;
    }

    private static void setLastFinRst(FlowColumns c, int s, int index, int v) {
        int shift = index * 16;
        long[] d = tp(c, s);
        int i = tw(c, s, TcpStore.LAST_FINRST);
        d[i] = (d[i] & ~(0xffffL << shift)) | ((long) (v & 0xffff) << shift);
    }

    private static int updateStateMachine(FlowColumns c, int s, int side, int flags, int seq, int ack, int len) {
        final int peer = 1 - side;
        final boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0,
                ackf = (flags & ACK) != 0;
        final boolean isOrig = side == 0;
        long w = c.get(s, STATE);
        boolean doClose = false;
        switch (st(w, side)) {
            case INACTIVE -> {
                if (syn) {
                    if (isOrig) {
                        w = setSt(w, side, ackf ? SYN_ACK_SENT : SYN_SENT);
                    } else {
                        if (st(w, peer) == SYN_SENT) w = setSt(w, peer, ESTABLISHED);
                        w = setSt(w, side, ESTABLISHED);
                    }
                }
                if (fin) {
                    w = setSt(w, side, CLOSED);
                    doClose = true;
                }
                if (rst) {
                    w = setSt(w, side, RESET);
                    doClose = true;
                }
                if (st(w, side) == INACTIVE) {
                    if (!isOrig && len == 0 && st(w, 0) == SYN_SENT) {
                        // an ACK of the SYN before the SYN-ACK: not a partial connection
                    } else if (ackf && st(w, peer) == ESTABLISHED) {
                        w = setSt(w, side, ESTABLISHED);
                    } else {
                        w = setSt(w, side, PARTIAL);
                    }
                }
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (fin) {
                    w = setSt(w, side, CLOSED);
                    doClose = true;
                }
                if (rst) {
                    w = setSt(w, side, RESET);
                    doClose = true;
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn && st(w, side) == PARTIAL && st(w, peer) == INACTIVE && !ackf) {
                    w = setSt(w, side, SYN_SENT);
                }
                if (fin && !rst) {
                    w = setSt(w, side, CLOSED);
                    if (st(w, peer) == RESET && prevSt(w, peer) == CLOSED) w = setSt(w, peer, CLOSED);
                    doClose = true;
                }
                if (rst) {
                    w = setSt(w, side, RESET);
                    doClose = true;
                }
            }
            case CLOSED -> {
                if (rst && st(w, peer) != CLOSED) {
                    w = setSt(w, side, RESET);
                    if (!didClose(w, side)) doClose = true;
                }
            }
            default -> { }
        }
        int result = 0;
        if (doClose && !didClose(w, side)) {
            w = setDidClose(w, side);
            boolean complete = st(w, side) == RESET || didClose(w, peer) || st(w, peer) == INACTIVE;
            if (complete) result = CLOSE_COMPLETE;
        }
        c.set(s, STATE, w);
        return result;
    }

    /** Payload bytes sent by {@code side}, from the sequence space (Zeek's TCP_Endpoint::Size). */
    public static long size(FlowColumns c, int s, int side) {
        long w = c.get(s, STATE);
        int peer = 1 - side;
        int start = start(c, s, side);
        int ack = ackOf(c, s, side);
        boolean noDataAcked = ack == start || ack == start + 1;
        if (prevSt(w, side) == SYN_SENT && st(w, side) == RESET && st(w, peer) == INACTIVE && !noDataAcked) {
            return 0;
        }
        if (st(w, side) == INACTIVE) return 0;
        long relLast = (last(c, s, side) - start) & 0xffff_ffffL;
        long relAck = (ack - start) & 0xffff_ffffL;
        // A relative value in the upper half is a number behind the start: treat as zero, not 4 GiB.
        if (relLast > 0x7fff_ffffL) relLast = 0;
        if (relAck > 0x7fff_ffffL) relAck = 0;
        long size = Math.max(relLast, relAck);
        if (size != 0) size--;
        if (fin(w, side) && size != 0) size--;
        return size;
    }

    /** Zeek's conn_state for a TCP connection. */
    public static String connState(FlowColumns c, int s, String history) {
        long w = c.get(s, STATE);
        int os = st(w, 0), rs = st(w, 1);
        boolean oInactive = os == INACTIVE || os == PARTIAL;
        boolean rInactive = rs == INACTIVE || rs == PARTIAL;
        if (rs == RESET) {
            if (os == SYN_SENT || os == SYN_ACK_SENT || (os == RESET && size(c, s, 0) == 0 && size(c, s, 1) == 0)) {
                return "REJ";
            }
            return oInactive ? "RSTRH" : "RSTR";
        }
        if (os == RESET) {
            if (rInactive) return isRstOs0(history) ? "RSTOS0" : "OTH";
            return "RSTO";
        }
        if (rs == CLOSED && os == CLOSED) return "SF";
        if (os == CLOSED) return rInactive ? "SH" : "S2";
        if (rs == CLOSED) return oInactive ? "SHR" : "S3";
        if (os == SYN_SENT && rs == INACTIVE) return "S0";
        if (os == ESTABLISHED && rs == ESTABLISHED) return "S1";
        return "OTH";
    }

    /** Zeek's pattern {@code /\^?S[^HAFGIQ]*R.*\/} matched against the whole history. */
    static boolean isRstOs0(String h) {
        int i = 0;
        if (i < h.length() && h.charAt(i) == '^') i++;
        if (i >= h.length() || h.charAt(i) != 'S') return false;
        i++;
        for (; i < h.length(); i++) {
            char ch = h.charAt(i);
            if (ch == 'R') return true;
            if ("HAFGIQ".indexOf(ch) >= 0) return false;
        }
        return false;
    }
}
