package dev.netproof.store.rollup;

/**
 * A HyperLogLog distinct-count sketch (Flajolet et al., with the small-range correction): 2^{@value #P}
 * one-byte registers, about 1.6% standard error, for the distinct keys a rollup's "other" row lumps
 * together. Registers merge by maximum, so sketches of the same window add up. Not thread-safe.
 */
public final class HyperLogLog {
    static final int P = 12;
    private static final int M = 1 << P;
    private final byte[] registers = new byte[M];

    /** Adds a key by its 64-bit hash (well mixed: see {@link #hash}). */
    public void add(long hash) {
        int index = (int) (hash >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((hash << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) registers[index] = (byte) rank;
    }

    /** A 64-bit hash of a string (its bytes mixed by SplitMix64's finaliser). */
    public static long hash(String s) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) zeros++;
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * M / sum;
        if (e <= 2.5 * M && zeros > 0) e = M * Math.log((double) M / zeros); // linear counting for small sets
        return Math.round(e);
    }
}
