package dev.netproof.decode.tls;

import static dev.netproof.decode.tls.Tls.concat;
import static dev.netproof.decode.tls.Tls.handshake;
import static dev.netproof.decode.tls.Tls.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record framing, handshake reassembly and the encryption rules, on hand-written bytes. */
class TlsStreamParserTest {
    static final int[] CIPHERS = {0x1301, 0xc02f};

    static byte[] hello() {
        return handshake(1, Tls.clientHello(new byte[0], CIPHERS, Tls.sni("example.com"), Tls.alpn("h2")));
    }

    static Recorder feed(byte[] bytes) {
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r);
        p.accept(MemorySegment.ofArray(bytes), 0, bytes.length, 7);
        p.end(8);
        return r;
    }

    @Test
    void severalMessagesInOneRecordAndOneMessageOverSeveralRecords() {
        byte[] sh = handshake(2, Tls.serverHello(new byte[32], 0xc02f));
        byte[] cert = handshake(11, new Tls().u24(0).toBytes());
        byte[] done = handshake(14, new byte[0]);
        byte[] flight = concat(sh, cert, done);
        // the first record ends inside the Certificate message's header
        int cut = sh.length + 2;
        byte[] bytes = concat(record(22, java.util.Arrays.copyOf(flight, cut)),
                record(22, java.util.Arrays.copyOfRange(flight, cut, flight.length)));
        Recorder r = feed(bytes);
        assertEquals(List.of("server_hello", "handshake", "certificates", "handshake", "handshake"), r.kinds());
        assertEquals(List.of(), r.errors);
        assertEquals(0xc02f, r.serverHellos.get(0).cipherSuite());
        assertEquals(List.of(), r.chains.get(0));
    }

    /**
     * The decoders read the buffer with C2's widened bounds checks, which may reach past a message's end
     * ({@code Reader}): the buffer must hold {@link TlsStreamParser#SLACK} bytes more than every message, the
     * first one of a parser and one of the cap's length included.
     */
    @Test
    void theBufferHoldsSlackPastEveryMessage() {
        byte[] h = hello();
        TlsStreamParser p = new TlsStreamParser(new Recorder(), 1024);
        p.accept(MemorySegment.ofArray(record(22, h)), 0, h.length + 5, 1);
        assertTrue(p.bufferCapacity() >= h.length - 4 + TlsStreamParser.SLACK, "buffer " + p.bufferCapacity());
        byte[] longest = handshake(99, new byte[1024]);
        p.accept(MemorySegment.ofArray(record(22, longest)), 0, longest.length + 5, 2);
        assertEquals(1024 + TlsStreamParser.SLACK, p.bufferCapacity());
        p.end(3);
        assertEquals(0, p.bufferCapacity());
    }

    @Test
    void theClientHelloFields() {
        byte[] body = Tls.clientHello(new byte[] {1, 2}, new int[] {0x0a0a, 0x1301, 0xc02b},
                Tls.ext(0x1a1a, new byte[0]), Tls.sni("example.com"), Tls.alpn("h2", "http/1.1"),
                Tls.supportedVersions(0x2a2a, 0x0304, 0x0303), Tls.u16List16(10, 0x3a3a, 29, 23),
                Tls.ext(11, new byte[] {1, 0}), Tls.u16List16(13, 0x0403, 0x0804), Tls.keyShare(0x4a4a, 29),
                Tls.ext(35, new byte[] {9}), Tls.ext(41, new byte[4]), Tls.ext(0xfe0d, new byte[3]));
        ClientHello h = feed(record(22, handshake(1, body))).clientHellos.get(0);
        assertEquals(0x0303, h.legacyVersion());
        assertEquals("0102", h.sessionId());
        assertEquals(List.of(0x0a0a, 0x1301, 0xc02b), h.cipherSuites());
        assertEquals(List.of(0), h.compressionMethods());
        assertEquals(List.of(0x1a1a, 0, 16, 43, 10, 11, 13, 51, 35, 41, 0xfe0d), h.extensions());
        assertEquals("example.com", h.serverName());
        assertEquals(List.of("h2", "http/1.1"), h.alpn());
        assertEquals(List.of(0x2a2a, 0x0304, 0x0303), h.supportedVersions());
        assertEquals(List.of(0x3a3a, 29, 23), h.supportedGroups());
        assertEquals(List.of(0), h.ecPointFormats());
        assertEquals(List.of(0x0403, 0x0804), h.signatureAlgorithms());
        assertEquals(List.of(0x4a4a, 29), h.keyShareGroups());
        assertTrue(h.sessionTicket() && h.pskOffered() && h.ech());
        assertEquals(0x0304, h.maxVersion());
        // GREASE out of every JA3 list; JA4 counts 2 ciphers and 10 extensions
        assertEquals("771,4865-49195,0-16-43-10-11-13-51-35-41-65037,29-23,0", h.ja3());
        assertTrue(h.ja4().startsWith("t13d0210h2_"), h.ja4());
    }

    @Test
    void aServerHelloAndAHelloRetryRequest() {
        byte[] random = new byte[32];
        random[0] = 1;
        ServerHello sh = feed(record(22, handshake(2, Tls.serverHello(random, 0x1302,
                Tls.ext(43, new Tls().u16(0x0304).toBytes()), Tls.ext(51, new Tls().u16(29).u16(2).u16(0).toBytes()),
                Tls.ext(16, new Tls().u16(3).u8(2).text("h2").toBytes()), Tls.ext(41, new byte[2]))))).serverHellos.get(0);
        assertEquals(0x0304, sh.selectedVersion());
        assertEquals(29, sh.keyShareGroup());
        assertEquals("h2", sh.alpn());
        assertTrue(sh.psk() && sh.tls13());
        assertFalse(sh.helloRetryRequest());
        assertEquals("771,4866,43-51-16-41", sh.ja3s());

        ServerHello hrr = feed(record(22, handshake(2, Tls.serverHello(Tls.HRR_RANDOM, 0x1301,
                Tls.ext(43, new Tls().u16(0x0304).toBytes()), Tls.ext(51, new Tls().u16(23).toBytes()))))).serverHellos.get(0);
        assertTrue(hrr.helloRetryRequest());
        assertEquals(23, hrr.keyShareGroup());
    }

    @Test
    void afterChangeCipherSpecHandshakeAndAlertsAreCountedNotParsed() {
        byte[] bytes = concat(record(22, hello()), record(20, new byte[] {1}), record(22, new byte[40]),
                record(21, new byte[26]), record(23, new byte[30]));
        Recorder r = feed(bytes);
        assertEquals(List.of("client_hello", "handshake", "ccs", "encrypted_handshake", "encrypted_alert",
                "application_data"), r.kinds());
        assertEquals(List.of(), r.errors);
    }

    @Test
    void aTls13ServerHelloEncryptsTheRestOfTheHandshakeButNotAfterARetryRequest() {
        byte[] v13 = Tls.ext(43, new Tls().u16(0x0304).toBytes());
        byte[] hrr = record(22, handshake(2, Tls.serverHello(Tls.HRR_RANDOM, 0x1301, v13)));
        byte[] sh = record(22, handshake(2, Tls.serverHello(new byte[32], 0x1301, v13)));
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r);
        byte[] bytes = concat(hrr, record(20, new byte[] {1}), sh, record(22, new byte[50]), record(21, new byte[] {2, 40}),
                record(23, new byte[50]));
        p.accept(MemorySegment.ofArray(bytes), 0, bytes.length, 1);
        // the compatibility ChangeCipherSpec of TLS 1.3 switches nothing; the plaintext alert is read
        assertEquals(List.of("server_hello", "handshake", "ccs", "server_hello", "handshake", "encrypted_handshake",
                "alert", "application_data"), r.kinds());
        assertTrue(p.isTls13() && p.encrypted());
    }

    @Test
    void alertsSplitAcrossCallsAndOddLengths() {
        byte[] bytes = record(21, new byte[] {1, 0, 2, 40});
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r);
        for (int i = 0; i < bytes.length; i++) p.accept(MemorySegment.ofArray(bytes), i, 1, i);
        assertEquals(List.of("alert", "alert"), r.kinds());
        assertEquals("2/40", r.calls.get(1).value());
        assertEquals(List.of(TlsError.BAD_ALERT), feed(record(21, new byte[] {2, 40, 1})).errors);
    }

    @Test
    void emptyRecordsAndBadChangeCipherSpecAreNamedAndParsingGoesOn() {
        Recorder r = feed(concat(record(22, new byte[0]), record(20, new byte[] {1, 1}), record(23, new byte[0])));
        assertEquals(List.of(TlsError.EMPTY_RECORD, TlsError.BAD_CHANGE_CIPHER_SPEC), r.errors);
        assertEquals(List.of("error", "error", "ccs", "application_data"), r.kinds());
    }

    @Test
    void framingErrorsStopTheParser() {
        assertEquals(List.of(TlsError.NOT_TLS), feed("GET / HTTP/1.1\r\n\r\n".getBytes()).errors);
        assertEquals(List.of(TlsError.BAD_RECORD_HEADER), feed(concat(record(23, new byte[3]), new byte[] {99, 3, 3, 0, 1, 0})).errors);
        byte[] twoRecordHeader = concat(record(22, java.util.Arrays.copyOf(hello(), 3)), record(21, new byte[] {2, 40}));
        assertEquals(List.of(TlsError.INTERLEAVED), feed(twoRecordHeader).errors);
        Recorder cut = feed(java.util.Arrays.copyOf(record(22, hello()), 20));
        assertEquals(List.of(TlsError.TRUNCATED), cut.errors);
    }

    @Test
    void aGapStopsParsingAndLaterBytesAreIgnored() {
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r);
        byte[] a = record(23, new byte[5]);
        p.accept(MemorySegment.ofArray(a), 0, a.length, 1);
        p.gap(2);
        p.accept(MemorySegment.ofArray(a), 0, a.length, 3);
        p.end(4);
        assertEquals(List.of("application_data", "error"), r.kinds());
        assertEquals(TlsError.GAP, p.stopReason());
        assertTrue(p.stopped());
    }

    @Test
    void aCleanEndIsNoError() {
        Recorder r = feed(record(22, hello()));
        assertEquals(List.of(), r.errors);
        assertNull(r.clientHellos.get(0).sessionId().isEmpty() ? null : "session id");
    }
}
