package dev.netproof.flow.internal;

/**
 * Wireshark's TCP sequence analysis ({@code tcp.analysis.*}) and connection health, per connection,
 * in a {@link TcpStore} record.
 *
 * <p>The per-segment rules are those of Wireshark 4.0's {@code tcp_analyze_sequence_number}, in its
 * order (zero-window probe, zero window, lost segment, keep-alive, window update, window full,
 * keep-alive ACK, zero-window-probe ACK, duplicate ACK, ACKed unseen segment, then spurious / fast /
 * out-of-order / plain retransmission), with its state per direction: next expected sequence number,
 * last ACK and window, duplicate-ACK run, times of the last advance and last ACK. Differences on
 * purpose: times are kept in microseconds (Wireshark: nanoseconds), and Wireshark's list of unacked
 * segments is not kept (it only feeds its RTT column; ours times one segment at a time, below).
 *
 * <p>RTT samples: with TCP timestamps on both sides, a data segment's TSval is timed until the peer
 * echoes it; otherwise one data segment per direction is timed until an ACK covers it, and dropped if
 * it is retransmitted first (Karn). Fewer samples than Wireshark's per-segment {@code ack_rtt}, none
 * of them ambiguous.
 *
 * <pre>
 *  word  2 A next expected seq (high 32) | A last ACK (low 32)       5 B the same
 *        3 A misc (high 32) | A time of last advance, µs (low 32)   6 B the same
 *        4 A max seq to be ACKed (high) | A time of last ACK, µs    7 B the same
 *        8 most recent SYN, µs (high) | handshake RTT SYN→SYN-ACK, µs (low)
 *        9 initial RTT SYN→first ACK, µs (high) | first originator payload time, then time to first
 *          byte of the response, µs (low)
 *       10 options A (bits 0-22) | options B (23-45) | lifecycle and flags (46-60)
 *       11 payload bytes A (bits 0-47) | anomaly block + 1, low 16 bits (48-63); 0 for none
 *       12 payload bytes B (bits 0-47) | anomaly block + 1, high 16 bits
 *       13 mean advertised window A (float bits, high) | B (low)
 *       14 RTT A: samples (high) | mean µs (float bits, low)
 *       15 RTT A: sum of squared deviations (float bits, high) | min (bits 16-31) | max (bits 0-15)
 *       16, 17 RTT B, the same
 *       18 the timed segment (one per connection): sequence end or TSval (high) | time µs (low)
 *  misc: bits 0-15 raw window, 16 window known, 17-20 window shift, 21-22 shift state (0 unknown,
 *        1 none, 2 known), 23 first ACK pending (Wireshark's is_first_ack), 24 last segment was a
 *        keep-alive, 25 ... a zero-window probe, 26-31 duplicate-ACK run (63: Wireshark's -1)
 *  options: 0-15 MSS (0: none), 16-19 window shift, 20 shift seen, 21 SACK permitted, 22 timestamps
 *  RTT min and max: microseconds as a 16-bit float ({@link #encodeUs}), exact below 2,048 µs and
 *        within 0.05% above
 *  anomaly block: counters, two per long (A high, B low), in {@link #COUNTERS} order, then
 *        retransmitted bytes A, B
 * </pre>
 * Times are microseconds modulo 2^32 and only compared as differences, which are right below 71 minutes.
 * Word numbers above count the analysis from 2; in the record they follow Zeek's {@link TcpStore#BASE_WORDS}.
 * The analysis takes 136 bytes beyond Zeek's words; every field above is read for a reported figure or
 * for one of Wireshark's rules.
 */
public final class TcpAnalysis {
    private TcpAnalysis() {}

    public static final int WORDS = TcpStore.BASE_WORDS + 17;

