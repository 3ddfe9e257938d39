package dev.netproof.decode.tls;

/**
 * A bounded cursor over {@code [pos, end)} of a message's bytes: every read first checks that its bytes lie
 * before {@code end}, and throws {@link Malformed} when not, so a length field that lies ends the
 * message instead of reading a neighbour's bytes. Lists are built from what the bytes hold, never
 * sized from a length field. The bytes are an array ({@link MessageDecoder} copies each message it decodes
 * out of its segment): a byte-array read is one instruction where a segment read is a chain of calls the JIT
 * must inline at every read site first (docs/internals.md, "Application analyzers", JIT).
 * Not thread-safe; one per message being decoded.
 */
final class Reader {
    final byte[] bytes;
    int pos;
    int end;

    Reader(byte[] bytes, int pos, int end) {
        this.bytes = bytes;
        this.pos = pos;
        this.end = end;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n) throws Malformed {
        if (n < 0 || end - pos < n) throw Malformed.INSTANCE;
    }

    int u8() throws Malformed {
        need(1);
        return bytes[pos++] & 0xff;
    }

    int u16() throws Malformed {
        need(2);
        int v = u16(bytes, pos);
        pos += 2;
        return v;
    }

    int u24() throws Malformed {
        need(3);
        int v = (bytes[pos] & 0xff) << 16 | u16(bytes, pos + 1);
        pos += 3;
        return v;
    }

    void skip(int n) throws Malformed {
        need(n);
        pos += n;
    }

    /** The next {@code n} bytes as a reader of their own; this one moves past them. */
    Reader sub(int n) throws Malformed {
        need(n);
        Reader r = new Reader(bytes, pos, pos + n);
        pos += n;
        return r;
    }

    /** The next {@code n} bytes as ISO-8859-1 text (one char per byte, nothing lost). */
    String latin1(int n) throws Malformed {
        need(n);
        String s = new String(bytes, pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    String hex(int n) throws Malformed {
        need(n);
        // into one Latin-1 byte array: StringBuilder appends of Character.forDigit were most of a session id's cost
        byte[] out = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            int b = bytes[pos + i] & 0xff;
            out[2 * i] = Fingerprints.HEX[b >>> 4];
            out[2 * i + 1] = Fingerprints.HEX[b & 15];
        }
        pos += n;
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The rest as 16-bit values; an odd byte left over is malformed. */
    Codes u16s() throws Malformed {
        if ((remaining() & 1) != 0) throw Malformed.INSTANCE;
        int[] out = new int[remaining() / 2]; // the bytes are there: sub() checked them
        for (int i = 0; i < out.length; i++, pos += 2) out[i] = u16(bytes, pos);
        return Codes.of(out, out.length);
    }

    Codes u8s() throws Malformed {
        int[] out = new int[remaining()];
        for (int i = 0; i < out.length; i++) out[i] = bytes[pos++] & 0xff;
        return Codes.of(out, out.length);
    }

    /** Big-endian 16 bits at {@code at}, which the caller has checked. */
    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    /** Big-endian 64 bits at {@code at}, which the caller has checked. */
    static long i64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | b[at + i] & 0xff;
        return v;
    }

    /** Throws unless every byte was read: a block with bytes left over lied about its length. */
    void done() throws Malformed {
        if (pos != end) throw Malformed.INSTANCE;
    }
}
