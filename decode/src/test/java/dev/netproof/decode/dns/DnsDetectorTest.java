package dev.netproof.decode.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DnsDetectorTest {
    /** www.example.com A, recursion desired; then the same with an EDNS OPT record. */
    static final byte[] QUERY = HexFormat.of().parseHex("12340100000100000000000003777777076578616d706c6503636f6d0000010001");
    static final byte[] QUERY_EDNS = HexFormat.of().parseHex(
            "12340120000100000000000103777777076578616d706c6503636f6d00000100010000291000000000000000");
    final DnsDecoder decoder = new DnsDecoder();

    static MemorySegment seg(byte[] b) {
        return MemorySegment.ofArray(b);
    }

    @Test
    void realQueriesAreRecognised() {
        assertTrue(DnsDetector.looksLikeQuery(decoder, seg(QUERY), 0, QUERY.length));
        assertTrue(DnsDetector.looksLikeQuery(decoder, seg(QUERY_EDNS), 0, QUERY_EDNS.length));
        byte[] tcp = new byte[QUERY.length + 2];
        tcp[1] = (byte) QUERY.length;
        System.arraycopy(QUERY, 0, tcp, 2, QUERY.length);
        assertTrue(DnsDetector.looksLikeTcpQuery(decoder, seg(tcp), 0, tcp.length));
        assertTrue(DnsDetector.looksLikeTcpQuery(decoder, seg(tcp), 0, 20), "header alone when the query is not whole yet");
    }

    @Test
    void nearMissesAreNot() {
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(QUERY), 0, QUERY.length - 1), "cut short");
        byte[] trailing = java.util.Arrays.copyOf(QUERY, QUERY.length + 1);
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(trailing), 0, trailing.length), "a byte after the question");
        byte[] response = QUERY.clone();
        response[2] |= (byte) 0x80;
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(response), 0, response.length), "a response");
        byte[] two = QUERY.clone();
        two[5] = 2;
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(two), 0, two.length), "two questions");
        byte[] z = QUERY.clone();
        z[3] |= 0x40;
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(z), 0, z.length), "the Z bit");
        byte[] http = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes();
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(http), 0, http.length));
        assertFalse(DnsDetector.looksLikeTcpQuery(decoder, seg(http), 0, http.length));
    }

    /** Random payloads are (about) never DNS queries, and looking never throws. */
    @Property(tries = 3000)
    void randomBytesAreNotQueries(@ForAll @Size(max = 600) byte[] b) {
        assertFalse(DnsDetector.looksLikeQuery(decoder, seg(b), 0, b.length));
        assertFalse(DnsDetector.looksLikeTcpQuery(decoder, seg(b), 0, b.length));
    }
}
