package dev.netproof.store;

import dev.netproof.core.model.ExportedFlow;
import java.util.List;

/**
 * How {@code export_rows} packs an exported record's small fields into four BIGINT columns, and the SQL that
 * unpacks them in the {@code export_flows} view. DuckDB's insert costs about the same per column whatever it
 * holds (statistics, compression analysis and append run per column and row), so eleven small columns cost
 * what eleven BIGINTs do; packed into two, the collector's writer went from 35 columns to 21.
 *
 * <p>{@code transport}: bits 0-15 destination port, 16-31 source port, 32-47 TCP flags, 48-56 protocol + 1
 * (0 when absent). {@code marks}: bits 0-7 ToS, 8-9 direction (0 ingress, 1 egress, 2 absent), 10 no source
 * address, 11 no destination address, then 9 bits each of source mask, destination mask, end reason and IP
 * version, each + 1 (0 when absent), from bit 12, 13 bits of VLAN + 1 from bit 48, 61 no input interface, 62
 * no output interface. {@code interfaces}: input interface in the high 32 bits, output in the low;
 * {@code as_pair}: source AS high, destination AS low (two's complement: the high word's top bit is the sign).
 * Every field fits as the decoders produce it (one-byte and two-byte wire values, 12-bit VLANs, interfaces and
 * AS numbers of at most four bytes, which the template compiler enforces); a wider value keeps its low bits.
 */
final class ExportBits {
    private ExportBits() {}

    static long transport(ExportedFlow f) {
        return (long) f.dstPort() | (long) f.srcPort() << 16 | (long) (f.tcpFlags() & 0xffff) << 32
                | (long) plusOne(f.ipProto()) << 48;
    }

    static long marks(ExportedFlow f) {
        int direction = f.direction() == 0 || f.direction() == 1 ? f.direction() : 2;
        return (f.tos() & 0xff) | direction << 8 | (f.srcAddr() == null ? 1 << 10 : 0) | (f.dstAddr() == null ? 1 << 11 : 0)
                | (long) plusOne(f.srcMask()) << 12 | (long) plusOne(f.dstMask()) << 21
                | (long) plusOne(f.endReason()) << 30 | (long) plusOne(f.ipVersion()) << 39
                | (long) (f.vlan() < 0 ? 0 : (f.vlan() & 0xfff) + 1) << 48
                | (f.inIf() < 0 ? 1L << 61 : 0) | (f.outIf() < 0 ? 1L << 62 : 0);
    }

    /** Input and output interface, 0 where absent (a bit in {@link #marks} says so). */
    static long interfaces(ExportedFlow f) {
        return pair(Math.max(f.inIf(), 0), Math.max(f.outIf(), 0));
    }

    static long asPair(ExportedFlow f) {
        return pair(f.srcAs(), f.dstAs());
    }

    private static long pair(long high, long low) {
        return high << 32 | low & 0xffff_ffffL;
    }

    /** A one-byte value + 1 in 9 bits, 0 for absent (negative). */
    private static int plusOne(int v) {
        return v < 0 ? 0 : (v & 0xff) + 1;
    }

    /** The view's columns made from {@code transport} and {@code marks} of the row alias {@code r}. */
    static final String DST_PORT = "(r.transport & 65535)::INTEGER",
            SRC_PORT = "((r.transport >> 16) & 65535)::INTEGER",
            TCP_FLAGS = "((r.transport >> 32) & 65535)::INTEGER",
            PROTO = "nullif((r.transport >> 48)::INTEGER, 0) - 1",
            TOS = "(r.marks & 255)::INTEGER",
            DIRECTION = "CASE (r.marks >> 8) & 3 WHEN 0 THEN 'ingress' WHEN 1 THEN 'egress' END",
            SRC_ABSENT = "((r.marks >> 10) & 1) = 1",
            DST_ABSENT = "((r.marks >> 11) & 1) = 1",
            SRC_MASK = nine(12),
            DST_MASK = nine(21),
            END_REASON = nine(30),
            IP_VERSION = nine(39),
            VLAN = "nullif(((r.marks >> 48) & 8191)::INTEGER, 0) - 1",
            IN_IF = "CASE WHEN ((r.marks >> 61) & 1) = 0 THEN (r.interfaces >> 32) & 4294967295 END",
            OUT_IF = "CASE WHEN ((r.marks >> 62) & 1) = 0 THEN r.interfaces & 4294967295 END",
            SRC_AS = "(r.as_pair >> 32) & 4294967295",
            DST_AS = "r.as_pair & 4294967295";

    /**
     * The MPLS stack and the unmapped fields in one text, NULL (null) for the usual record with neither:
     * {@code LABELS|EXTRA}, the labels as decimal numbers joined by commas (either part may be empty).
     */
    static String texts(List<Integer> mpls, String extra) {
        if (mpls.isEmpty() && extra == null) return null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mpls.size(); i++) {
            if (i > 0) b.append(',');
            b.append(mpls.get(i).intValue());
        }
        b.append('|');
        if (extra != null) b.append(extra);
        return b.toString();
    }

    /** The view's {@code mpls_labels} and {@code extra} from {@link #texts}. */
    static final String MPLS_LABELS = "CASE WHEN r.texts IS NULL OR r.texts[1] = '|' THEN []::BIGINT[] "
            + "ELSE string_split(r.texts[1:strpos(r.texts, '|') - 1], ',')::BIGINT[] END",
            EXTRA = "nullif(r.texts[strpos(r.texts, '|') + 1:], '')";

    /**
     * SQL for {@link #pair} of two unsigned 32-bit expressions: DuckDB's {@code <<} refuses to shift bits out of
     * a BIGINT, so the high word is made signed and multiplied (its product and the sum stay in range).
     */
    static String pairSql(String high, String low) {
        return "(((" + high + ") & 4294967295) - CASE WHEN ((" + high + ") & 4294967295) >= 2147483648 THEN 4294967296 ELSE 0 END)"
                + " * 4294967296 + ((" + low + ") & 4294967295)";
    }

    /** A 9-bit "+ 1, 0 when absent" field of {@code marks} from bit {@code shift}. */
    private static String nine(int shift) {
        return "nullif(((r.marks >> " + shift + ") & 511)::INTEGER, 0) - 1";
    }
}
