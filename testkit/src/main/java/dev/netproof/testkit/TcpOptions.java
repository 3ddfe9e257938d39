package dev.netproof.testkit;

import java.io.ByteArrayOutputStream;

/** Builds the bytes of TCP options (RFC 9293, 7323, 2018) for {@link Frames.Builder#tcpOptions}. */
public final class TcpOptions {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static TcpOptions of() {
        return new TcpOptions();
    }

    public TcpOptions nop() {
        out.write(1);
        return this;
    }

    public TcpOptions mss(int v) {
        out.write(2);
        out.write(4);
        out.write(v >> 8);
        out.write(v);
        return this;
    }

    public TcpOptions windowScale(int shift) {
        out.write(3);
        out.write(3);
        out.write(shift);
        return this;
    }

    public TcpOptions sackPermitted() {
        out.write(4);
        out.write(2);
        return this;
    }

    /** SACK blocks, each a pair of absolute sequence numbers {left, right}. */
    public TcpOptions sack(long... edges) {
        if (edges.length == 0 || edges.length % 2 != 0 || edges.length > 8) {
            throw new IllegalArgumentException("1 to 4 SACK blocks as left/right pairs");
        }
        out.write(5);
        out.write(2 + 4 * edges.length);
        for (long e : edges) putInt(e);
        return this;
    }

    public TcpOptions timestamps(long tsVal, long tsEcr) {
        out.write(8);
        out.write(10);
        putInt(tsVal);
        putInt(tsEcr);
        return this;
    }

    private void putInt(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
