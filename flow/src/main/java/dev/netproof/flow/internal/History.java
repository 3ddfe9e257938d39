package dev.netproof.flow.internal;

/**
 * Zeek's connection history string, packed into two longs of 6-bit letter codes (20 letters at most;
 * later letters are dropped and {@link #overflowed} says so). Code 0 ends the string.
 */
public final class History {
    private History() {}

    static final String ALPHABET = "^SHADFRTWIQGCXshadfrtwiqgcx";
    static final int MAX_LETTERS = 20;
    private static final int PER_WORD = 10;

    private static final byte[] CODE = new byte[128];

    static {
        for (int i = 0; i < ALPHABET.length(); i++) CODE[ALPHABET.charAt(i)] = (byte) (i + 1);
    }

    /** Number of letters held in (w0, w1). */
    public static int length(long w0, long w1) {
        int n = 0;
        for (int i = 0; i < PER_WORD && ((w0 >>> (6 * i)) & 63) != 0; i++) n++;
        if (n < PER_WORD) return n;
        for (int i = 0; i < PER_WORD && ((w1 >>> (6 * i)) & 63) != 0; i++) n++;
        return n;
    }

    public static boolean overflowed(long w0, long w1) {
        return length(w0, w1) >= MAX_LETTERS;
    }

    /** Appends {@code letter} to the history of slot {@code s} in the given columns. */
    public static void append(FlowColumns c, int s, char letter) {
        int code = letter < 128 ? CODE[letter] : 0;
        if (code == 0) throw new IllegalArgumentException("not a history letter: " + letter);
        long w0 = c.get(s, FlowColumns.HIST0), w1 = c.get(s, FlowColumns.HIST1);
        int n = length(w0, w1);
        if (n >= MAX_LETTERS) return;
        if (n < PER_WORD) c.set(s, FlowColumns.HIST0, w0 | ((long) code << (6 * n)));
        else c.set(s, FlowColumns.HIST1, w1 | ((long) code << (6 * (n - PER_WORD))));
    }

    public static String decode(long w0, long w1) {
        StringBuilder sb = new StringBuilder(MAX_LETTERS);
        for (int i = 0; i < MAX_LETTERS; i++) {
            long w = i < PER_WORD ? w0 : w1;
            int code = (int) (w >>> (6 * (i % PER_WORD))) & 63;
            if (code == 0) break;
            sb.append(ALPHABET.charAt(code - 1));
        }
        return sb.toString();
    }
}
