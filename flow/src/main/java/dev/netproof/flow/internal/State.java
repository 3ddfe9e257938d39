package dev.netproof.flow.internal;

/**
 * Bit layout of {@link FlowColumns#state}: the two TCP endpoint states (Zeek's endpoint machine),
 * close flags, the history letters already seen per side, which timeout list holds the slot.
 *
 * <pre>
 *  bits  0-2  A state     3-5  A previous state
 *  bits  6-8  B state     9-11 B previous state
 *  bit  12    A sent FIN  13   B sent FIN
 *  bit  14    A did close 15   B did close
 *  bits 16-31 letters seen, side A (one bit per {@code SEEN_*})
 *  bits 32-47 letters seen, side B
 *  bits 48-49 timeout list (0 none, 1 closed, 2 tcp, 3 other)
 *  bit  50    roles flipped
 *  bits 51-56 content gaps seen, side A (saturating at 63)   57-62 side B
 * </pre>
 * For UDP and other transports, state {@link #ACTIVE} (= ESTABLISHED) means "this side sent".
 */
public final class State {
    private State() {}

    public static final int INACTIVE = 0, SYN_SENT = 1, SYN_ACK_SENT = 2, PARTIAL = 3, ESTABLISHED = 4,
            CLOSED = 5, RESET = 6;
    public static final int ACTIVE = ESTABLISHED;

    public static final int SEEN_SYN = 0, SEEN_FIN = 1, SEEN_RST = 2, SEEN_DATA = 3, SEEN_ACK = 4,
            SEEN_MULTI = 5, SEEN_FINRST = 6;

    public static final int LIST_NONE = 0, LIST_CLOSED = 1, LIST_TCP = 2, LIST_OTHER = 3;

    static final long FLIPPED = 1L << 50;

    public static int st(long w, int side) {
        return (int) (w >>> (side * 6)) & 7;
    }

    public static int prevSt(long w, int side) {
        return (int) (w >>> (side * 6 + 3)) & 7;
    }

    /** Sets side's state, remembering the previous one when it changes (as Zeek's SetState). */
    public static long setSt(long w, int side, int newState) {
        int cur = st(w, side);
        if (cur == newState) return w;
        int shift = side * 6;
        w &= ~(63L << shift);
        return w | ((long) newState << shift) | ((long) cur << (shift + 3));
    }

    public static boolean fin(long w, int side) {
        return (w & (1L << (12 + side))) != 0;
    }

    public static long setFin(long w, int side) {
        return w | (1L << (12 + side));
    }

    public static boolean didClose(long w, int side) {
        return (w & (1L << (14 + side))) != 0;
    }

    public static long setDidClose(long w, int side) {
        return w | (1L << (14 + side));
    }

    public static boolean seen(long w, int side, int letter) {
        return (w & (1L << (16 + side * 16 + letter))) != 0;
    }

    public static long setSeen(long w, int side, int letter) {
        return w | (1L << (16 + side * 16 + letter));
    }

    public static int list(long w) {
        return (int) (w >>> 48) & 3;
    }

    public static long setList(long w, int list) {
        return (w & ~(3L << 48)) | ((long) list << 48);
    }

    public static boolean flipped(long w) {
        return (w & FLIPPED) != 0;
    }

    public static int gaps(long w, int side) {
        return (int) (w >>> (51 + side * 6)) & 63;
    }

    public static long setGaps(long w, int side, int n) {
        int shift = 51 + side * 6;
        return (w & ~(63L << shift)) | ((long) Math.min(n, 63) << shift);
    }

    static long flipSides(long w) {
        long gA = (w >>> 51) & 63L, gB = (w >>> 57) & 63L;
        w = (w & ~(0xfffL << 51)) | (gB << 51) | (gA << 57);
        long a = w & 63L, b = (w >>> 6) & 63L;
        long finA = (w >>> 12) & 1, finB = (w >>> 13) & 1, dcA = (w >>> 14) & 1, dcB = (w >>> 15) & 1;
        long seenA = (w >>> 16) & 0xffffL, seenB = (w >>> 32) & 0xffffL;
        long rest = w & ~((1L << 48) - 1);
        return rest | b | (a << 6) | (finB << 12) | (finA << 13) | (dcB << 14) | (dcA << 15)
                | (seenB << 16) | (seenA << 32);
    }
}
