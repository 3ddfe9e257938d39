package dev.netproof.decode.dns;

import dev.netproof.decode.internal.PayloadBytes;
import java.lang.foreign.MemorySegment;

/**
 * Recognises DNS on ports not known for it, from a connection's first message: a standard query
 * with one question, no answer or authority records, at most one additional (EDNS's OPT), the
 * reserved Z bit clear, and the whole payload decoding to its last byte. That is some 40 bits of
 * header that must come out just so, and a name that must parse to the exact end: random or other
 * protocols' bytes pass about never. Responses alone are not recognised (a query starts DNS).
 */
public final class DnsDetector {
    private DnsDetector() {
    }

    /** Whether {@code length} bytes at {@code offset} (a UDP payload, or one TCP message without its length) are a DNS query. */
    public static boolean looksLikeQuery(DnsDecoder decoder, MemorySegment s, long offset, int length) {
        if (length < DnsDecoder.HEADER + 5 || offset + length > s.byteSize() || !queryHeader(s, offset)) return false;
        DnsMessage m = decoder.decode(s, offset, length);
        return m.complete() && decoder.consumed() == length && m.questions().size() == 1 && m.question().type() != 0;
    }

    /**
     * Whether the first bytes a TCP client sent are a length-prefixed DNS query; when the query is not
     * whole in them, its header alone decides.
     */
    public static boolean looksLikeTcpQuery(DnsDecoder decoder, MemorySegment s, long offset, int length) {
        if (length < 2 + DnsDecoder.HEADER || offset + length > s.byteSize()) return false;
        int n = PayloadBytes.u16(s, offset);
        if (n < DnsDecoder.HEADER + 5) return false;
        if (length - 2 >= n) return looksLikeQuery(decoder, s, offset + 2, n); // pipelined queries may follow
        return queryHeader(s, offset + 2);
    }

    private static boolean queryHeader(MemorySegment s, long off) {
        int flags = PayloadBytes.u16(s, off + 2);
        if ((flags & 0x8000) != 0 || (flags & 0x7800) != 0 || (flags & 0x00cf) != 0) return false; // QR, opcode, RA, Z, rcode
        return PayloadBytes.u16(s, off + 4) == 1 && PayloadBytes.u16(s, off + 6) == 0 && PayloadBytes.u16(s, off + 8) == 0
                && PayloadBytes.u16(s, off + 10) <= 1;
    }
}
