package dev.netproof.core.model;

/**
 * A flow's uid: {@code "C"} and 17 base-62 digits (18 characters, Zeek's length) that encode the flow's
 * start time in nanoseconds and a 32-bit hash of its key, and nothing else.
 *
 * <p>Why an encoding and not a random-looking hash: the store keeps only the 4-byte key hash beside the
 * start time it keeps anyway, and makes the text when a row is read (the {@code flows} view does the same
 * arithmetic in SQL). A stored uid string was 19 random characters, about a fifth of a flow row on disk.
 * And a lookup by uid becomes a lookup by start time, which the store's zone maps answer without reading
 * every row. The time is mixed with the key hash so that uids of flows that start close together do not
 * share a visible prefix.
 *
 * <p>Layout, least significant digit first: 11 digits of {@code tsNanos ^ (key * MIX)}, then 6 digits of
 * {@code key} (unsigned). {@code MIX} is below 2^31 so that SQL can compute the product in a signed
 * 64-bit integer without overflow.
 */
public final class FlowUid {
    public static final long MIX = 2_147_483_629L;
    public static final int TIME_DIGITS = 11, KEY_DIGITS = 6, LENGTH = 1 + TIME_DIGITS + KEY_DIGITS;
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final byte[] DIGITS = ALPHABET.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private FlowUid() {}

    /**
     * The uid of a flow that started at {@code tsNanos} (not negative) with key hash {@code key} (its
     * low 32 bits are used).
     */
    public static String of(long tsNanos, int key) {
        if (tsNanos < 0) throw new IllegalArgumentException("negative start time " + tsNanos);
        long k = key & 0xffff_ffffL;
        // bytes, not chars: the string is Latin-1 inside, and a char[] would be one more array, twice as long, to copy
        byte[] out = new byte[LENGTH];
        out[0] = 'C';
        put(out, 1, tsNanos ^ (k * MIX), TIME_DIGITS);
        put(out, 1 + TIME_DIGITS, k, KEY_DIGITS);
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Per-word constants of {@link #tag}, below 2^32 (the SQL twin: store's {@code np_uid_tag}). */
    private static final long[] TAG_WORDS = {0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L, 0xa4093822L,
        0x299f31d0L, 0x082efa98L, 0xec4e6c89L, 0x452821e6L, 0x38d01377L};
    /** {@link #mix32}'s multiplier: below 2^27, so that SQL multiplies a 32-bit value by it in a BIGINT. */
    public static final long TAG_MULTIPLIER = 0x45d9f3bL;
    private static final long M32 = 0xffff_ffffL;

    /** The constant {@link #tag} mixes into word {@code i} (0-9), for the SQL that repeats it. */
    public static long tagWord(int i) {
        return TAG_WORDS[i];
    }

    /**
     * The key hash of a flow's uid as netproof makes it: of the addresses' 128-bit values (as {@link IpAddress}
     * holds them), the ports, the IP protocol and the VLAN ids (-1 or 0: none). Made of 32-bit steps that SQL can
     * repeat in signed 64-bit integers without overflow, so that the store does not keep it: its {@code flows}
     * view makes it from the columns it keeps anyway ({@code np_uid_tag}). The words are the sign-flipped high
     * halves in two, the low halves in two, the ports, and protocol and VLANs; each is mixed alone with its own
     * constant, and the mixes are summed.
     */
    public static int tag(long origHi, long origLo, long respHi, long respLo, int origP, int respP, int ipProto,
                          int vlan, int innerVlan) {
        long oh = origHi ^ Long.MIN_VALUE, rh = respHi ^ Long.MIN_VALUE;
        long sum = mix32(oh >>> 32 ^ TAG_WORDS[0]) + mix32(oh & M32 ^ TAG_WORDS[1])
                + mix32(origLo >>> 32 ^ TAG_WORDS[2]) + mix32(origLo & M32 ^ TAG_WORDS[3])
                + mix32(rh >>> 32 ^ TAG_WORDS[4]) + mix32(rh & M32 ^ TAG_WORDS[5])
                + mix32(respLo >>> 32 ^ TAG_WORDS[6]) + mix32(respLo & M32 ^ TAG_WORDS[7])
                + mix32(((long) (origP & 0xffff) << 16 | (respP & 0xffff)) ^ TAG_WORDS[8])
                + mix32(((ipProto & 0xffL) + ((long) Math.max(0, vlan) << 8) + ((long) Math.max(0, innerVlan) << 20) & M32)
                        ^ TAG_WORDS[9]);
        return (int) sum;
    }

    /** A 32-bit value's bits spread over all 32 (two multiply-xorshift rounds); the argument is below 2^32. */
    static long mix32(long x) {
        x = ((x >>> 16 ^ x) * TAG_MULTIPLIER) & M32;
        x = ((x >>> 16 ^ x) * TAG_MULTIPLIER) & M32;
        return x >>> 16 ^ x;
    }

    private static void put(byte[] out, int at, long v, int digits) {
        for (int i = 0; i < digits; i++) {
            out[at + i] = DIGITS[(int) (v % 62)];
            v /= 62;
        }
    }

    /** The key hash encoded in {@code uid} (0 to 2^32-1), or -1 when {@code uid} is not one of ours. */
    public static long key(String uid) {
        if (!wellFormed(uid)) return -1;
        long k = read(uid, 1 + TIME_DIGITS, KEY_DIGITS);
        return k > 0xffff_ffffL ? -1 : k;
    }

    /** The start time encoded in {@code uid}, or -1 when {@code uid} is not one of ours. */
    public static long tsNanos(String uid) {
        long k = key(uid);
        if (k < 0) return -1;
        long mixed = read(uid, 1, TIME_DIGITS);
        if (mixed < 0) return -1;
        long ts = mixed ^ (k * MIX);
        return ts < 0 ? -1 : ts;
    }

    /**
     * The key hash encoded in {@code uid} when {@code uid} is one of ours and encodes {@code tsNanos}, else -1:
     * {@link #key} and {@link #tsNanos} in one pass, for the store writer's check of every flow.
     */
    public static long keyIfMadeAt(String uid, long tsNanos) {
        long k = key(uid);
        if (k < 0) return -1;
        long mixed = read(uid, 1, TIME_DIGITS);
        return mixed >= 0 && (mixed ^ (k * MIX)) == tsNanos ? k : -1;
    }

    private static boolean wellFormed(String uid) {
        if (uid == null || uid.length() != LENGTH || uid.charAt(0) != 'C') return false;
        for (int i = 1; i < LENGTH; i++) {
            if (digit(uid.charAt(i)) < 0) return false;
        }
        return true;
    }

    /** Reads {@code digits} digits, least significant first; -1 when the value does not fit in 63 bits. */
    private static long read(String uid, int at, int digits) {
        long v = 0;
        for (int i = digits - 1; i >= 0; i--) {
            int d = digit(uid.charAt(at + i));
            if (v > (Long.MAX_VALUE - d) / 62) return -1;
            v = v * 62 + d;
        }
        return v;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        if (c >= 'a' && c <= 'z') return c - 'a' + 36;
        return -1;
    }
}