    // Word indices follow Zeek's words of the record (TcpStore); the comment above counts from 2.
    private static final int Z = TcpStore.BASE_WORDS - 2;
    static final int NS_A = 2 + Z, DIR_STRIDE = 3;
    static final int SYN_TIMES = 8 + Z, HS = 9 + Z, OPTLIFE = 10 + Z, PAYLOAD_A = 11 + Z, PAYLOAD_B = 12 + Z,
            WINDOW = 13 + Z, RTT_A = 14 + Z, RTT_B = 16 + Z, TIMED = 18 + Z;
    private static final long PAYLOAD_MASK = (1L << 48) - 1;

    // Segment flags, as Wireshark's TCP_A_*; RETRANSMISSION here means "any retransmission".
    public static final int RETRANSMISSION = 1, FAST_RETRANSMISSION = 1 << 1, SPURIOUS_RETRANSMISSION = 1 << 2,
            OUT_OF_ORDER = 1 << 3, LOST_SEGMENT = 1 << 4, DUP_ACK = 1 << 5, ZERO_WINDOW = 1 << 6,
            ZERO_WINDOW_PROBE = 1 << 7, WINDOW_FULL = 1 << 8, KEEP_ALIVE = 1 << 9, ACK_UNSEEN = 1 << 10,
            WINDOW_UPDATE = 1 << 11, KEEP_ALIVE_ACK = 1 << 12, ZERO_WINDOW_PROBE_ACK = 1 << 13;
    /** Flags with a counter, in counter order; the counter index is the flag's bit number. */
    public static final int COUNTERS = 11;
    private static final int COUNTED = (1 << COUNTERS) - 1;

    // Lifecycle: what was seen (public, stored) and bookkeeping (internal).
    public static final int L_SYN = 1, L_SYN_ACK = 2, L_ACK = 4, L_DATA = 8, L_FIN = 16, L_RST = 32,
            L_HANDSHAKE = 64, L_HALF_OPEN = 128, L_RESET = 256, L_ABNORMAL = 512;
    private static final int MRU_SYN_SET = 1 << 7, SYNACK_SET = 1 << 8, FIRST_RTT_SET = 1 << 9,
            ORIG_DATA = 1 << 10, TTFB_SET = 1 << 11, TIMED_A_SET = 1 << 12, TIMED_B_SET = 1 << 13,
            HS_RTT_SET = 1 << 14;
    private static final int STORED_LIFECYCLE = L_SYN | L_SYN_ACK | L_ACK | L_DATA | L_FIN | L_RST | L_HANDSHAKE;

    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    private static final int FAST_RT_WINDOW_US = 20_000, OOO_DEFAULT_US = 3_000;

    static int hi(long v) {
        return (int) (v >>> 32);
    }

    static int lo(long v) {
        return (int) v;
    }

    static long hi(long v, int x) {
        return (v & 0xffff_ffffL) | ((long) x << 32);
    }

    static long lo(long v, int x) {
        return (v & 0xffff_ffff_0000_0000L) | (x & 0xffff_ffffL);
    }

    static int half(long v, int side) {
        return side == 0 ? hi(v) : lo(v);
    }

    static long half(long v, int side, int x) {
        return side == 0 ? hi(v, x) : lo(v, x);
    }

    /** Microseconds modulo 2^32 of a capture time. */
    static int micros(long tsNanos) {
        return (int) Math.floorDiv(tsNanos, 1000L);
    }

    /** Anomaly block + 1 of record {@code e}, 0 for none. */
    static long anomalyRef(TcpStore x, int e) {
        return anomalyRef(x.page(e), x.base(e));
    }

    private static int anomalyRef(long[] d, int b) {
        return (int) (d[b + PAYLOAD_A] >>> 48) | (int) (d[b + PAYLOAD_B] >>> 48) << 16;
    }

    private static void anomalyRef(long[] d, int b, int ref) {
        d[b + PAYLOAD_A] = (d[b + PAYLOAD_A] & PAYLOAD_MASK) | ((long) (ref & 0xffff) << 48);
        d[b + PAYLOAD_B] = (d[b + PAYLOAD_B] & PAYLOAD_MASK) | ((long) (ref >>> 16) << 48);
    }

