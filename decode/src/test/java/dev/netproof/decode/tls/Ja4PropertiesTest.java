package dev.netproof.decode.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The JA4 and JA3 made over int arrays and bytes equal a plain reading of FoxIO's and Salesforce's
 * specifications (boxed lists, strings, a fresh digest), for random hellos with GREASE, SNI, ALPN and
 * duplicate values anywhere.
 */
class Ja4PropertiesTest {
    private static final int[] GREASE = {0x0a0a, 0x1a1a, 0xfafa};

    private static List<Integer> values(Random r, int max, boolean withSniAlpn) {
        List<Integer> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k == 0) out.add(GREASE[r.nextInt(GREASE.length)]);
            else if (withSniAlpn && k == 1) out.add(r.nextBoolean() ? 0x0000 : 0x0010);
            else out.add(r.nextInt(0x10000));
        }
        return out;
    }

    static String spec(ClientHello h) throws Exception {
        List<Integer> ciphers = h.cipherSuites().stream().filter(v -> !TlsNames.isGrease(v)).toList();
        List<Integer> exts = h.extensions().stream().filter(v -> !TlsNames.isGrease(v)).toList();
        String alpn = "00";
        if (!h.alpn().isEmpty() && !h.alpn().get(0).isEmpty()) {
            String p = h.alpn().get(0);
            char f = p.charAt(0), l = p.charAt(p.length() - 1);
            if (Character.isLetterOrDigit(f) && f < 128 && Character.isLetterOrDigit(l) && l < 128) {
                alpn = "" + f + l;
            } else {
                String hex = HexFormat.of().formatHex(p.getBytes(StandardCharsets.ISO_8859_1));
                alpn = "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
            }
        }
        String version = switch (h.maxVersion()) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            default -> "00";
        };
        String a = "t" + version + (exts.contains(0) ? "d" : "i") + String.format("%02d%02d", Math.min(ciphers.size(), 99),
                Math.min(exts.size(), 99)) + alpn;
        String b = ciphers.isEmpty() ? "000000000000" : sha12(hex(ciphers.stream().sorted().toList()));
        List<Integer> c1 = exts.stream().filter(v -> v != 0 && v != 0x10).sorted().toList();
        List<Integer> sigs = h.signatureAlgorithms().stream().filter(v -> !TlsNames.isGrease(v)).toList();
        String c = c1.isEmpty() ? "000000000000" : sha12(hex(c1) + (sigs.isEmpty() ? "" : "_" + hex(sigs)));
        return a + "_" + b + "_" + c;
    }

    static String hex(List<Integer> v) {
        return v.stream().map(x -> String.format("%04x", x & 0xffff)).collect(Collectors.joining(","));
    }

    static String sha12(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)))
                .substring(0, 12);
    }

    static String ja3Spec(ClientHello h) {
        return h.legacyVersion() + "," + dec(h.cipherSuites()) + "," + dec(h.extensions()) + "," + dec(h.supportedGroups())
                + "," + dec(h.ecPointFormats());
    }

    static String dec(List<Integer> v) {
        return v.stream().filter(x -> !TlsNames.isGrease(x)).map(String::valueOf).collect(Collectors.joining("-"));
    }

    @Property(tries = 500)
    void fingerprintsMatchAPlainReadingOfTheirSpecifications(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        List<String> alpn = switch (r.nextInt(4)) {
            case 0 -> List.of();
            case 1 -> List.of("h2", "http/1.1");
            case 2 -> List.of("");
            default -> List.of(new String(new char[] {(char) r.nextInt(256), 'x', (char) r.nextInt(256)}));
        };
        List<Integer> versions = r.nextBoolean() ? List.of() : List.of(0x0a0a, 0x0304, 0x0303);
        ClientHello h = new ClientHello(r.nextBoolean() ? 0x0303 : 0x0301, "", values(r, 120, false), List.of(0),
                values(r, 120, true), null, alpn, versions, values(r, 8, false), values(r, 3, false), values(r, 20, false),
                List.of(), false, false, false);
        assertEquals(spec(h), h.ja4(), h.toString());
        assertEquals(ja3Spec(h), h.ja3());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(
                ja3Spec(h).getBytes(StandardCharsets.US_ASCII))), ClientHello.ja3Hash(h.ja3()));
    }
}
