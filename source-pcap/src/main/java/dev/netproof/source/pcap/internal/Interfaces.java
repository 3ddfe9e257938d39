package dev.netproof.source.pcap.internal;

import java.util.Arrays;

/**
 * The interfaces of the current pcapng section, as parallel primitive arrays so that looking one up
 * per packet allocates nothing. Each carries its link type, snaplen and a precomputed timestamp
 * conversion from {@code if_tsresol} units to nanoseconds, plus {@code if_tsoffset}.
 */
final class Interfaces {
    static final int MAX = ReadContext.MAX_INTERFACES;
    private static final byte MUL = 0;  // units are 10^-k s, k <= 9: multiply by 10^(9-k)
    private static final byte DIV = 1;  // units are 10^-k s, 9 < k <= 18: divide by 10^(k-9)
    private static final byte POW2 = 2; // units are 2^-k s: multiply by 10^9, shift right by k
    private static final long NANOS = 1_000_000_000L;

    int count;
    int[] linkType = new int[4];
    long[] snaplen = new long[4];
    private byte[] kind = new byte[4];
    private long[] factor = new long[4];
    private long[] offsetNanos = new long[4];

    void clear() {
        count = 0;
    }

    /** True if {@code tsresol} (the option's byte) is a resolution we convert exactly in 64 bits. */
    static boolean supported(int tsresol) {
        int k = tsresol & 0x7f;
        return (tsresol & 0x80) != 0 ? k <= 63 : k <= 18;
    }

    /** Adds an interface; false if the section already has {@link #MAX}. {@code tsresol} must be supported. */
    boolean add(int linkTypeValue, long snaplenValue, int tsresol, long tsOffsetSeconds) {
        if (count == MAX) return false;
        if (count == linkType.length) grow();
        int i = count++;
        linkType[i] = linkTypeValue;
        snaplen[i] = snaplenValue;
        int k = tsresol & 0x7f;
        if ((tsresol & 0x80) != 0) {
            kind[i] = POW2;
            factor[i] = k;
        } else if (k <= 9) {
            kind[i] = MUL;
            factor[i] = pow10(9 - k);
        } else {
            kind[i] = DIV;
            factor[i] = pow10(k - 9);
        }
        offsetNanos[i] = tsOffsetSeconds * NANOS; // wraps for absurd offsets: garbage in, no crash
        return true;
    }

    /** Nanoseconds since the epoch for a block's timestamp of {@code units} (unsigned) on interface {@code i}. */
    long toNanos(int i, long units) {
        long f = factor[i];
        long base = switch (kind[i]) {
            case MUL -> units * f;
            case DIV -> Long.divideUnsigned(units, f);
            default -> {
                // floor(units * 10^9 / 2^k) over the 128-bit product, so no precision is lost.
                int k = (int) f;
                long lo = units * NANOS;
                yield k == 0 ? lo : (Math.unsignedMultiplyHigh(units, NANOS) << (64 - k)) | (lo >>> k);
            }
        };
        return base + offsetNanos[i];
    }

    private void grow() {
        int n = Math.min(MAX, linkType.length * 2);
        linkType = Arrays.copyOf(linkType, n);
        snaplen = Arrays.copyOf(snaplen, n);
        kind = Arrays.copyOf(kind, n);
        factor = Arrays.copyOf(factor, n);
        offsetNanos = Arrays.copyOf(offsetNanos, n);
    }

    private static long pow10(int e) {
        long v = 1;
        for (int j = 0; j < e; j++) v *= 10;
        return v;
    }
}