    private static int life(long[] d, int b) {
        return (int) (d[b + OPTLIFE] >>> 46) & 0x7fff;
    }

    private static void life(long[] d, int b, int lf) {
        d[b + OPTLIFE] = (d[b + OPTLIFE] & ~(0x7fffL << 46)) | ((long) (lf & 0x7fff) << 46);
    }

    private static int opts(long[] d, int b, int side) {
        return (int) (d[b + OPTLIFE] >>> (side * 23)) & 0x7f_ffff;
    }

    private static void opts(long[] d, int b, int side, int o) {
        int shift = side * 23;
        d[b + OPTLIFE] = (d[b + OPTLIFE] & ~(0x7f_ffffL << shift)) | ((long) (o & 0x7f_ffff) << shift);
    }

    /** Microseconds (0 to 2^31-1) as a 16-bit float: 5-bit exponent, 11-bit mantissa; order-preserving. */
    static int encodeUs(int us) {
        if (us <= 0) return 0;
        int e = 31 - Integer.numberOfLeadingZeros(us);
        int m = e >= 11 ? (us >>> (e - 11)) & 0x7ff : (us << (11 - e)) & 0x7ff;
        return ((e + 1) << 11) | m;
    }

    static long decodeUs(int code) {
        if (code == 0) return 0;
        int e = (code >>> 11) - 1;
        long m = 2048 + (code & 0x7ff);
        return e >= 11 ? m << (e - 11) : m >>> (11 - e);
    }

    // misc word fields
    private static int window(int misc) { return misc & 0xffff; }
    private static boolean windowKnown(int misc) { return (misc & (1 << 16)) != 0; }
    private static int shift(int misc) { return (misc >>> 17) & 0xf; }
    private static int shiftState(int misc) { return (misc >>> 21) & 3; }
    private static final int SHIFT_UNKNOWN = 0, SHIFT_NONE = 1, SHIFT_KNOWN = 2;
    private static final int FIRST_ACK = 1 << 23, LAST_KA = 1 << 24, LAST_ZWP = 1 << 25;
    /** The duplicate-ACK run: 0-62 (saturating), 63 stands for Wireshark's -1; a fresh record reads 0. */
    private static int dupAcks(int misc) {
        int v = (misc >>> 26) & 63;
        return v == 63 ? -1 : v;
    }

    private static int withDupAcks(int misc, int n) {
        return (misc & ~(63 << 26)) | ((n < 0 ? 63 : Math.min(n, 62)) << 26);
    }
    private static int withShift(int misc, int state, int shift) {
        return (misc & ~(0x3f << 17)) | (shift << 17) | (state << 21);
    }
    /** Wireshark's 32-bit window value: the raw window, or G_MAXUINT32 before the first one. */
    private static int window32(int misc) { return windowKnown(misc) ? window(misc) : -1; }

