package dev.netproof.flow.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.decode.tls.ClientHello;
import dev.netproof.decode.tls.ServerHello;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The offer memo answers what the hellos' own methods make afresh, whatever the order of offers, their
 * repeats, slot clashes, and hellos that differ only in what the columns do not read (session id, server
 * name, key share) or in one list's order.
 */
class OffersTest {
    private static final int[] GREASE = {0x0a0a, 0x1a1a, 0xfafa};

    private static List<Integer> values(Random r, int max) {
        List<Integer> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(12);
            if (k == 0) out.add(GREASE[r.nextInt(GREASE.length)]);
            else if (k == 1) out.add(r.nextBoolean() ? 0x0000 : 0x0010);
            else if (k < 6) out.add(0x1301 + r.nextInt(3)); // known names
            else out.add(r.nextInt(0x10000));
        }
        return out;
    }

    private static ClientHello hello(Random r) {
        List<String> alpn = switch (r.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of("h2", "http/1.1");
            default -> List.of("x" + r.nextInt(10));
        };
        List<Integer> versions = r.nextBoolean() ? List.of() : List.of(0x0a0a, 0x0304, 0x0303);
        return new ClientHello(r.nextBoolean() ? 0x0303 : 0x0301, "", values(r, 30), List.of(0), values(r, 20), null,
                alpn, versions, values(r, 6), values(r, 3), values(r, 10), List.of(29), false, false, false);
    }

    /** The same offer in another connection: its own session id, server name and key share. */
    private static ClientHello again(ClientHello h, Random r) {
        return new ClientHello(h.legacyVersion(), Long.toHexString(r.nextLong()), h.cipherSuites(),
                h.compressionMethods(), h.extensions(), "host" + r.nextInt(1000) + ".example", h.alpn(),
                h.supportedVersions(), h.supportedGroups(), h.ecPointFormats(), h.signatureAlgorithms(),
                List.of(r.nextInt(30)), r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
    }

    /** The same offer with one list's order changed (Chrome's shuffled extensions): another JA3. */
    private static ClientHello shuffled(ClientHello h, Random r) {
        List<Integer> exts = new ArrayList<>(h.extensions());
        Collections.shuffle(exts, r);
        return new ClientHello(h.legacyVersion(), h.sessionId(), h.cipherSuites(), h.compressionMethods(), exts,
                h.serverName(), h.alpn(), h.supportedVersions(), h.supportedGroups(), h.ecPointFormats(),
                h.signatureAlgorithms(), h.keyShareGroups(), false, false, false);
    }

    /** The offer with one of the values the columns read changed: another offer, in the same connection shape. */
    private static ClientHello variant(ClientHello h, Random r) {
        int legacy = h.legacyVersion();
        List<Integer> ciphers = h.cipherSuites(), exts = h.extensions(), groups = h.supportedGroups(),
                formats = h.ecPointFormats(), sigs = h.signatureAlgorithms(), versions = h.supportedVersions();
        List<String> alpn = h.alpn();
        switch (r.nextInt(8)) {
            case 0 -> legacy = legacy == 0x0303 ? 0x0301 : 0x0303;
            case 1 -> ciphers = plusOne(ciphers);
            case 2 -> exts = plusOne(exts);
            case 3 -> groups = plusOne(groups);
            case 4 -> formats = plusOne(formats);
            case 5 -> sigs = plusOne(sigs);
            case 6 -> versions = versions.isEmpty() ? List.of(0x0304) : List.of();
            default -> alpn = alpn.isEmpty() ? List.of("h3") : List.of();
        }
        return new ClientHello(legacy, h.sessionId(), ciphers, h.compressionMethods(), exts, h.serverName(), alpn,
                versions, groups, formats, sigs, h.keyShareGroups(), false, false, false);
    }

    private static List<Integer> plusOne(List<Integer> values) {
        List<Integer> out = new ArrayList<>(values);
        out.add(0x1302);
        return out;
    }

    private static ServerHello serverHello(Random r) {
        return new ServerHello(0x0303, 0x0304, 0x1301 + r.nextInt(3), 0, values(r, 4), null, 29, "", false, false);
    }

    @Property(tries = 60)
    void rememberedColumnsAreTheColumnsMadeAfresh(@ForAll long seed) {
        Random r = new Random(seed);
        // few offers, drawn many times: repeats and, with 256 slots and up to 400 offers, clashes
        List<ClientHello> pool = new ArrayList<>();
        List<ServerHello> servers = new ArrayList<>();
        int distinct = 1 + r.nextInt(400);
        for (int i = 0; i < distinct; i++) {
            pool.add(hello(r));
            servers.add(serverHello(r));
        }
        Offers memo = new Offers();
        for (int i = 0; i < 1500; i++) {
            ClientHello base = pool.get(r.nextInt(pool.size()));
            memo.client(base);
            ClientHello h = switch (r.nextInt(4)) {
                case 0 -> base;
                case 1 -> again(base, r);
                case 2 -> variant(base, r); // right after its base was seen, often: the memo must tell them apart
                default -> shuffled(base, r);
            };
            assertEquals(Offers.made(h), memo.client(h), h.toString());
            assertEquals(h.ja4(), memo.client(h).ja4());
            ServerHello sh = servers.get(r.nextInt(servers.size()));
            Offers.Server s = memo.server(sh);
            assertEquals(sh.ja3s(), s.ja3s());
            assertEquals(sh.ja3sHash(), s.ja3sHash());
        }
    }

    @Test
    void hugeOffersAreAnsweredButNotKept() {
        Random r = new Random(11);
        Offers memo = new Offers();
        for (int i = 0; i < Offers.SLOTS + 44; i++) {
            List<Integer> ciphers = new ArrayList<>();
            for (int c = 0; c < 2_000; c++) ciphers.add(r.nextInt(0x10000)); // past the limit, as a hostile hello is
            ClientHello h = new ClientHello(0x0303, "", ciphers, List.of(0), List.of(0, 10, 13), null, List.of(),
                    List.of(), List.of(29), List.of(0), List.of(0x0403), List.of(), false, false, false);
            assertEquals(Offers.made(h), memo.client(h));
            List<Integer> exts = new ArrayList<>(ciphers);
            ServerHello sh = new ServerHello(0x0303, 0x0304, 0x1301, 0, exts, null, 29, "", false, false);
            assertEquals(sh.ja3s(), memo.server(sh).ja3s());
        }
        assertEquals(0, memo.keptValues());
        ClientHello small = hello(r);
        memo.client(small);
        assertTrue(memo.keptValues() > 0 && memo.keptValues() <= Offers.MAX_KEPT);
    }

    @Test
    void anOfferDifferingInOneValueIsAnotherOffer() {
        Random r = new Random(7);
        ClientHello h = hello(r);
        List<Integer> groups = new ArrayList<>(h.supportedGroups());
        groups.add(0x11ec);
        ClientHello other = new ClientHello(h.legacyVersion(), h.sessionId(), h.cipherSuites(), h.compressionMethods(),
                h.extensions(), h.serverName(), h.alpn(), h.supportedVersions(), groups, h.ecPointFormats(),
                h.signatureAlgorithms(), h.keyShareGroups(), false, false, false);
        Offers memo = new Offers();
        Offers.Client first = memo.client(h);
        Offers.Client second = memo.client(other);
        assertNotEquals(first.ja3(), second.ja3());
        assertEquals(Offers.made(other), second);
        assertEquals(Offers.made(h), memo.client(h));
    }
}
