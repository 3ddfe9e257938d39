package dev.netproof.decode.tls;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of a hello's code points (cipher suites, extension types, groups: 8- or 16-bit values)
 * over an {@code int[]}. A list to its users, equal to any list of the same Integers; read by
 * {@link #code} without boxing.
 *
 * <p>Why not {@code List.of} of boxed values: a ClientHello's lists were built as {@code ArrayList}s of
 * {@code Integer} (most code points are above the boxing cache's 127) and copied again by the record, for
 * every TLS connection; that was a third of decoding a hello, and the largest methods C2 compiled for the
 * TLS analyzer (JFR: {@code HelloDecoder.client} 0.28 s, {@code ClientHello.<init>} 0.12 s of an ingest).
 */
public final class Codes extends AbstractList<Integer> implements RandomAccess {
    static final Codes EMPTY = new Codes(new int[0]);

    private final int[] values;

    private Codes(int[] values) {
        this.values = values;
    }

    /** The first {@code n} of {@code values}, copied. */
    static Codes of(int[] values, int n) {
        return n == 0 ? EMPTY : new Codes(Arrays.copyOf(values, n));
    }

    /** {@code list} itself if it is a {@code Codes}, else its values copied (null values are refused). */
    public static Codes of(List<Integer> list) {
        if (list instanceof Codes c) return c;
        if (list.isEmpty()) return EMPTY;
        int[] v = new int[list.size()];
        for (int i = 0; i < v.length; i++) v[i] = list.get(i); // unboxing: a null value throws
        return new Codes(v);
    }

    /** Value {@code i}, unboxed. */
    public int code(int i) {
        return values[i];
    }

    @Override
    public Integer get(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return values.length;
    }

    /** Copies the values to {@code dst} from {@code at}; returns the position after them. */
    public int copyTo(int[] dst, int at) {
        System.arraycopy(values, 0, dst, at, values.length);
        return at + values.length;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Codes c) return Arrays.equals(values, c.values);
        return super.equals(o);
    }

    /** {@link List#hashCode}'s value, without boxing. */
    @Override
    public int hashCode() {
        int h = 1;
        for (int v : values) h = 31 * h + v;
        return h;
    }
}
