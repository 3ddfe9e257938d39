package dev.netproof.decode.tls;

import dev.netproof.decode.internal.PayloadBytes;
import java.lang.foreign.MemorySegment;

/**
 * A bounded cursor over {@code [pos, end)} of a segment: every read first checks that its bytes lie
 * before {@code end}, and throws {@link Malformed} when not, so a length field that lies ends the
 * message instead of reading a neighbour's bytes. Lists are built from what the bytes hold, never
 * sized from a length field. Not thread-safe; one per message being decoded.
 */
final class Reader {
    final MemorySegment seg;
    long pos;
    long end;

    Reader(MemorySegment seg, long pos, long end) {
        this.seg = seg;
        this.pos = pos;
        this.end = end;
    }

    int remaining() {
        return (int) (end - pos);
    }

    private void need(int n) throws Malformed {
        if (n < 0 || end - pos < n) throw Malformed.INSTANCE;
    }

    int u8() throws Malformed {
        need(1);
        return PayloadBytes.u8(seg, pos++);
    }

    int u16() throws Malformed {
        need(2);
        int v = PayloadBytes.u16(seg, pos);
        pos += 2;
        return v;
    }

    int u24() throws Malformed {
        need(3);
        int v = (PayloadBytes.u8(seg, pos) << 16) | PayloadBytes.u16(seg, pos + 1);
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
        Reader r = new Reader(seg, pos, pos + n);
        pos += n;
        return r;
    }

    /** The next {@code n} bytes as ISO-8859-1 text (one char per byte, nothing lost). */
    String latin1(int n) throws Malformed {
        need(n);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) PayloadBytes.u8(seg, pos + i);
        pos += n;
        return new String(c);
    }

    String hex(int n) throws Malformed {
        need(n);
        // into one Latin-1 byte array: StringBuilder appends of Character.forDigit were most of a session id's cost
        byte[] out = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            int b = PayloadBytes.u8(seg, pos + i);
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
        for (int i = 0; i < out.length; i++, pos += 2) out[i] = PayloadBytes.u16(seg, pos);
        return Codes.of(out, out.length);
    }

    Codes u8s() throws Malformed {
        int[] out = new int[remaining()];
        for (int i = 0; i < out.length; i++) out[i] = PayloadBytes.u8(seg, pos++);
        return Codes.of(out, out.length);
    }

    /** Throws unless every byte was read: a block with bytes left over lied about its length. */
    void done() throws Malformed {
        if (pos != end) throw Malformed.INSTANCE;
    }
}
