package dev.netproof.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes classic libpcap files for tests: either byte order, microsecond ({@code 0xa1b2c3d4}) or
 * nanosecond ({@code 0xa1b23c4d}) magic, any link type and snaplen.
 *
 * <pre>
 * file header (24 bytes)                      record header (16 bytes), then capLen bytes
 * +-------+-----+-----+--------+--------+       +--------+---------+--------+---------+
 * | magic | maj | min | zone=0 | sigfig |       | ts_sec | ts_frac | capLen | wireLen |
 * +-------+-----+-----+--------+--------+       +--------+---------+--------+---------+
 * | snaplen       | link type field     |       ts_frac is microseconds or nanoseconds
 * +---------------+---------------------+
 * </pre>
 *
 * <p>{@link #packet} behaves like a capture tool (truncates to the snaplen, records the wire length);
 * {@link #record} and {@link #raw} write whatever they are given, so tests can build broken files.
 * I/O errors surface as {@link UncheckedIOException}: this is test code. Not thread-safe.
 */
public final class PcapWriter implements Closeable {
    /** Resolution of the record timestamps, chosen by the magic number. */
    public enum Precision {
        /** Magic {@code 0xa1b2c3d4}: fraction in microseconds. */
        MICRO(0xa1b2c3d4, 1_000),
        /** Magic {@code 0xa1b23c4d}: fraction in nanoseconds. */
        NANO(0xa1b23c4d, 1);

        final int magic;
        final long nanosPerUnit;

        Precision(int magic, long nanosPerUnit) {
            this.magic = magic;
            this.nanosPerUnit = nanosPerUnit;
        }
    }

    /**
     * The file header's choices.
     *
     * @param order          byte order of every header field (the reader detects it from the magic)
     * @param precision      timestamp resolution
     * @param linkTypeField  the whole 32-bit link-type field: LINKTYPE_* in the low 16 bits; tests may
     *                       set the FCS bits (bit 26 and bits 28-31) above it
     * @param snaplen        snapshot length in bytes; {@link #packet} truncates frames to it
     */
    public record Header(ByteOrder order, Precision precision, int linkTypeField, int snaplen) {
        public Header {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(precision, "precision");
        }

        /** Little-endian, microseconds, Ethernet, snaplen 262144: what tcpdump writes on x86. */
        public static Header ethernet() {
            return new Header(ByteOrder.LITTLE_ENDIAN, Precision.MICRO, LinkTypes.ETHERNET, 262_144);
        }

        public Header withOrder(ByteOrder o) {
            return new Header(o, precision, linkTypeField, snaplen);
        }

        public Header withPrecision(Precision p) {
            return new Header(order, p, linkTypeField, snaplen);
        }

        public Header withLinkType(int field) {
            return new Header(order, precision, field, snaplen);
        }

        public Header withSnaplen(int s) {
            return new Header(order, precision, linkTypeField, s);
        }
    }

    /** Size of the file header in bytes. */
    public static final int FILE_HEADER_LEN = 24;
    /** Size of a record header in bytes. */
    public static final int RECORD_HEADER_LEN = 16;

    private final OutputStream out;
    private final Header header;
    private final ByteBuffer scratch;
    private long written;

    /** Writes the file header to {@code out} at once; closing the writer closes {@code out}. */
    public PcapWriter(OutputStream out, Header header) {
        this.out = Objects.requireNonNull(out, "out");
        this.header = Objects.requireNonNull(header, "header");
        this.scratch = ByteBuffer.allocate(FILE_HEADER_LEN).order(header.order());
        scratch.putInt(header.precision().magic).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(header.snaplen()).putInt(header.linkTypeField());
        flushScratch();
    }

    /** A writer into memory; get the bytes with {@link #toByteArray()}. */
    public static PcapWriter inMemory(Header header) {
        return new PcapWriter(new ByteArrayOutputStream(), header);
    }

    /** A writer into a new or truncated file. */
    public static PcapWriter toFile(Path file, Header header) {
        try {
            return new PcapWriter(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16), header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Header header() {
        return header;
    }

    /** Bytes written so far, file header included: the file offset of the next record. */
    public long position() {
        return written;
    }

    /** A captured frame seen whole on the wire: capLen = min(length, snaplen), wireLen = length. */
    public PcapWriter packet(long tsNanos, byte[] frame) {
        return packet(tsNanos, frame, frame.length);
    }

    /**
     * A captured frame whose original length was {@code wireLen}; the first min(frame.length, snaplen)
     * bytes are stored. The timestamp is truncated to the file's precision (floor, so times before
     * 1970 stay consistent).
     */
    public PcapWriter packet(long tsNanos, byte[] frame, int wireLen) {
        int capLen = header.snaplen() > 0 ? Math.min(frame.length, header.snaplen()) : frame.length;
        long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
        long frac = Math.floorMod(tsNanos, 1_000_000_000L) / header.precision().nanosPerUnit;
        byte[] data = capLen == frame.length ? frame : java.util.Arrays.copyOf(frame, capLen);
        return record(sec, frac, capLen, wireLen, data);
    }

    /**
     * A record exactly as given: header fields (low 32 bits of each) then all of {@code data}, even if
     * {@code data.length != capLen}, so tests can write lying headers.
     */
    public PcapWriter record(long tsSeconds, long tsFraction, int capLen, int wireLen, byte[] data) {
        scratch.clear();
        scratch.putInt((int) tsSeconds).putInt((int) tsFraction).putInt(capLen).putInt(wireLen);
        flushScratch();
        return raw(data);
    }

    /** Appends bytes verbatim (garbage, a partial header, ...). */
    public PcapWriter raw(byte[] bytes) {
        return raw(bytes, bytes.length);
    }

    private PcapWriter raw(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written += length;
        return this;
    }

    /** The bytes written so far; only for {@link #inMemory} writers. */
    public byte[] toByteArray() {
        if (!(out instanceof ByteArrayOutputStream b)) {
            throw new IllegalStateException("not an in-memory writer");
        }
        return b.toByteArray();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushScratch() {
        raw(scratch.array(), scratch.position());
    }
}
