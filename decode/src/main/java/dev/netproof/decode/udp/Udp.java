package dev.netproof.decode.udp;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;
import java.lang.foreign.MemorySegment;

/**
 * UDP header (RFC 768).
 * <pre>
 * +-------------------------------+-------------------------------+
 * |          source port          |       destination port        |
 * +-------------------------------+-------------------------------+
 * |            length             |           checksum            |
 * +-------------------------------+-------------------------------+
 * </pre>
 * The length counts the header. It must be at least 8 and, unless the datagram is a first fragment
 * (whose UDP length covers the reassembled datagram), at most the IP payload; otherwise
 * {@link DecodeError#UDP_LENGTH} is recorded, the ports are kept and the payload length falls back
 * to the IP payload. UDP to {@code vxlanPort} leads to VXLAN when decapsulating.
 */
public final class Udp {
    public static final int HEADER_LEN = 8;

    private Udp() {}

    /**
     * Decodes a header at {@code p} of a datagram that is not a fragment as {@link #decode} would when it is whole
     * and leads nowhere: 8 bytes captured before {@code end}, a length from 8 to the datagram's end ({@code ipEnd}),
     * and not VXLAN ({@code vxlanPort}, -1 when not decapsulating). Returns false, having written nothing, otherwise.
     */
    public static boolean decodeWhole(MemorySegment s, long p, long end, long ipEnd, long base, int vxlanPort,
                                      DecodedPacket out) {
        if (p + HEADER_LEN > end) return false;
        int len = Bytes.u16(s, p + 4);
        int dstPort = Bytes.u16(s, p + 2);
        if (len < HEADER_LEN || len > ipEnd - p || dstPort == vxlanPort) return false;
        out.srcPort = Bytes.u16(s, p);
        out.dstPort = dstPort;
        out.hasPorts = true;
        Status.payload(out, base, end, p + HEADER_LEN, len - HEADER_LEN);
        return true;
    }

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        long end = c.end();
        var s = c.seg;
        if (p + HEADER_LEN > end) {
            if (p + 4 <= end) {
                out.srcPort = Bytes.u16(s, p);
                out.dstPort = Bytes.u16(s, p + 2);
                out.hasPorts = true;
            }
            return Status.cut(c, out, p + HEADER_LEN, DecodeError.UDP_LENGTH);
        }
        out.srcPort = Bytes.u16(s, p);
        out.dstPort = Bytes.u16(s, p + 2);
        out.hasPorts = true;
        int len = Bytes.u16(s, p + 4);
        long ipPayload = c.limit - p;
        if (len < HEADER_LEN || (len > ipPayload && !out.moreFragments)) {
            Status.error(out, DecodeError.UDP_LENGTH);
            Status.payload(c, out, p + HEADER_LEN, (int) (ipPayload - HEADER_LEN));
            return Next.DONE;
        }
        Status.payload(c, out, p + HEADER_LEN, len - HEADER_LEN);
        if (c.decapsulate && out.dstPort == c.vxlanPort && !out.fragment) {
            c.narrow(p + len);
            c.pos = p + HEADER_LEN;
            return Next.VXLAN;
        }
        return Next.DONE;
    }
}
