package dev.netproof.testkit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes pcapng files for tests: sections in either byte order, several interfaces each with its own
 * link type, snaplen, {@code if_tsresol} and {@code if_tsoffset}, Enhanced, Simple and obsolete
 * Packet Blocks, and arbitrary blocks (unknown types the reader must skip).
 *
 * <pre>
 * every block:  +------+-------------+------------------------------+-------------+
 *               | type | totalLength | body, padded to 4 bytes      | totalLength |
 *               +------+-------------+------------------------------+-------------+
 * EPB body:     ifId | tsHigh | tsLow | capLen | wireLen | data (padded) | options
 * SPB body:     wireLen | data (padded)
 * </pre>
 *
 * <p>The constructor writes the first Section Header Block; {@link #section} starts another (which
 * forgets the interfaces, as the format says). Timestamps given in nanoseconds are converted to the
 * interface's units by flooring; {@link #epbUnits} writes units verbatim. I/O errors surface as
 * {@link UncheckedIOException}: this is test code. Not thread-safe.
 */
public final class PcapngWriter implements Closeable {
    public static final int SHB = 0x0A0D0D0A;
    public static final int IDB = 1;
    /** Obsolete Packet Block. */
    public static final int PB = 2;
    public static final int SPB = 3;
    public static final int NRB = 4;
    public static final int ISB = 5;
    public static final int EPB = 6;
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * An {@code if_tsresol} value: units per second are 10^exponent, or 2^exponent when the top bit
     * of {@code code} is set. {@code explicit == false} means the option is omitted, which the format
     * defines as microseconds.
     */
    public record Resolution(int code, boolean explicit) {
        /** Option omitted: microseconds. */
        public static final Resolution DEFAULT = new Resolution(6, false);
        /** Option present with value 9: nanoseconds. */
        public static final Resolution NANO = pow10(9);

        public static Resolution pow10(int exponent) {
            if (exponent < 0 || exponent > 127) throw new IllegalArgumentException("exponent " + exponent);
            return new Resolution(exponent, true);
        }

        public static Resolution pow2(int exponent) {
            if (exponent < 0 || exponent > 127) throw new IllegalArgumentException("exponent " + exponent);
            return new Resolution(0x80 | exponent, true);
        }

        public BigInteger unitsPerSecond() {
            int e = code & 0x7f;
            return (code & 0x80) != 0 ? BigInteger.ONE.shiftLeft(e) : BigInteger.TEN.pow(e);
        }

        /** floor(nanos * unitsPerSecond / 10^9), as the unsigned 64-bit value the block stores. */
        public long unitsOf(long nanos) {
            BigInteger u = BigInteger.valueOf(nanos).multiply(unitsPerSecond());
            return floorDiv(u, NANOS_PER_SECOND).longValue();
        }

        /** floor(units * 10^9 / unitsPerSecond), reading {@code units} as unsigned: the reader's contract. */
        public long nanosOf(long units) {
            BigInteger u = BigInteger.valueOf(units);
            if (units < 0) u = u.add(TWO_64);
            return floorDiv(u.multiply(NANOS_PER_SECOND), unitsPerSecond()).longValue();
        }

        private static BigInteger floorDiv(BigInteger a, BigInteger b) {
            BigInteger[] qr = a.divideAndRemainder(b);
            return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }
    }

    /**
     * One Interface Description Block.
     *
     * @param linkType         LINKTYPE_* number (16 bits)
     * @param snaplen          snapshot length; 0 means unlimited; {@link #epb} and {@link #spb} truncate to it
     * @param resolution       timestamp units
     * @param tsOffsetSeconds  {@code if_tsoffset}: seconds added to every timestamp; 0 omits the option
     * @param name             {@code if_name}, or null to omit it
     */
    public record Interface(int linkType, int snaplen, Resolution resolution, long tsOffsetSeconds, String name) {
        public Interface {
            Objects.requireNonNull(resolution, "resolution");
        }