    /**
     * Analyses one segment of record {@code e} sent by {@code side}; returns the segment's flags.
     *
     * @param seglen   TCP payload length from the IP header (Wireshark's {@code tcp.len})
     * @param window   raw window field
     * @param wsOption window-scale shift carried by this segment, -1 for none
     * @param mss      MSS option value, -1 for none
     * @param tsVal    TSval, or -1 when the segment has no timestamps option
     * @param pkts     packets sent by {@code side} so far, this one included (for the mean window)
     */
    public static int process(TcpStore x, int e, int side, int flags, int seq, int ack, int seglen, int window,
                              int wsOption, int mss, boolean sackPermitted, long tsVal, long tsEcr, long ts, long pkts) {
        final long[] d = x.page(e);
        final int b = x.base(e);
        final int peer = 1 - side;
        final int fw = b + NS_A + side * DIR_STRIDE, rv = b + NS_A + peer * DIR_STRIDE;
        final boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0;
        final boolean sfr = (flags & (SYN | FIN | RST)) != 0;
        final int now = micros(ts);

        int fNext = hi(d[fw]), fLastAck = lo(d[fw]);
        int fMisc = hi(d[fw + 1]), fNextTime = lo(d[fw + 1]);
        int fMaxSeq = hi(d[fw + 2]), fAckTime = lo(d[fw + 2]);
        int rLastAck = lo(d[rv]), rNext = hi(d[rv]);
        int rMisc = hi(d[rv + 1]);
        int rMaxSeq = hi(d[rv + 2]), rAckTime = lo(d[rv + 2]);
        int fWin = window32(fMisc);
        int a = 0;

        analysis:
        {
            if (seglen == 1 && seq == fNext && window32(rMisc) == 0) {
                a |= ZERO_WINDOW_PROBE;
                break analysis;
            }
            if (window == 0 && (flags & (RST | FIN | SYN)) == 0) a |= ZERO_WINDOW;
            if (fNext != 0 && seq - fNext > 0 && !rst) a |= LOST_SEGMENT;
            if ((seglen == 0 || seglen == 1) && seq == fNext - 1 && !sfr) a |= KEEP_ALIVE;
            boolean sameAck = seglen == 0 && seq == fNext && ack == fLastAck && !sfr;
            if (sameAck && window != 0 && window != fWin) a |= WINDOW_UPDATE;
            if (seglen > 0 && shiftState(rMisc) != SHIFT_UNKNOWN && !sfr) {
                int s = (rMisc & FIRST_ACK) != 0 || shiftState(rMisc) == SHIFT_NONE ? 0 : shift(rMisc);
                if (seq + seglen == rLastAck + (window32(rMisc) << s)) a |= WINDOW_FULL;
            }
            if (sameAck && window != 0 && window == fWin && (rMisc & LAST_KA) != 0) {
                a |= KEEP_ALIVE_ACK;
                break analysis;
            }
            if (sameAck && window == 0 && window == fWin && (rMisc & LAST_ZWP) != 0) {
                a |= ZERO_WINDOW_PROBE_ACK;
                break analysis;
            }
            if (sameAck && window != 0 && window == fWin) {
                fMisc = withDupAcks(fMisc, Math.max(dupAcks(fMisc), 0) + 1);
                a |= DUP_ACK;
            }
        }
        if (ack != fLastAck) fMisc = withDupAcks(fMisc, 0);

        if (rMaxSeq != 0 && ack - rMaxSeq > 0 && (flags & ACK) != 0) {
            if (rMaxSeq - rNext < 0) {
                rMaxSeq = rNext;
                a |= ACK_UNSEEN;
            } else {
                if (dupAcks(rMisc) == 0) a |= ACK_UNSEEN;
                rMisc = withDupAcks(rMisc, -1);
            }
        }

        if ((seglen > 0 || syn || fin) && (a & KEEP_ALIVE) == 0) {
            boolean notAdvanced = fNext != 0 && seq - fNext < 0;
            if (seglen > 1 && fNext - 1 == seq) notAdvanced = false;
            if (seglen > 0 && rLastAck != 0 && rLastAck - (seq + seglen) >= 0) {
                a |= SPURIOUS_RETRANSMISSION | RETRANSMISSION;
            } else if (notAdvanced && fastRetransmissionRun(dupAcks(rMisc)) && rLastAck == seq
                    && Integer.compareUnsigned(now - rAckTime, FAST_RT_WINDOW_US) < 0) {
                a |= FAST_RETRANSMISSION | RETRANSMISSION;
            } else if (notAdvanced && Integer.compareUnsigned(now - fNextTime, oooThresholdUs(d, b)) < 0
                    && fNext != seq + seglen + (syn || fin ? 1 : 0)) {
                a |= OUT_OF_ORDER;
            } else if (notAdvanced) {
                a |= RETRANSMISSION;
            }
        }

        int next = seq + seglen;
        if (seglen > 0 || syn || fin) {
            if (syn || fin) next++;
        }
        boolean zwp = (a & ZERO_WINDOW_PROBE) != 0;
        if ((next - fNext > 0 || fNext == 0) && !zwp) {
            fNext = next;
            fNextTime = now;
        }
        if ((seq == fMaxSeq || fMaxSeq == 0) && !zwp) fMaxSeq = fNext;

        fMisc = (fMisc & ~(0xffff | (1 << 16) | LAST_KA | LAST_ZWP)) | (window & 0xffff) | (1 << 16)
                | ((a & KEEP_ALIVE) != 0 ? LAST_KA : 0) | (zwp ? LAST_ZWP : 0);

        // After the analysis, as in dissect_tcp: SYN bookkeeping, first RTT, then the options.
        int lf = life(d, b);
        if (syn) {
            fMisc |= FIRST_ACK;
        } else if ((flags & ACK) != 0) {
            fMisc &= ~FIRST_ACK;
        }
        if (wsOption >= 0) fMisc = withShift(fMisc, SHIFT_KNOWN, Math.min(wsOption, 14));
        if (syn) {
            // verify_tcp_window_scaling
            if (shiftState(fMisc) == SHIFT_UNKNOWN) {
                fMisc = withShift(fMisc, SHIFT_NONE, 0);
                rMisc = withShift(rMisc, SHIFT_NONE, 0);
            } else if ((flags & ACK) != 0 && shiftState(rMisc) == SHIFT_NONE) {
                fMisc = withShift(fMisc, SHIFT_NONE, 0);
            }
        }

        d[fw] = ((long) fNext << 32) | (ack & 0xffff_ffffL);
        d[fw + 1] = ((long) fMisc << 32) | (fNextTime & 0xffff_ffffL);
        d[fw + 2] = ((long) fMaxSeq << 32) | (now & 0xffff_ffffL);
        d[rv + 1] = hi(d[rv + 1], rMisc);
        d[rv + 2] = hi(d[rv + 2], rMaxSeq);

        lf = lifecycle(d, b, side, flags, seglen, now, lf);
        options(d, b, side, syn, wsOption, mss, sackPermitted, tsVal >= 0);
        lf = rtt(d, b, side, flags, seq, ack, seglen, a, tsVal, tsEcr, now, lf);
        life(d, b, lf);
        if (seglen > 0) {
            int pw = b + (side == 0 ? PAYLOAD_A : PAYLOAD_B);
            long v = Math.min((d[pw] & PAYLOAD_MASK) + seglen, PAYLOAD_MASK); // 2^48 bytes: beyond any row
            d[pw] = (d[pw] & ~PAYLOAD_MASK) | v;
        }
        meanWindow(d, b, side, syn ? window : window << (shiftState(fMisc) == SHIFT_KNOWN ? shift(fMisc) : 0), pkts);
        if ((a & COUNTED) != 0) count(x, e, side, a, seglen);
        return a;
    }

