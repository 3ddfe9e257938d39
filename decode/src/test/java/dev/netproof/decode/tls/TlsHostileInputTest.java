package dev.netproof.decode.tls;

import static dev.netproof.decode.tls.Tls.concat;
import static dev.netproof.decode.tls.Tls.handshake;
import static dev.netproof.decode.tls.Tls.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Lengths that lie, garbage and truncation: every case ends in a named {@link TlsError}, no exception
 * leaves the parser, and its buffer never grows past the cap whatever the bytes claim.
 */
class TlsHostileInputTest {
    static final int CAP = 4096;

    /** Feeds {@code bytes} in pieces of {@code chunk}, checking the buffer bound after every call. */
    static Recorder feed(byte[] bytes, int chunk) {
        return feed(bytes, chunk, CAP);
    }

    static Recorder feed(byte[] bytes, int chunk, int cap) {
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r, cap);
        MemorySegment s = MemorySegment.ofArray(bytes);
        for (int at = 0; at < bytes.length; at += chunk) {
            p.accept(s, at, Math.min(chunk, bytes.length - at), at);
            assertTrue(p.bufferCapacity() <= cap + TlsStreamParser.SLACK, "buffer " + p.bufferCapacity());
        }
        p.end(bytes.length);
        if (p.stopped() && p.stopReason() != null) assertTrue(p.stopReason().stopsParser());
        assertEquals(0, p.bufferCapacity(), "the buffer goes with the end");
        return r;
    }

    static Recorder feed(byte[] bytes) {
        return feed(bytes, bytes.length == 0 ? 1 : bytes.length);
    }

    @Test
    void sixteenMebibyteClaimsAllocateNothing() {
        byte[] huge = record(22, new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 3, 3});
        for (int chunk : new int[] {1, 3, 100}) assertEquals(List.of(TlsError.MESSAGE_TOO_LONG), feed(huge, chunk).errors);
        byte[] longRecord = new Tls().u8(23).u16(0x0303).u16(0xffff).zeros(10).toBytes();
        assertEquals(List.of(TlsError.RECORD_TOO_LONG), feed(longRecord).errors);
        byte[] justRight = record(23, new byte[TlsStreamParser.MAX_RECORD]);
        assertEquals(List.of("application_data"), feed(justRight).kinds());
    }

    @Test
    void aMessageOfExactlyTheCapIsGatheredAcrossRecordsAndOneByteMoreIsRefused() {
        for (int len : new int[] {CAP, CAP + 1}) {
            byte[] msg = handshake(99, new byte[len]);
            byte[] bytes = concat(record(22, Arrays.copyOf(msg, 1000)), record(22, Arrays.copyOfRange(msg, 1000, 3000)),
                    record(22, Arrays.copyOfRange(msg, 3000, msg.length)));
            Recorder r = feed(bytes, 777);
            if (len == CAP) assertEquals(List.of("handshake"), r.kinds());
            else assertEquals(List.of(TlsError.MESSAGE_TOO_LONG), r.errors);
        }
    }

    @Test
    void helloLengthsThatLieSpoilTheHelloOnly() {
        byte[] good = Tls.clientHello(new byte[0], new int[] {0x1301}, Tls.sni("a.example"));
        byte[] sniLies = Tls.clientHello(new byte[0], new int[] {0x1301},
                Tls.ext(0, new Tls().u16(100).u8(0).u16(9).text("a.example").toBytes()));
        byte[] extPastBlock = concat(Arrays.copyOf(good, good.length - 14), new Tls().u16(14).u16(0).u16(200).toBytes(),
                new byte[8]);
        byte[] oddCiphers = new Tls().u16(0x0303).zeros(32).u8(0).u16(3).zeros(3).u8(1).u8(0).toBytes();
        byte[] sessionPastEnd = new Tls().u16(0x0303).zeros(32).u8(200).zeros(10).toBytes();
        byte[] trailing = concat(good, new byte[] {0});
        byte[] empty = new byte[0];
        for (byte[] body : List.of(sniLies, extPastBlock, oddCiphers, sessionPastEnd, trailing, empty)) {
            Recorder r = feed(concat(record(22, handshake(1, body)), record(23, new byte[4])));
            assertEquals(List.of(TlsError.BAD_CLIENT_HELLO), r.errors, HexFormat.of().formatHex(body));
            assertEquals(List.of("error", "handshake", "application_data"), r.kinds(), "parsing goes on");
        }
        byte[] shLies = new Tls().u16(0x0303).zeros(32).u8(0).u16(0x1301).u8(0).u16(10).u16(43).u16(8).toBytes();
        assertEquals(List.of(TlsError.BAD_SERVER_HELLO), feed(record(22, handshake(2, shLies))).errors);
        assertEquals(List.of(TlsError.BAD_SERVER_HELLO), feed(record(22, handshake(2, new byte[20]))).errors);
    }

    @Test
    void certificateGarbageKeepsItsFingerprint() {
        byte[] junk = new byte[50];
        new Random(1).nextBytes(junk);
        byte[] one = new Tls().u24(53).u24(50).bytes(junk).toBytes();
        Recorder r = feed(record(22, handshake(11, one)));
        assertEquals(List.of(TlsError.BAD_CERTIFICATE), r.errors);
        CertificateInfo c = r.chains.get(0).get(0);
        assertFalse(c.decoded());
        assertEquals(HexFormat.of().formatHex(Fingerprints.digest("SHA-256", junk)), c.sha256());
        assertEquals(50, c.length());

        byte[] lies = new Tls().u24(53).u24(80).bytes(junk).toBytes();
        assertEquals(List.of(TlsError.BAD_CERTIFICATE_LIST), feed(record(22, handshake(11, lies))).errors);

        Tls many = new Tls().u24(40 * 4);
        for (int i = 0; i < 40; i++) many.u24(1).u8(i);
        Recorder m = feed(record(22, handshake(11, many.toBytes())));
        assertEquals(CertificateDecoder.MAX_CERTIFICATES, m.chains.get(0).size());
        assertEquals(TlsError.TOO_MANY_CERTIFICATES, m.errors.getLast());
    }

    @Test
    void everyPrefixOfRealHandshakesEndsCleanlyOrTruncated() throws Exception {
        for (CorpusStreams.Conn c : CorpusStreams.all()) {
            for (byte[] stream : List.of(c.client(), c.server())) {
                int limit = Math.min(stream.length, 6000);
                for (int n = 0; n <= limit; n += n < 300 ? 1 : 37) {
                    Recorder r = feed(Arrays.copyOf(stream, n), Math.max(1, n), TlsStreamParser.DEFAULT_MAX_MESSAGE);
                    for (TlsError e : r.errors) {
                        assertTrue(e == TlsError.TRUNCATED || !e.stopsParser(), c.name() + " prefix " + n + ": " + e);
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void randomBytesNeverThrowAndStayBounded(@ForAll @Size(max = 3000) byte[] bytes,
                                             @ForAll @IntRange(min = 1, max = 64) int chunk,
                                             @ForAll boolean asRecord) {
        byte[] input = asRecord ? concat(new Tls().u8(22).u16(0x0301).u16(Math.min(bytes.length, 0x4000)).toBytes(), bytes)
                : bytes;
        Recorder r = feed(input, chunk);
        for (TlsError e : r.errors) assertNotNull(e);
    }

    @Property(tries = 300)
    void mutatedRealHellosNeverThrowAndStayBounded(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                                   @ForAll @IntRange(min = 1, max = 8) int mutations,
                                                   @ForAll @IntRange(min = 1, max = 512) int chunk) throws Exception {
        List<CorpusStreams.Conn> all = Conns.ALL;
        Random rnd = new Random(seed);
        CorpusStreams.Conn c = all.get(rnd.nextInt(all.size()));
        byte[] s = (rnd.nextBoolean() ? c.client() : c.server()).clone();
        if (s.length == 0) return;
        for (int i = 0; i < mutations; i++) {
            // bias towards the first bytes: headers, lengths and the hello
            int at = rnd.nextInt(Math.min(s.length, rnd.nextBoolean() ? 64 : s.length));
            s[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : s[at] ^ (1 << rnd.nextInt(8)));
        }
        feed(s, chunk);
    }

    /** The corpus streams, read once for all tries. */
    private static final class Conns {
        static final List<CorpusStreams.Conn> ALL;

        static {
            try {
                ALL = CorpusStreams.all();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
