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
        return (int) (c.get(s, SEQ_A + side) >>> 32);
    }

    static int last(FlowColumns c, int s, int side) {
        return (int) c.get(s, SEQ_A + side);
    }

    static int ackOf(FlowColumns c, int s, int side) {
        return ackOf(c.d, s * WORDS, side);
    }

    // The per-segment code below works on the flow's record (d at b) and its TCP record (t at x),
    // located once per segment, and keeps the state word in a local until the segment is done.
    // Looking the TCP record up again at every step (flow word, page, base) and re-reading the state
    // word after each helper cost the whole packet path 0.6-1.6% (PacketPathAB, BENCHMARKS.md).

    private static int ackOf(long[] d, int b, int side) {
        long v = d[b + ACKS];
        return (int) (side == 0 ? v >>> 32 : v);
    }

    private static void setAck(long[] d, int b, int side, int ack) {
        int i = b + ACKS;
        d[i] = side == 0 ? (d[i] & 0xffff_ffffL) | ((long) ack << 32) : (d[i] & 0xffff_ffff_0000_0000L) | (ack & 0xffff_ffffL);
    }

    private static long seqWord(int start, int last) {
        return ((long) start << 32) | (last & 0xffff_ffffL);
    }

    private static void initEndpoint(long[] d, int b, long[] t, int x, int side, int start, int last) {
        d[b + SEQ_A + side] = seqWord(start, last);
        setAck(d, b, side, start);
        setHalf(t, x + TcpStore.DATA_END, side, start + 1);
    }

    /** The high (side 0) or low (side 1) half of a word of the TCP record. */
    private static int half(long[] t, int i, int side) {
        long v = t[i];
        return (int) (side == 0 ? v >>> 32 : v);
    }

    private static void setHalf(long[] t, int i, int side, int v) {
        t[i] = side == 0 ? (t[i] & 0xffff_ffffL) | ((long) v << 32) : (t[i] & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL);
    }

    /**
     * A content gap (Zeek's 'g'): the peer acknowledges data of {@code side} that was never seen.
     * Reported once per hole, like Zeek's reassembler, and only between established (or cleanly
     * closing) endpoints; the hole then counts as covered. Returns the state word.
     */
    private static long checkGap(FlowColumns c, int s, long[] t, int x, long w, int side, int ack) {
        int st = st(w, side), pst = st(w, 1 - side);
        if ((st != ESTABLISHED && st != CLOSED) || (pst != ESTABLISHED && pst != CLOSED)) return w;
        int covered = ack;
        // a FIN takes one sequence number after the data
        if (fin(w, side) && ack - last(c, s, side) >= 0) covered = ack - 1;
        if (covered - half(t, x + TcpStore.DATA_END, side) > 0) {
            int n = gaps(w, side) + 1;
            w = setGaps(w, side, n);
            if (n == 1 || n == 10) History.append(c, s, letter('G', side));
            setHalf(t, x + TcpStore.DATA_END, side, covered);
        }
        return w;
    }

    private static char letter(char upper, int side) {
        return side == 0 ? upper : (char) (upper | 0x20); // ASCII letters: lower case is one bit away
    }

    /** Logarithmic letters: added at the 1st, 10th, 100th... occurrence. {@code which}: 0 rexmit, 1 zero window. */
    private static void scaled(FlowColumns c, int s, long[] t, int x, int side, int which, char upper) {
        int shift = (which * 2 + side) * 16;
        int i = x + TcpStore.SCALED;
        long v = t[i];
        int n = (int) (v >>> shift) & 0xffff;
        if (n == 0xffff) return;
        n++;
        t[i] = (v & ~(0xffffL << shift)) | ((long) n << shift);
        if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000) History.append(c, s, letter(upper, side));
    }

    public static int retransmissions(FlowColumns c, int s, int side) {
        int e = c.tcpx(s);
        return (int) (c.tcp.page(e)[c.tcp.base(e) + TcpStore.SCALED] >>> (side * 16)) & 0xffff;
    }

    /**
     * Processes one TCP segment of slot {@code s} sent by {@code side}.
     *
     * @param len transport payload length from the headers
     * @return {@link #CLOSE_COMPLETE} when the connection just finished closing, else 0
     */
    public static int process(FlowColumns c, int s, int side, int flags, int seq, int ack, int len, int window,
                              long ts) {
        final long[] d = c.d;
        final int b = s * WORDS;
        final int e = (int) d[b + TCPX] - 1;
        final long[] t = c.tcp.page(e);
        final int x = c.tcp.base(e);
        final int peer = 1 - side;
        final int mySeq = b + SEQ_A + side;
        final boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0,
                ackf = (flags & ACK) != 0;
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (rst) segLen -= len;
        final int onePast = seq + segLen;

        // init_endpoint
        final long w0 = d[b + STATE];
        long w = w0;
        switch (st(w, side)) {
            case INACTIVE -> {
                if (syn) initEndpoint(d, b, t, x, side, seq, onePast);
                else initEndpoint(d, b, t, x, side, seq - 1, seq);
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (syn && seq != (int) (d[mySeq] >>> 32)) initEndpoint(d, b, t, x, side, seq, onePast);
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn) initEndpoint(d, b, t, x, side, seq, onePast);
            }
            case RESET -> {
                if (syn && prevSt(w, side) == INACTIVE) initEndpoint(d, b, t, x, side, seq, onePast);
            }
            default -> { }
        }

        int relSeq = seq - (int) (d[mySeq] >>> 32);
        w = updateHistory(c, s, t, x, w, side, flags, relSeq, len);
        if (len > 0 && !rst) {
            int dataStart = syn ? seq + 1 : seq;
            int i = x + TcpStore.DATA_END;
            if (dataStart + len - half(t, i, side) > 0) setHalf(t, i, side, dataStart + len);
        }

        // zero window, as Zeek's update_window: not with a RST, not after the peer's FIN or our own RST
        if (window == 0 && !rst && st(w, peer) != CLOSED && st(w, side) != RESET) scaled(c, s, t, x, side, 1, 'W');

        if (!didClose(w, 0) || !didClose(w, 1)) d[b + DUR_END] = ts;
        if (fin) w = setFin(w, side);

        if (ackf) {
            if (st(w, peer) == INACTIVE) {
                initEndpoint(d, b, t, x, peer, ack - 1, ack - 1);
            } else if (!rst) {
                int delta = ack - ackOf(d, b, peer);
                if (!(ack == 0 && delta > TOO_LARGE_SEQ_DELTA) && delta > 0) setAck(d, b, peer, ack);
            }
        }

        // update_last_seq
        long sq = d[mySeq];
        int start = (int) (sq >>> 32), last = (int) sq;
        int deltaLast = onePast - last;
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            // untrusted
        } else if (fin && last == start + 1) {
            d[mySeq] = seqWord(start, onePast);
        } else if (st(w, side) == RESET) {
            // no later sequence numbers are trusted
        } else if (deltaLast > 0) {
            d[mySeq] = seqWord(start, onePast);
        } else if (len > 0) {
            scaled(c, s, t, x, side, 0, 'T');
        }

        long before = w;
        w = updateStateMachine(w, side, flags, len);
        int result = 0;
        if (!didClose(before, side) && didClose(w, side)
                && (st(w, side) == RESET || didClose(w, peer) || st(w, peer) == INACTIVE)) {
            result = CLOSE_COMPLETE;
        }
        // After the state machine, as Zeek does: an ACK on a FIN or RST says little about holes.
        if (ackf && !fin && !rst) w = checkGap(c, s, t, x, w, peer, ack);
        d[b + STATE] = w;
        return result;
    }

    /** Adds the history letters of one segment; returns the state word with the letters seen. */
    private static long updateHistory(FlowColumns c, int s, long[] t, int x, long w, int side, int flags, int relSeq,
                                      int len) {
        boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) w = firstTime(c, s, w, side, SEEN_FINRST, 'I');
            else w = firstTime(c, s, w, side, SEEN_MULTI, 'Q');
        } else if (bits == 1) {
            if (syn) {
                char code = (flags & ACK) != 0 ? 'H' : 'S';
                int i = x + TcpStore.LAST_SYN;
                if (!seen(w, side, SEEN_SYN)) w = firstTime(c, s, w, side, SEEN_SYN, code);
                else if (relSeq != half(t, i, side)) History.append(c, s, letter(code, side));
                setHalf(t, i, side, relSeq);
            }
            if (fin) w = finOrRst(c, s, t, x, w, side, side, SEEN_FIN, 'F', (relSeq + len) & 0xffff);
            if (rst) w = finOrRst(c, s, t, x, w, side, 2 + side, SEEN_RST, 'R', relSeq & 0xffff);
        } else if (len > 0) {
            if (!seen(w, side, SEEN_DATA)) w = firstTime(c, s, w, side, SEEN_DATA, 'D');
        } else if ((flags & ACK) != 0) {
            if (!seen(w, side, SEEN_ACK)) w = firstTime(c, s, w, side, SEEN_ACK, 'A');
        }
        return w;
    }

    /** Zeek's CheckHistory: the letter once per side. Returns the state word. */
    private static long firstTime(FlowColumns c, int s, long w, int side, int seenBit, char upper) {
        if (seen(w, side, seenBit)) return w;
        History.append(c, s, letter(upper, side));
        return setSeen(w, side, seenBit);
    }

    /**
     * A FIN or RST letter: once per side, and again when a later one is at another place in the
     * sequence space ({@code key}, 16 bits). {@code index}: 0 FIN A, 1 FIN B, 2 RST A, 3 RST B.
     */
    private static long finOrRst(FlowColumns c, int s, long[] t, int x, long w, int side, int index, int seenBit,
                                 char upper, int key) {
        int shift = index * 16;
        int i = x + TcpStore.LAST_FINRST;
        long v = t[i];
        if (!seen(w, side, seenBit)) w = firstTime(c, s, w, side, seenBit, upper);
        else if (key != ((int) (v >>> shift) & 0xffff)) History.append(c, s, letter(upper, side));
        t[i] = (v & ~(0xffffL << shift)) | ((long) key << shift);
        return w;
    }

    /** Zeek's endpoint state machine for one segment: the new state word (the did-close bits included). */
    private static long updateStateMachine(long w, int side, int flags, int len) {
        final int peer = 1 - side;
        final boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0,
                ackf = (flags & ACK) != 0;
        final boolean isOrig = side == 0;
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
        return doClose ? setDidClose(w, side) : w;
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
