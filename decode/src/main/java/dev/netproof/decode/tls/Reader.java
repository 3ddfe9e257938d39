package dev.netproof.decode.tls;

import dev.netproof.decode.internal.ArrayBytes;

/**
 * A bounded cursor over {@code [pos, end)} of a message's bytes: every read first checks that its bytes lie
 * before {@code end}, and throws {@link Malformed} when not, so a length field that lies ends the
 * message instead of reading a neighbour's bytes. Lists are built from what the bytes hold, never
 * sized from a length field. Not thread-safe; one per message being decoded.
 *
 * <p>Why an array and not a memory segment: a segment read is a chain of some thirty method calls that C1
 * runs as calls (the first ~15,000 hellos of an ingest: 20-35 µs a hello against 4.7 µs on an array) and C2
 * must fold at every read site; an array read is one bytecode. The message is already in the parser's buffer.
 *
 * <p>Why the array must reach {@link #SLACK} bytes past {@code end}: C2 merges the bounds checks of nearby
 * reads of one array into the first of them ("range check smearing"), widened to the furthest offset. When a
 * message is malformed, a later read that {@link #need} would have refused can lie past the array's end, and
 * the widened check then fails at the first read: a {@code range_check} deoptimization and a recompile of the
 * whole hello decoder, though nothing was read out of bounds. Twice the hellos were moved to exact-size arrays
 * and moved back for this (88c4361, 5bb7571); with the slack, such a widened check holds.
 */
final class Reader {
    /** Bytes every message array holds past the message's end (see above). */
    static final int SLACK = 64;

    final byte[] b;
    int pos;
    int end;

    /** @param b the message; {@code [pos, end + SLACK)} must lie inside it */
    Reader(byte[] b, int pos, int end) {
        this.b = b;
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
        return b[pos++] & 0xff;
    }

    int u16() throws Malformed {
        need(2);
        int v = ArrayBytes.u16(b, pos);
        pos += 2;
        return v;
    }

    int u24() throws Malformed {
        need(3);
        int v = (b[pos] & 0xff) << 16 | ArrayBytes.u16(b, pos + 1);
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
        Reader r = new Reader(b, pos, pos + n);
        pos += n;
        return r;
    }

    /** The next {@code n} bytes as ISO-8859-1 text (one char per byte, nothing lost). */
    String latin1(int n) throws Malformed {
        need(n);
        String s = new String(b, pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    String hex(int n) throws Malformed {
        need(n);
        // into one Latin-1 byte array: StringBuilder appends of Character.forDigit were most of a session id's cost
        byte[] out = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            int v = b[pos + i] & 0xff;
            out[2 * i] = Fingerprints.HEX[v >>> 4];
            out[2 * i + 1] = Fingerprints.HEX[v & 15];
        }
        pos += n;
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The rest as 16-bit values; an odd byte left over is malformed. */
    Codes u16s() throws Malformed {
        if ((remaining() & 1) != 0) throw Malformed.INSTANCE;
        int[] out = new int[remaining() / 2]; // the bytes are there: sub() checked them
        for (int i = 0; i < out.length; i++, pos += 2) out[i] = ArrayBytes.u16(b, pos);
        return Codes.of(out, out.length);
    }

    Codes u8s() {
        int[] out = new int[remaining()];
        for (int i = 0; i < out.length; i++) out[i] = b[pos++] & 0xff;
        return Codes.of(out, out.length);
    }

    /** Throws unless every byte was read: a block with bytes left over lied about its length. */
    void done() throws Malformed {
        if (pos != end) throw Malformed.INSTANCE;
    }
}