    /**
     * Wireshark's "at least two duplicate ACKs" test. Its counter is unsigned and its ACKed-unseen rule
     * sets it to -1, which then passes the test: a retransmission right after an ACK for data the
     * capture missed counts as fast without any duplicate ACK. We keep that, so counts match Wireshark's
     * (README, "TCP health"); the capture loss itself shows as {@code ack_unseen}.
     */
    private static boolean fastRetransmissionRun(int dupAcks) {
        return dupAcks >= 2 || dupAcks == -1;
    }

    /** Wireshark's out-of-order threshold: the connection's initial RTT once known, else 3 ms (compared unsigned, as its guint64). */
    private static int oooThresholdUs(long[] d, int b) {
        return (life(d, b) & FIRST_RTT_SET) != 0 ? hi(d[b + HS]) : OOO_DEFAULT_US;
    }

    private static int lifecycle(long[] d, int b, int side, int flags, int seglen, int now, int lf) {
        boolean syn = (flags & SYN) != 0, ackf = (flags & ACK) != 0;
        if (syn && !ackf) {
            lf |= L_SYN | MRU_SYN_SET;
            d[b + SYN_TIMES] = hi(d[b + SYN_TIMES], now);
        } else if (syn) {
            lf |= L_SYN_ACK;
            if ((lf & SYNACK_SET) == 0) {
                lf |= SYNACK_SET;
                if ((lf & MRU_SYN_SET) != 0) {
                    d[b + SYN_TIMES] = lo(d[b + SYN_TIMES], now - hi(d[b + SYN_TIMES]));
                    lf |= HS_RTT_SET;
                }
            }
        } else if (ackf) {
            lf |= L_ACK;
            if ((lf & MRU_SYN_SET) != 0 && (lf & FIRST_RTT_SET) == 0) {
                int rtt = now - hi(d[b + SYN_TIMES]);
                d[b + HS] = hi(d[b + HS], rtt);
                if (rtt != 0) lf |= FIRST_RTT_SET; // Wireshark keeps trying while the value is zero
            }
            if (side == 0 && (lf & (SYNACK_SET | L_SYN)) == (SYNACK_SET | L_SYN)) lf |= L_HANDSHAKE;
        }
        if ((flags & FIN) != 0) lf |= L_FIN;
        if ((flags & RST) != 0) lf |= L_RST;
        if (seglen > 0) {
            lf |= L_DATA;
            if (side == 0 && (lf & ORIG_DATA) == 0) {
                lf |= ORIG_DATA;
                d[b + HS] = lo(d[b + HS], now);
            } else if (side == 1 && (lf & (ORIG_DATA | TTFB_SET)) == ORIG_DATA) {
                lf |= TTFB_SET;
                d[b + HS] = lo(d[b + HS], now - lo(d[b + HS]));
            }
        }
        return lf;
    }