        /** Microsecond timestamps, snaplen 262144, no offset, no name. */
        public static Interface of(int linkType) {
            return new Interface(linkType, 262_144, Resolution.DEFAULT, 0, null);
        }

        public Interface withSnaplen(int s) {
            return new Interface(linkType, s, resolution, tsOffsetSeconds, name);
        }

        public Interface withResolution(Resolution r) {
            return new Interface(linkType, snaplen, r, tsOffsetSeconds, name);
        }

        public Interface withTsOffset(long seconds) {
            return new Interface(linkType, snaplen, resolution, seconds, name);
        }

        public Interface withName(String n) {
            return new Interface(linkType, snaplen, resolution, tsOffsetSeconds, n);
        }

        /** Timestamp units for a time in nanoseconds since the epoch, taking the offset away. */
        public long unitsOf(long tsNanos) {
            return resolution.unitsOf(tsNanos - tsOffsetSeconds * 1_000_000_000L);
        }

        /** What a correct reader reports for a block carrying {@code units}. */
        public long nanosOf(long units) {
            return resolution.nanosOf(units) + tsOffsetSeconds * 1_000_000_000L;
        }

        int capLenOf(int length) {
            return snaplen > 0 ? Math.min(length, snaplen) : length;
        }
    }

    private final OutputStream out;
    private final List<Interface> interfaces = new ArrayList<>();
    private ByteOrder order;
    private long written;

    /** Writes a Section Header Block in {@code order} at once; closing the writer closes {@code out}. */
    public PcapngWriter(OutputStream out, ByteOrder order) {
        this.out = Objects.requireNonNull(out, "out");
        section(order);
    }

    public static PcapngWriter inMemory(ByteOrder order) {
        return new PcapngWriter(new ByteArrayOutputStream(), order);
    }

