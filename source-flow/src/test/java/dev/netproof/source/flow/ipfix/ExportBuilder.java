package dev.netproof.source.flow.ipfix;

import java.io.ByteArrayOutputStream;

/**
 * Builds NetFlow v9 and IPFIX datagrams for tests: a header, then sets whose lengths are filled in.
 * Fields are given as {@code element, length} pairs; an IPFIX enterprise field as {@link #ent}.
 */
final class ExportBuilder {
    private final boolean v9;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ExportBuilder(boolean v9) {
        this.v9 = v9;
    }

    /** A v9 header: uptime in ms, export time in s, sequence, source id. */
    static ExportBuilder v9(long uptimeMs, long unixSecs, long sequence, long sourceId) {
        ExportBuilder b = new ExportBuilder(true);
        b.out.writeBytes(new Bytes().u16(9).u16(0).u32(uptimeMs).u32(unixSecs).u32(sequence).u32(sourceId).array());
        return b;
    }

    /** An IPFIX header (its length filled in by {@link #build}): export time in s, sequence, domain. */
    static ExportBuilder ipfix(long exportSecs, long sequence, long domain) {
        ExportBuilder b = new ExportBuilder(false);
        b.out.writeBytes(new Bytes().u16(10).u16(0).u32(exportSecs).u32(sequence).u32(domain).array());
        return b;
    }

    /** An enterprise field for {@link #template}: three ints (element with the bit set, length, number). */
    static int[] ent(int element, int length, long enterprise) {
        return new int[] {element | 0x8000, length, (int) enterprise};
    }

    /** A template set with one template: {@code fields} are (element, length) pairs, or {@link #ent} triples. */
    ExportBuilder template(int id, int... fields) {
        Bytes b = new Bytes().u16(id).u16(countPairs(fields));
        pairs(b, fields);
        return set(v9 ? 0 : 2, b.array());
    }

    /** A template with enterprise fields: each item an (element, length) pair or an {@link #ent} triple. */
    ExportBuilder templateFields(int id, int[]... fields) {
        Bytes b = new Bytes().u16(id).u16(fields.length);
        for (int[] f : fields) {
            b.u16(f[0]).u16(f[1]);
            if ((f[0] & 0x8000) != 0) b.u32(f[2] & 0xffff_ffffL);
        }
        return set(v9 ? 0 : 2, b.array());
    }

    /** An options template: the first {@code scopes} (element, length) pairs are scopes. */
    ExportBuilder optionsTemplate(int id, int scopes, int... fields) {
        Bytes b = new Bytes().u16(id);
        if (v9) {
            b.u16(scopes * 4).u16(fields.length * 2 - scopes * 4);
        } else {
            b.u16(fields.length / 2).u16(scopes);
        }
        pairs(b, fields);
        return set(v9 ? 1 : 3, b.array());
    }

    /** An IPFIX template withdrawal (field count 0); id 2 or 3 withdraws all (options) templates. */
    ExportBuilder withdraw(int id, boolean options) {
        return set(options ? 3 : 2, new Bytes().u16(id).u16(0).array());
    }

    /** A data set of the given records, then {@code padding} zero bytes. */
    ExportBuilder data(int templateId, int padding, byte[]... records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] r : records) body.writeBytes(r);
        body.writeBytes(new byte[padding]);
        return set(templateId, body.toByteArray());
    }

    ExportBuilder set(int id, byte[] body) {
        out.writeBytes(new Bytes().u16(id).u16(body.length + 4).array());
        out.writeBytes(body);
        return this;
    }

    byte[] build() {
        byte[] b = out.toByteArray();
        if (!v9) {
            b[2] = (byte) (b.length >>> 8);
            b[3] = (byte) b.length;
        }
        return b;
    }

    private static int countPairs(int[] fields) {
        return fields.length / 2;
    }

    private static void pairs(Bytes b, int[] fields) {
        for (int i = 0; i + 1 < fields.length; i += 2) b.u16(fields[i]).u16(fields[i + 1]);
    }

    /** Big-endian byte writer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(long v) {
            out.write((int) v);
            return this;
        }

        Bytes u16(long v) {
            return u8(v >>> 8).u8(v);
        }

        Bytes u24(long v) {
            return u8(v >>> 16).u16(v);
        }

        Bytes u32(long v) {
            return u16(v >>> 16).u16(v);
        }

        Bytes u64(long v) {
            return u32(v >>> 32).u32(v);
        }

        Bytes ip(String dotted) {
            for (String p : dotted.split("\\.")) u8(Integer.parseInt(p));
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] array() {
            return out.toByteArray();
        }
    }
}
