package dev.netproof.store.internal;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import org.duckdb.DuckDBWritableVector;

/**
 * Copies a column's values from a Java array into a DuckDB output vector in one bulk copy.
 *
 * <p>Why: duckdb_jdbc 1.5 offers only a setter per value, which checks the row and type, writes the value and
 * then reads and writes the row's validity word: about 25% of the flow-export collector's writer thread at a
 * million rows a second (perf), for what is a memory copy. The vector's data and validity buffers are
 * private fields of {@link DuckDBWritableVector}; this class reads them once per chunk by reflection and
 * writes whole ranges. When the fields are not there (another driver version) every call falls back to the
 * per-value setters: slower, never wrong. The bulk path writes what the setters would: values in the
 * buffer's own byte order, validity bits set for the rows written (NULLs are set afterwards with
 * {@link DuckDBWritableVector#setNull}).
 */
public final class VectorBulk {
    private static final Field DATA = field("data");
    private static final Field VALIDITY = field("validity");

    private VectorBulk() {}

    private static Field field(String name) {
        try {
            Field f = DuckDBWritableVector.class.getDeclaredField(name);
            if (f.getType() != ByteBuffer.class) return null;
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** True when the bulk path is in use (the driver's fields were found). */
    public static boolean bulk() {
        return DATA != null && VALIDITY != null;
    }

    /** Rows 0 .. n-1 of BIGINT vector {@code v} := {@code src[from .. from + n - 1]}, all valid. */
    public static void longs(DuckDBWritableVector v, long[] src, int from, int n) {
        ByteBuffer data = validData(v, n, Long.BYTES);
        if (data == null) {
            for (int i = 0; i < n; i++) v.setLong(i, src[from + i]);
        } else {
            data.asLongBuffer().put(0, src, from, n);
        }
    }

    /** Rows 0 .. n-1 of INTEGER vector {@code v} := {@code src[from .. from + n - 1]}, all valid. */
    public static void ints(DuckDBWritableVector v, int[] src, int from, int n) {
        ByteBuffer data = validData(v, n, Integer.BYTES);
        if (data == null) {
            for (int i = 0; i < n; i++) v.setInt(i, src[from + i]);
        } else {
            data.asIntBuffer().put(0, src, from, n);
        }
    }

    /**
     * The data buffer of {@code v} with rows 0 .. n-1 marked valid, ready for {@code n} values of {@code width}
     * bytes; null when the bulk path cannot be taken (then nothing was changed).
     */
    private static ByteBuffer validData(DuckDBWritableVector v, int n, int width) {
        ByteBuffer data = buffer(DATA, v), validity = buffer(VALIDITY, v);
        if (data == null || validity == null || data.capacity() < (long) n * width) return null;
        valid(validity, n);
        return data;
    }

    private static ByteBuffer buffer(Field f, DuckDBWritableVector v) {
        if (f == null) return null;
        try {
            return (ByteBuffer) f.get(v);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Sets the validity bits of rows 0 .. n-1 (bit r % 64 of word r / 64, as the driver's setters do). */
    private static void valid(ByteBuffer validity, int n) {
        LongBuffer words = validity.asLongBuffer();
        int full = n / 64;
        for (int w = 0; w < full; w++) words.put(w, -1L);
        int rest = n % 64;
        if (rest > 0) words.put(full, words.get(full) | ((1L << rest) - 1));
    }
}
