package dev.netproof.decode.link;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * Linux "cooked" capture headers (the {@code any} device), v1 and v2. Only the protocol field
 * matters here; it is an EtherType for every device type that carries IP.
 * <pre>
 * SLL (LINKTYPE_LINUX_SLL, 113), 16 bytes:
 * +---------------+---------------+---------------+-------------------------------+---------------+
 * | packet type 2 | ARPHRD type 2 | addr length 2 | link-layer address (8)        | protocol 2    |
 * +---------------+---------------+---------------+-------------------------------+---------------+
 * SLL2 (LINKTYPE_LINUX_SLL2, 276), 20 bytes:
 * +---------------+---------------+---------------+---------------+------+------+-----------------+
 * | protocol 2    | reserved 2    | interface index 4             |ARPHRD 2      |ptype1|alen1| addr (8)
 * +---------------+---------------+---------------+---------------+------+------+-----------------+
 * </pre>
 * Protocol values below 0x0600 are Linux pseudo-types (802.2 LLC, Novell 802.3, CAN...) and
 * ARPHRD_NETLINK frames are netlink messages: none is IP.
 */
public final class LinuxCooked {
    static final int SLL_LEN = 16;
    static final int SLL2_LEN = 20;
    static final int ARPHRD_NETLINK = 824;

    private LinuxCooked() {}

    public static int decodeV1(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + SLL_LEN > c.end()) return Status.cut(c, out, p + SLL_LEN, DecodeError.LINK_SHORT);
        int arphrd = Bytes.u16(c.seg, p + 2);
        int protocol = Bytes.u16(c.seg, p + 14);
        c.pos = p + SLL_LEN;
        return next(arphrd, protocol, out);
    }

    public static int decodeV2(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + SLL2_LEN > c.end()) return Status.cut(c, out, p + SLL2_LEN, DecodeError.LINK_SHORT);
        int protocol = Bytes.u16(c.seg, p);
        int arphrd = Bytes.u16(c.seg, p + 8);
        c.pos = p + SLL2_LEN;
        return next(arphrd, protocol, out);
    }

    private static int next(int arphrd, int protocol, DecodedPacket out) {
        if (arphrd == ARPHRD_NETLINK || protocol < 0x0600) {
            out.etherType = protocol;
            return Status.fail(out, DecodeError.NON_IP);
        }
        return Next.ofEtherType(protocol, out);
    }
}
