package dev.netproof.decode.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names as Zeek and IANA write them, GREASE, the ClientHello detector and JA4's corner cases. */
class TlsNamesTest {
    @Test
    void versionsAsZeekWritesThem() {
        assertEquals(List.of("SSLv3", "TLSv10", "TLSv11", "TLSv12", "TLSv13", "TLSv13-draft23", "unknown-0x0305"),
                List.of(TlsNames.version(0x0300), TlsNames.version(0x0301), TlsNames.version(0x0302),
                        TlsNames.version(0x0303), TlsNames.version(0x0304), TlsNames.version(0x7f17),
                        TlsNames.version(0x0305)));
    }

    @Test
    void theIanaCipherSuiteRegistryIsLoaded() {
        assertEquals("TLS_AES_128_GCM_SHA256", TlsNames.cipherSuite(0x1301));
        assertEquals("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", TlsNames.cipherSuite(0xcca8));
        assertEquals("TLS_RSA_WITH_RC4_128_MD5", TlsNames.cipherSuite(0x0004));
        assertEquals("TLS_FALLBACK_SCSV", TlsNames.cipherSuite(0x5600));
        assertEquals("unknown-0x0a0a", TlsNames.cipherSuite(0x0a0a));
        int named = 0;
        for (int v = 0; v < 0x10000; v++) if (!TlsNames.cipherSuite(v).startsWith("unknown-")) named++;
        assertTrue(named > 340, "suites named: " + named);
        assertTrue(TlsNames.ecdhe(0xc02f) && TlsNames.ecdhe(0xc018) && !TlsNames.ecdhe(0x009e) && !TlsNames.ecdhe(0x1301));
    }

    @Test
    void groupsAndAlerts() {
        assertEquals("x25519", TlsNames.group(29));
        assertEquals("secp256r1", TlsNames.group(23));
        assertEquals("X25519MLKEM768", TlsNames.group(0x11ec));
        assertEquals("ffdhe2048", TlsNames.group(256));
        assertEquals("handshake_failure", TlsNames.alert(40));
        assertEquals("close_notify", TlsNames.alert(0));
        assertEquals("unknown-0x00c8", TlsNames.alert(200));
        assertEquals("fatal", TlsNames.alertLevel(2));
    }

    @Test
    void greaseIsTheSixteenReservedValuesOnly() {
        int n = 0;
        for (int v = 0; v < 0x10000; v++) if (TlsNames.isGrease(v)) n++;
        assertEquals(16, n);
        assertTrue(TlsNames.isGrease(0x0a0a) && TlsNames.isGrease(0xfafa));
        assertFalse(TlsNames.isGrease(0x0a1a) || TlsNames.isGrease(0x1301));
    }

    @Test
    void theDetectorWantsSixBytesOfAClientHelloRecord() {
        byte[] ch = {22, 3, 1, 0, (byte) 200, 1, 0, 0};
        assertTrue(TlsDetector.looksLikeClientHello(ch, 0, ch.length));
        assertFalse(TlsDetector.looksLikeClientHello(ch, 0, 5), "too short to tell");
        for (int[] bad : new int[][] {{23, 3, 1, 0, 9, 1}, {22, 2, 0, 0, 9, 1}, {22, 3, 5, 0, 9, 1}, {22, 3, 3, 0, 0, 1},
                {22, 3, 3, 0x48, 1, 1}, {22, 3, 3, 0, 9, 2}}) {
            byte[] b = new byte[6];
            for (int i = 0; i < 6; i++) b[i] = (byte) bad[i];
            assertFalse(TlsDetector.looksLikeClientHello(b, 0, 6), java.util.Arrays.toString(bad));
        }
        byte[] http = "GET / HTTP/1.1".getBytes();
        assertFalse(TlsDetector.looksLikeClientHello(http, 0, http.length));
        assertFalse(TlsDetector.looksLikeClientHello(ch, 4, 6), "never reads past the array");
    }

    @Test
    void ja4CornerCases() {
        ClientHello bare = new ClientHello(0x0301, "", List.of(), List.of(0), List.of(), null, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), false, false, false);
        assertEquals("t10i000000_000000000000_000000000000", bare.ja4());
        // ALPN with a non-alphanumeric end: the first and last digits of the value in hex ("68e9")
        ClientHello odd = new ClientHello(0x0303, "", List.of(0x1301), List.of(0), List.of(0, 16), "x",
                List.of("h\u00e9"), List.of(), List.of(), List.of(), List.of(), List.of(), false, false, false);
        assertEquals("t12d010269_", odd.ja4().substring(0, 11));
        assertTrue(odd.ja4().endsWith("_000000000000"), "only SNI and ALPN: nothing left to hash");
        // over 99 ciphers: the count stays at two digits
        List<Integer> many = java.util.stream.IntStream.range(1, 150).boxed().toList();
        ClientHello big = new ClientHello(0x0303, "", many, List.of(0), List.of(), null, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), false, false, false);
        assertEquals("t12i990000", big.ja4().substring(0, 10));
        assertEquals(",1-2-3", big.ja3().substring(big.ja3().indexOf(','), big.ja3().indexOf(',') + 6));
    }
}