    public static PcapngWriter toFile(Path file, ByteOrder order) {
        try {
            return new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new section: a Section Header Block in {@code newOrder}; interface ids restart at 0. */
    public PcapngWriter section(ByteOrder newOrder) {
        this.order = Objects.requireNonNull(newOrder, "order");
        interfaces.clear();
        Options o = new Options().string(4, "netproof-testkit"); // shb_userappl
        ByteBuffer b = body(16 + o.size());
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L); // section length unknown
        o.writeTo(b);
        return block(SHB, b);
    }

    /** Writes an Interface Description Block; returns its interface id within the current section. */
    public int addInterface(Interface itf) {
        Options o = new Options();
        if (itf.name() != null) o.string(2, itf.name());
        if (itf.resolution().explicit()) o.bytes(9, new byte[] {(byte) itf.resolution().code()});
        if (itf.tsOffsetSeconds() != 0) o.bytes(14, longBytes(itf.tsOffsetSeconds()));
        ByteBuffer b = body(8 + o.size());
        b.putShort((short) itf.linkType()).putShort((short) 0).putInt(itf.snaplen());
        o.writeTo(b);
        block(IDB, b);
        interfaces.add(itf);
        return interfaces.size() - 1;
    }

    /** The interface {@code id} of the current section. */
    public Interface interfaceOf(int id) {
        return interfaces.get(id);
    }

    public ByteOrder order() {
        return order;
    }

    /** Bytes written so far: the file offset of the next block. */
    public long position() {
        return written;
    }

    /** An Enhanced Packet Block for a frame seen whole on the wire (truncated to the snaplen). */
    public PcapngWriter epb(int ifId, long tsNanos, byte[] frame) {
        return epb(ifId, tsNanos, frame, frame.length, null);
    }

    /** An Enhanced Packet Block; stores min(frame.length, snaplen) bytes; {@code comment} may be null. */
    public PcapngWriter epb(int ifId, long tsNanos, byte[] frame, int wireLen, String comment) {
        Interface itf = interfaces.get(ifId);
        byte[] data = Arrays.copyOf(frame, itf.capLenOf(frame.length));
        return packetBlock(EPB, ifId, itf.unitsOf(tsNanos), data, data.length, wireLen, comment);
    }

    /** An Enhanced Packet Block exactly as given: timestamp units and both lengths verbatim. */
    public PcapngWriter epbUnits(int ifId, long tsUnits, byte[] data, int capLen, int wireLen) {
        return packetBlock(EPB, ifId, tsUnits, data, capLen, wireLen, null);
    }

    /** An obsolete Packet Block (type 2), as pre-2010 tools wrote; interface id is 16 bits there. */
    public PcapngWriter obsoletePacket(int ifId, long tsNanos, byte[] frame) {
        Interface itf = interfaces.get(ifId);
        byte[] data = Arrays.copyOf(frame, itf.capLenOf(frame.length));
        return packetBlock(PB, ifId, itf.unitsOf(tsNanos), data, data.length, frame.length, null);
    }

    /** A Simple Packet Block (interface 0, no timestamp) for a whole frame, truncated to the snaplen. */
    public PcapngWriter spb(byte[] frame) {
        return spb(Arrays.copyOf(frame, interfaces.getFirst().capLenOf(frame.length)), frame.length);
    }

    /** A Simple Packet Block holding {@code data} for a packet of {@code wireLen} bytes. */
    public PcapngWriter spb(byte[] data, int wireLen) {
        ByteBuffer b = body(4 + pad4(data.length));
        b.putInt(wireLen).put(data);
        return block(SPB, b);
    }

    /** Any block: type, lengths and padding are added around {@code body}. */
    public PcapngWriter block(int type, byte[] body) {
        ByteBuffer b = body(pad4(body.length));
        b.put(body);
        return block(type, b);
    }

    /** Appends bytes verbatim (garbage, a partial block, ...). */
    public PcapngWriter raw(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written += bytes.length;
        return this;
    }

    /** The bytes written so far; only for {@link #inMemory} writers. */
    public byte[] toByteArray() {
        if (!(out instanceof ByteArrayOutputStream b)) throw new IllegalStateException("not an in-memory writer");
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

    private PcapngWriter packetBlock(int type, int ifId, long units, byte[] data, int capLen, int wireLen,
                                     String comment) {
        Options o = new Options();
        if (comment != null) o.string(1, comment);
        ByteBuffer b = body(20 + pad4(data.length) + o.size());
        if (type == PB) b.putShort((short) ifId).putShort((short) 0);
        else b.putInt(ifId);
        b.putInt((int) (units >>> 32)).putInt((int) units).putInt(capLen).putInt(wireLen).put(data);
        b.position(20 + pad4(data.length));
        o.writeTo(b);
        return block(type, b);
    }

    /** A zeroed buffer for a block body of {@code size} bytes (padding included). */
    private ByteBuffer body(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private PcapngWriter block(int type, ByteBuffer body) {
        int total = 12 + body.capacity();
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total).put(body.array()).putInt(total);
        return raw(b.array());
    }

    private byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(order).putLong(v).array();
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }

    /** Options list: code, length, value padded to 4 bytes, ended by opt_endofopt. */
    private final class Options {
        private final List<Integer> codes = new ArrayList<>();
        private final List<byte[]> values = new ArrayList<>();

        Options string(int code, String s) {
            return bytes(code, s.getBytes(StandardCharsets.UTF_8));
        }

        Options bytes(int code, byte[] value) {
            codes.add(code);
            values.add(value);
            return this;
        }

        int size() {
            if (codes.isEmpty()) return 0;
            int n = 4;
            for (byte[] v : values) n += 4 + pad4(v.length);
            return n;
        }

        void writeTo(ByteBuffer b) {
            if (codes.isEmpty()) return;
            for (int i = 0; i < codes.size(); i++) {
                byte[] v = values.get(i);
                b.putShort((short) (int) codes.get(i)).putShort((short) v.length).put(v);
                b.position(b.position() + pad4(v.length) - v.length);
            }
            b.putInt(0);
        }
    }
}