    private static final int OPT_WS_SEEN = 1 << 20, OPT_SACK = 1 << 21, OPT_TS = 1 << 22;

    private static void options(long[] d, int b, int side, boolean syn, int wsOption, int mss, boolean sack,
                                boolean ts) {
        int o = opts(d, b, side);
        if (syn) {
            if (mss > 0) o = (o & ~0xffff) | (mss & 0xffff);
            if (sack) o |= OPT_SACK;
        }
        if (wsOption >= 0) o = (o & ~(0xf << 16)) | (Math.min(wsOption, 14) << 16) | OPT_WS_SEEN;
        if (ts) o |= OPT_TS;
        opts(d, b, side, o);
    }

    /**
     * Times one segment per connection at a time (TSval echo when both sides use timestamps, else
     * sequence/ACK); whichever side sends new data while nothing is timed gets the timer.
     */
    private static int rtt(long[] d, int b, int side, int flags, int seq, int ack, int seglen, int a, long tsVal,
                           long tsEcr, int now, int lf) {
        int peer = 1 - side;
        boolean useTs = (opts(d, b, 0) & opts(d, b, 1) & OPT_TS) != 0 && tsVal >= 0;
        int peerSet = peer == 0 ? TIMED_A_SET : TIMED_B_SET, mySet = side == 0 ? TIMED_A_SET : TIMED_B_SET;
        int peerTimed = b + TIMED, myTimed = b + TIMED;
        // 1. Does this segment close the peer's timed segment?
        if ((lf & peerSet) != 0) {
            int key = hi(d[peerTimed]);
            boolean done = useTs ? (int) tsEcr == key && (flags & ACK) != 0
                    : (flags & ACK) != 0 && ack - key >= 0;
            if (done) {
                sample(d, b, peer, now - lo(d[peerTimed]));
                lf &= ~peerSet;
            }
        }
        // 2. Karn: a retransmission of the timed range makes its ACK ambiguous.
        if ((lf & mySet) != 0 && !useTs && (a & (RETRANSMISSION | OUT_OF_ORDER)) != 0 && seq - hi(d[myTimed]) < 0) {
            lf &= ~mySet;
        }
        // 3. Time this segment if it carries new data and nothing is being timed.
        if ((lf & (TIMED_A_SET | TIMED_B_SET)) == 0 && seglen > 0 && (a & (RETRANSMISSION | OUT_OF_ORDER | KEEP_ALIVE | ZERO_WINDOW_PROBE)) == 0
                && (flags & (SYN | RST)) == 0) {
            d[myTimed] = ((long) (useTs ? (int) tsVal : seq + seglen) << 32) | (now & 0xffff_ffffL);
            lf |= mySet;
        }
        return lf;
    }

