package dev.netproof.decode.tcp;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;
import java.lang.foreign.MemorySegment;

/**
 * TCP header (RFC 9293).
 * <pre>
 *  0                   1                   2                   3
 * +-------------------------------+-------------------------------+
 * |          source port          |       destination port        |
 * +-------------------------------+-------------------------------+
 * |                        sequence number                        |
 * +---------------------------------------------------------------+
 * |                     acknowledgment number                     |
 * +-------+-------+---------------+-------------------------------+
 * |d.off. | rsrvd |C E U A P R S F|            window             |
 * +-------+-------+---------------+-------------------------------+
 * |           checksum            |        urgent pointer         |
 * +-------------------------------+-------------------------------+
 * |                 options (data offset * 4 - 20)                |
 * +---------------------------------------------------------------+
 * </pre>
 * A header cut by the snaplen is read field by field as far as it goes (ports first, then sequence,
 * acknowledgment, flags, window), so a 54-byte snaplen on a packet with timestamps still yields
 * every fixed field. The payload length comes from the IP datagram length, not from the capture.
 */
public final class Tcp {
    static final int MIN_HEADER = 20;

    private Tcp() {}

    /**
     * Decodes a header at {@code p} as {@link #decode} would when it is whole: 20 bytes captured before {@code end}
     * and its stated length inside the datagram ({@code ipEnd}). Returns false, having written nothing, otherwise.
     * {@code base} is the packet's first byte (payload offsets are relative to it).
     */
    public static boolean decodeWhole(MemorySegment s, long p, long end, long ipEnd, long base, DecodedPacket out) {
        if (p + MIN_HEADER > end) return false;
        int hdr = (Bytes.u8(s, p + 12) >>> 4) << 2;
        long data = p + hdr;
        if (hdr < MIN_HEADER || data > ipEnd) return false;
        // the same reads as decode's, written twice on purpose: shared helpers for the fields and the payload cost the
        // packet path 2.8% more CPU (PacketPathAB, 1.012-1.036 over five passes), C2 inlining the loop differently
        out.srcPort = Bytes.u16(s, p);
        out.dstPort = Bytes.u16(s, p + 2);
        out.hasPorts = true;
        out.seq = Bytes.u32(s, p + 4);
        out.ack = Bytes.u32(s, p + 8);
        out.tcpFlags = Bytes.u8(s, p + 13);
        out.window = Bytes.u16(s, p + 14);
        Status.payload(out, base, end, data, (int) (ipEnd - data));
        if (data > end) out.truncated = true;
        if (hdr > MIN_HEADER) TcpOptions.decode(s, p + MIN_HEADER, data, end, out);
        return true;
    }

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        long end = c.end();
        var s = c.seg;
        if (p + MIN_HEADER > end) return partial(c, out, p, end);
        out.srcPort = Bytes.u16(s, p);
        out.dstPort = Bytes.u16(s, p + 2);
        out.hasPorts = true;
        out.seq = Bytes.u32(s, p + 4);
        out.ack = Bytes.u32(s, p + 8);
        int hdr = (Bytes.u8(s, p + 12) >>> 4) << 2;
        out.tcpFlags = Bytes.u8(s, p + 13);
        out.window = Bytes.u16(s, p + 14);
        if (hdr < MIN_HEADER || p + hdr > c.limit) return Status.fail(out, DecodeError.TCP_HEADER_LEN);
        long data = p + hdr;
        Status.payload(c, out, data, (int) (c.limit - data));
        if (data > end) out.truncated = true;   // even if the cut options would have ended at an EOL
        if (hdr > MIN_HEADER) TcpOptions.decode(s, p + MIN_HEADER, data, end, out);
        return Next.DONE;
    }

    /** Fewer than 20 bytes before the end: fill what is there, then truncated or malformed. */
    private static int partial(Cursor c, DecodedPacket out, long p, long end) {
        var s = c.seg;
        if (p + 4 <= end) {
            out.srcPort = Bytes.u16(s, p);
            out.dstPort = Bytes.u16(s, p + 2);
            out.hasPorts = true;
        }
        if (p + 8 <= end) out.seq = Bytes.u32(s, p + 4);
        if (p + 12 <= end) out.ack = Bytes.u32(s, p + 8);
        if (p + 14 <= end) out.tcpFlags = Bytes.u8(s, p + 13);
        if (p + 16 <= end) out.window = Bytes.u16(s, p + 14);
        return Status.cut(c, out, p + MIN_HEADER, DecodeError.TCP_HEADER_LEN);
    }
}
