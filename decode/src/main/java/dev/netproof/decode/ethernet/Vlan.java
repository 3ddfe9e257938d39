package dev.netproof.decode.ethernet;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * One 802.1Q / 802.1ad tag, after a TPID of 0x8100, 0x88a8, 0x9100 or 0x9200 (the TPID itself was
 * the preceding EtherType).
 * <pre>
 * +-----+---+-----------------+----------------+
 * | PCP |DEI| VLAN id (12)    | EtherType 2    |
 * +-----+---+-----------------+----------------+
 *  3 bits 1                     of what follows
 * </pre>
 * The first tag met goes to {@code vlan}, the second to {@code innerVlan}; more are skipped, up to
 * {@code maxVlanTags} per Ethernet header.
 */
public final class Vlan {
    static final int TAG_LEN = 4;

    private Vlan() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + TAG_LEN > c.end()) return Status.cut(c, out, p + TAG_LEN, DecodeError.ETHERNET_SHORT);
        if (c.vlanTags >= c.maxVlanTags) return Status.fail(out, DecodeError.VLAN_DEPTH);
        c.vlanTags++;
        int id = Bytes.u16(c.seg, p) & 0x0fff;
        if (out.vlan < 0) {
            out.vlan = id;
        } else if (out.innerVlan < 0) {
            out.innerVlan = id;
        }
        c.pos = p + TAG_LEN;
        return Next.ofEtherType(Bytes.u16(c.seg, p + 2), out);
    }
}