    private static void sample(long[] d, int b, int side, int us) {
        if (us < 0) return; // time went backwards in the capture: no sample
        int w = b + (side == 0 ? RTT_A : RTT_B);
        int n = hi(d[w]) + 1;
        if (n == 0) return; // 2^32 samples in one row: the statistics stay as they are
        int code = encodeUs(us);
        int oldMin = (lo(d[w + 1]) >>> 16) & 0xffff, oldMax = lo(d[w + 1]) & 0xffff;
        int min = n == 1 ? code : Math.min(oldMin, code);
        int max = Math.max(oldMax, code);
        float mean = Float.intBitsToFloat(lo(d[w]));
        float m2 = Float.intBitsToFloat(hi(d[w + 1]));
        // Welford's update: stable for the variance in single precision
        float delta = us - mean;
        mean += delta / n;
        m2 += delta * (us - mean);
        d[w] = ((long) n << 32) | (Float.floatToRawIntBits(mean) & 0xffff_ffffL);
        d[w + 1] = ((long) Float.floatToRawIntBits(m2) << 32) | ((long) min << 16) | max;
    }

    private static void meanWindow(long[] d, int b, int side, long scaled, long n) {
        if (n <= 0) return;
        float m = Float.intBitsToFloat(half(d[b + WINDOW], side));
        m += (scaled - m) / n;
        d[b + WINDOW] = half(d[b + WINDOW], side, Float.floatToRawIntBits(m));
    }

    private static void count(TcpStore x, int e, int side, int a, int payload) {
        long[] d = x.page(e);
        int b = x.base(e);
        int ref = anomalyRef(d, b);
        if (ref == 0) {
            ref = x.allocateBlock() + 1;
            anomalyRef(d, b, ref);
        }
        long[] c = x.a;
        int base = (ref - 1) * TcpStore.ANOMALY_WORDS;
        long inc = side == 0 ? 1L << 32 : 1L;
        for (int bits = a & COUNTED; bits != 0; bits &= bits - 1) {
            c[base + Integer.numberOfTrailingZeros(bits)] += inc;
        }
        if ((a & RETRANSMISSION) != 0) c[base + COUNTERS + side] += payload;
    }

    /** Resets what a row reports (counters, bytes, RTT, window means), keeping the analysis state: the active timeout. */
    public static void clearRow(TcpStore x, int e) {
        long[] d = x.page(e);
        int b = x.base(e);
        int ref = anomalyRef(d, b);
        if (ref != 0) x.releaseBlock(ref - 1);
        d[b + PAYLOAD_A] = d[b + PAYLOAD_B] = d[b + WINDOW] = 0; // the anomaly reference with them
        d[b + RTT_A] = d[b + RTT_A + 1] = d[b + RTT_B] = d[b + RTT_B + 1] = 0;
    }

    // ---- reading a record, for the row builder

    public static long counter(TcpStore x, int e, int side, int flag) {
        int ref = anomalyRef(x.page(e), x.base(e));
        if (ref == 0) return 0;
        long v = x.a[(ref - 1) * TcpStore.ANOMALY_WORDS + Integer.numberOfTrailingZeros(flag)];
        return side == 0 ? v >>> 32 : v & 0xffff_ffffL;
    }

    public static long retransmittedBytes(TcpStore x, int e, int side) {
        int ref = anomalyRef(x.page(e), x.base(e));
        return ref == 0 ? 0 : x.a[(ref - 1) * TcpStore.ANOMALY_WORDS + COUNTERS + side];
    }

    public static long payloadBytes(TcpStore x, int e, int side) {
        return x.page(e)[x.base(e) + (side == 0 ? PAYLOAD_A : PAYLOAD_B)] & PAYLOAD_MASK;
    }

