package dev.netproof.source.flow.ipfix.internal;

import java.util.Arrays;

/**
 * A template compiled once into parallel arrays, one entry per field: its kind ({@link Fields}), its
 * length ({@link Fields#VARIABLE} for an IPFIX variable-length field), its element id and enterprise
 * number. {@code spec} keeps the definition as sent, to tell a refresh from a redefinition.
 * Immutable after construction; shared by the records of every data set that names it.
 */
final class Template {
    final int id;
    final boolean options;
    final int[] kinds;
    final int[] lengths;
    final int[] elements;
    final long[] enterprises;
    /** The shortest record: fixed lengths plus one length byte per variable-length field; 0 is refused. */
    final int minLength;
    /** True when no field has variable length: then every record is {@code minLength} bytes. */
    final boolean fixed;
    /** Fields whose length did not suit their kind and were demoted to extra/skip when compiling. */
    final int demoted;
    /** Fields of length 0: they read nothing. */
    final int zeroLength;
    private final long[] spec;

    private Template(int id, boolean options, int[] kinds, int[] lengths, int[] elements, long[] enterprises,
                     int minLength, boolean fixed, int demoted, int zeroLength, long[] spec) {
        this.id = id;
        this.options = options;
        this.kinds = kinds;
        this.lengths = lengths;
        this.elements = elements;
        this.enterprises = enterprises;
        this.minLength = minLength;
        this.fixed = fixed;
        this.demoted = demoted;
        this.zeroLength = zeroLength;
        this.spec = spec;
    }

    /**
     * Compiles {@code n} fields. Scope fields of a v9 options template ({@code v9Scopes} first ones) use
     * v9's own scope numbering, so they are skipped; in options templates unmapped fields are skipped
     * too, as options records are read for their sampling and time settings only.
     *
     * @param elements   element ids without the enterprise bit
     * @param enterprise 0 for IANA elements
     */
    static Template compile(int id, boolean options, int n, int[] elements, int[] lengths, long[] enterprise,
                            int v9Scopes) {
        int[] kinds = new int[n];
        long[] spec = new long[n];
        int min = 0, demoted = 0, zero = 0;
        boolean fixed = true;
        for (int i = 0; i < n; i++) {
            int len = lengths[i];
            int kind = i < v9Scopes ? Fields.SKIP : enterprise[i] != 0 ? Fields.EXTRA : Fields.kind(elements[i]);
            if (len == 0) {
                kind = Fields.SKIP;
                zero++;
            } else if (!Fields.lengthFits(kind, len)) {
                kind = Fields.EXTRA;
                demoted++;
            }
            if (options && kind == Fields.EXTRA) kind = Fields.SKIP;
            kinds[i] = kind;
            if (len == Fields.VARIABLE) {
                fixed = false;
                min += 1;
            } else {
                min += len;
            }
            spec[i] = enterprise[i] << 32 ^ (long) elements[i] << 16 ^ len;
        }
        return new Template(id, options, kinds, Arrays.copyOf(lengths, n), Arrays.copyOf(elements, n),
                Arrays.copyOf(enterprise, n), min, fixed, demoted, zero, spec);
    }

    int fieldCount() {
        return kinds.length;
    }

    /** Same id, kind and fields as {@code other}: a refresh rather than a redefinition. */
    boolean sameDefinition(Template other) {
        return other.id == id && other.options == options && Arrays.equals(other.spec, spec);
    }
}
