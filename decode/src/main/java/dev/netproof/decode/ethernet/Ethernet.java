package dev.netproof.decode.ethernet;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * Ethernet II and IEEE 802.3 MAC headers.
 * <pre>
 * +-------------------+-------------------+----------------+
 * | destination (6)   | source (6)        | type/length 2  |  Ethernet II: type >= 0x0600
 * +-------------------+-------------------+----------------+
 * 802.3: length <= 1500, then LLC; SNAP (AA AA 03, OUI 00 00 00) carries an EtherType:
 * +----+----+----+--------------+----------+
 * | AA | AA | 03 | OUI 00 00 00 | type 2   |
 * +----+----+----+--------------+----------+
 * </pre>
 * Any other LLC frame (STP, NetBIOS...) is {@link DecodeError#NON_IP}. The MAC addresses are not
 * kept: the flow table keys on IP.
 */
public final class Ethernet {
    public static final int HEADER_LEN = 14;
    static final int SNAP_LEN = 8;
    static final int MAX_8023_LENGTH = 1500;
    static final int MIN_ETHERTYPE = 0x0600;

    private Ethernet() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + HEADER_LEN > c.end()) return Status.cut(c, out, p + HEADER_LEN, DecodeError.ETHERNET_SHORT);
        c.vlanTags = 0;
        int type = Bytes.u16(c.seg, p + 12);
        c.pos = p + HEADER_LEN;
        if (type >= MIN_ETHERTYPE) return Next.ofEtherType(type, out);
        return llc(c, out, type);
    }

    /** 802.3 frame: only LLC/SNAP with the zero OUI leads on (to an EtherType). */
    private static int llc(Cursor c, DecodedPacket out, int length) {
        long p = c.pos;
        if (length <= MAX_8023_LENGTH && length >= SNAP_LEN && p + SNAP_LEN <= c.end()
                && Bytes.u16(c.seg, p) == 0xaaaa && Bytes.i32(c.seg, p + 2) == 0x0300_0000) {
            c.narrow(p + length);
            c.pos = p + SNAP_LEN;
            int type = Bytes.u16(c.seg, p + 6);
            if (type >= MIN_ETHERTYPE) return Next.ofEtherType(type, out);
        }
        return Status.fail(out, DecodeError.NON_IP);
    }
}