    public static double meanWindow(TcpStore x, int e, int side) {
        return Float.intBitsToFloat(half(x.page(e)[x.base(e) + WINDOW], side));
    }

    /** MSS of {@code side}'s SYN, or -1. */
    public static int mss(TcpStore x, int e, int side) {
        int m = opts(x.page(e), x.base(e), side) & 0xffff;
        return m == 0 ? -1 : m;
    }

    /** Window-scale shift {@code side} offered, or -1. */
    public static int windowScale(TcpStore x, int e, int side) {
        int o = opts(x.page(e), x.base(e), side);
        return (o & OPT_WS_SEEN) != 0 ? (o >>> 16) & 0xf : -1;
    }

    public static boolean sackPermitted(TcpStore x, int e, int side) {
        return (opts(x.page(e), x.base(e), side) & OPT_SACK) != 0;
    }

    public static boolean timestamps(TcpStore x, int e, int side) {
        return (opts(x.page(e), x.base(e), side) & OPT_TS) != 0;
    }

    /** The public lifecycle bits, with the derived ones (half-open, reset, abnormal end) added. */
    public static int lifecycle(TcpStore x, int e, boolean closedCleanly) {
        int lf = life(x.page(e), x.base(e));
        int out = lf & STORED_LIFECYCLE;
        if ((lf & L_SYN) != 0 && (lf & L_SYN_ACK) == 0) out |= L_HALF_OPEN;
        if ((lf & L_RST) != 0) out |= L_RESET;
        if (!closedCleanly) out |= L_ABNORMAL;
        return out;
    }

    /** SYN→SYN-ACK in µs, or -1. */
    public static long handshakeRttUs(TcpStore x, int e) {
        long[] d = x.page(e);
        int b = x.base(e);
        return (life(d, b) & HS_RTT_SET) != 0 ? lo(d[b + SYN_TIMES]) & 0xffff_ffffL : -1;
    }

    /** Most recent SYN→first ACK in µs (Wireshark's tcp.analysis.initial_rtt), or -1. */
    public static long initialRttUs(TcpStore x, int e) {
        long[] d = x.page(e);
        int b = x.base(e);
        return (life(d, b) & FIRST_RTT_SET) != 0 ? hi(d[b + HS]) & 0xffff_ffffL : -1;
    }

    /** First originator payload → first responder payload after it, µs, or -1. */
    public static long ttfbUs(TcpStore x, int e) {
        long[] d = x.page(e);
        int b = x.base(e);
        return (life(d, b) & TTFB_SET) != 0 ? lo(d[b + HS]) & 0xffff_ffffL : -1;
    }

    /** Number of RTT samples of {@code side}'s data. */
    public static long rttCount(TcpStore x, int e, int side) {
        return hi(x.page(e)[x.base(e) + (side == 0 ? RTT_A : RTT_B)]) & 0xffff_ffffL;
    }

    public static long rttMinUs(TcpStore x, int e, int side) {
        return decodeUs((lo(x.page(e)[x.base(e) + (side == 0 ? RTT_A : RTT_B) + 1]) >>> 16) & 0xffff);
    }

    public static long rttMaxUs(TcpStore x, int e, int side) {
        return decodeUs(lo(x.page(e)[x.base(e) + (side == 0 ? RTT_A : RTT_B) + 1]) & 0xffff);
    }

    public static double rttMeanUs(TcpStore x, int e, int side) {
        return Float.intBitsToFloat(lo(x.page(e)[x.base(e) + (side == 0 ? RTT_A : RTT_B)]));
    }

    public static double rttStddevUs(TcpStore x, int e, int side) {
        long n = rttCount(x, e, side);
        if (n < 2) return 0;
        double m2 = Float.intBitsToFloat(hi(x.page(e)[x.base(e) + (side == 0 ? RTT_A : RTT_B) + 1]));
        return Math.sqrt(Math.max(0, m2) / n);
    }
}
