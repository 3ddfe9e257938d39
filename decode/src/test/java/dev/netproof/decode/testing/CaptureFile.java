package dev.netproof.decode.testing;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader of classic pcap (micro- and nanosecond, either byte order) and pcapng (SHB, IDB
 * with if_tsresol, EPB, SPB, obsolete PB) for tests. The decode module must not depend on the real
 * reader (module source-pcap); this one reads the whole file into memory and fails loudly on
 * anything it does not understand.
 */
public record CaptureFile(Path path, byte[] bytes, List<Packet> packets) {

    public MemorySegment segment() {
        return MemorySegment.ofArray(bytes);
    }

    /** A copy of one packet's captured bytes. */
    public byte[] data(Packet p) {
        byte[] b = new byte[p.capLen()];
        System.arraycopy(bytes, (int) p.dataOffset(), b, 0, p.capLen());
        return b;
    }

    public static CaptureFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 24) throw new IOException(path + ": too short for a capture file");
        var buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int magic = buf.getInt(0);
        List<Packet> packets = magic == 0x0a0d0d0a ? pcapng(path, buf) : classic(path, buf, magic);
        return new CaptureFile(path, bytes, List.copyOf(packets));
    }

    private static List<Packet> classic(Path path, ByteBuffer buf, int magic) throws IOException {
        boolean nanos;
        switch (magic) {
            case 0xa1b2c3d4 -> nanos = false;
            case 0xa1b23c4d -> nanos = true;
            case 0xd4c3b2a1 -> { nanos = false; buf.order(ByteOrder.LITTLE_ENDIAN); }
            case 0x4d3cb2a1 -> { nanos = true; buf.order(ByteOrder.LITTLE_ENDIAN); }
            default -> throw new IOException(path + ": unknown magic " + Integer.toHexString(magic));
        }
        int linkType = buf.getInt(20) & 0x0fff_ffff;   // upper bits: FCS length flags
        List<Packet> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= buf.limit()) {
            long sec = buf.getInt(pos) & 0xffff_ffffL;
            long frac = buf.getInt(pos + 4) & 0xffff_ffffL;
            int capLen = buf.getInt(pos + 8);
            int wireLen = buf.getInt(pos + 12);
            if (capLen < 0 || pos + 16L + capLen > buf.limit()) throw new IOException(path + ": bad record at " + pos);
            out.add(new Packet(out.size() + 1, linkType, sec * 1_000_000_000L + (nanos ? frac : frac * 1000),
                    capLen, wireLen, pos + 16));
            pos += 16 + capLen;
        }
        if (pos != buf.limit()) throw new IOException(path + ": trailing bytes at " + pos);
        return out;
    }

    private record Iface(int linkType, long unitsPerSecond) {}

    private static List<Packet> pcapng(Path path, ByteBuffer buf) throws IOException {
        List<Packet> out = new ArrayList<>();
        List<Iface> ifaces = new ArrayList<>();
        int pos = 0;
        while (pos + 12 <= buf.limit()) {
            int type = buf.getInt(pos);
            if (type == 0x0a0d0d0a) {
                int bom = buf.order(ByteOrder.BIG_ENDIAN).getInt(pos + 8);
                buf.order(bom == 0x1a2b3c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                ifaces.clear();
            }
            int len = buf.getInt(pos + 4);
            if (len < 12 || (len & 3) != 0 || pos + (long) len > buf.limit()) throw new IOException(path + ": bad block at " + pos);
            int body = pos + 8;
            switch (type) {
                case 1 -> ifaces.add(new Iface(buf.getShort(body) & 0xffff, tsResolution(buf, body + 8, pos + len - 4)));
                case 6 -> {
                    Iface i = ifaces.get(buf.getInt(body));
                    long ts = ((buf.getInt(body + 4) & 0xffff_ffffL) << 32) | (buf.getInt(body + 8) & 0xffff_ffffL);
                    out.add(new Packet(out.size() + 1, i.linkType, toNanos(ts, i.unitsPerSecond),
                            buf.getInt(body + 12), buf.getInt(body + 16), body + 20));
                }
                case 3 -> {
                    Iface i = ifaces.get(0);
                    int wire = buf.getInt(body);
                    int cap = Math.min(wire, len - 16);
                    out.add(new Packet(out.size() + 1, i.linkType, 0, cap, wire, body + 4));
                }
                case 2 -> {
                    Iface i = ifaces.get(buf.getShort(body) & 0xffff);
                    long ts = ((buf.getInt(body + 4) & 0xffff_ffffL) << 32) | (buf.getInt(body + 8) & 0xffff_ffffL);
                    out.add(new Packet(out.size() + 1, i.linkType, toNanos(ts, i.unitsPerSecond),
                            buf.getInt(body + 12), buf.getInt(body + 16), body + 20));
                }
                default -> { }   // NRB, ISB, DSB, custom: nothing a decoder test needs
            }
            pos += len;
        }
        if (pos != buf.limit()) throw new IOException(path + ": trailing bytes at " + pos);
        return out;
    }

    /** if_tsresol (option 9): 10^-n, or 2^-n with the top bit; default microseconds. */
    private static long tsResolution(ByteBuffer buf, int from, int to) {
        int q = from;
        while (q + 4 <= to) {
            int code = buf.getShort(q) & 0xffff;
            int len = buf.getShort(q + 2) & 0xffff;
            if (code == 0) break;
            if (code == 9 && len == 1) {
                int r = buf.get(q + 4) & 0xff;
                return (r & 0x80) != 0 ? 1L << (r & 0x7f) : pow10(r);
            }
            q += 4 + ((len + 3) & ~3);
        }
        return 1_000_000L;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) v *= 10;
        return v;
    }

    private static long toNanos(long ts, long unitsPerSecond) {
        long sec = ts / unitsPerSecond;
        long frac = ts % unitsPerSecond;
        return sec * 1_000_000_000L + frac * 1_000_000_000L / unitsPerSecond;
    }
}
