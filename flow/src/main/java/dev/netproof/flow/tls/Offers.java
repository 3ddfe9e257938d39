package dev.netproof.flow.tls;

import dev.netproof.decode.tls.ClientHello;
import dev.netproof.decode.tls.ServerHello;
import dev.netproof.decode.tls.TlsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The columns of a TLS row that follow from a hello's offer alone (fingerprints, the offered versions,
 * cipher suites and groups by name), remembered by offer.
 *
 * <p>Why: one client stack sends the same offer on every connection (its session id, random, key share
 * and server name change; none of them enters these columns), and a server answers it the same way. Making
 * the JA3 and JA4 texts, their hashes and the name lists was 85% of building a TLS row, and a row is built
 * for every TLS connection (the TLS mix: about 18% of all the analyzers' work). Looking an offer up costs
 * its hash and one comparison of its lists.
 *
 * <p>Direct-mapped, {@value #SLOTS} offers of each kind: a miss only replaces a slot, so memory stays
 * bounded whatever the traffic. An offer whose extension order changes on every connection (Chrome
 * shuffles it) misses every time and costs what it cost before, plus the look-up. Not thread-safe: one
 * per {@link TlsAnalyzers}.
 */
final class Offers {
    static final int SLOTS = 256;
    /**
     * Largest offer kept, in values (a browser's has about 100): a hostile hello may list 30,000 cipher
     * suites, whose names would be megabytes a slot. A larger offer is made afresh every time and not kept.
     */
    static final int MAX_KEPT = 512;

    /** The client's columns of a row. */
    record Client(String ja3, String ja3Hash, String ja4, String version, List<String> versions,
                  List<String> ciphers, List<String> groups) {}

    /** The server's columns of a row. */
    record Server(String ja3s, String ja3sHash) {}

    /**
     * What of a ClientHello the client columns are made of: its version, code lists and ALPN names. The lists
     * are the hello's own ({@code Codes}, over int arrays), so the key is made without a copy, and hashed and
     * compared without boxing.
     */
    private record ClientKey(int legacyVersion, List<Integer> ciphers, List<Integer> extensions, List<Integer> groups,
                             List<Integer> points, List<Integer> sigs, List<Integer> versions, List<String> alpn) {
        static ClientKey of(ClientHello h) {
            return new ClientKey(h.legacyVersion(), h.cipherSuites(), h.extensions(), h.supportedGroups(),
                    h.ecPointFormats(), h.signatureAlgorithms(), h.supportedVersions(), h.alpn());
        }

        int size() {
            return ciphers.size() + extensions.size() + groups.size() + points.size() + sigs.size() + versions.size()
                    + alpn.size();
        }

        // Written out, as for every key here: the generated ones are method-handle chains that C2 left as calls,
        // one compiled lambda form after another (a profile of the TLS mix: 5% of the analyzers' time in them).
        @Override
        public int hashCode() {
            int h = legacyVersion;
            h = h * 31 + ciphers.hashCode();
            h = h * 31 + extensions.hashCode();
            h = h * 31 + groups.hashCode();
            h = h * 31 + points.hashCode();
            h = h * 31 + sigs.hashCode();
            h = h * 31 + versions.hashCode();
            return h * 31 + alpn.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientKey k && k.legacyVersion == legacyVersion && k.ciphers.equals(ciphers)
                    && k.extensions.equals(extensions) && k.groups.equals(groups) && k.points.equals(points)
                    && k.sigs.equals(sigs) && k.versions.equals(versions) && k.alpn.equals(alpn);
        }
    }

    private record ServerKey(int legacyVersion, int cipherSuite, List<Integer> extensions) {
        @Override
        public int hashCode() {
            return (legacyVersion * 31 + cipherSuite) * 31 + extensions.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ServerKey k && k.legacyVersion == legacyVersion && k.cipherSuite == cipherSuite
                    && k.extensions.equals(extensions);
        }
    }

    private final Slots<ClientKey, Client> clients = new Slots<>();
    private final Slots<ServerKey, Server> servers = new Slots<>();

    Client client(ClientHello h) {
        ClientKey key = ClientKey.of(h);
        if (key.size() > MAX_KEPT) return made(h);
        return clients.get(key, () -> made(h));
    }

    Server server(ServerHello h) {
        if (h.extensions().size() > MAX_KEPT) return fresh(h);
        return servers.get(new ServerKey(h.legacyVersion(), h.cipherSuite(), h.extensions()), () -> fresh(h));
    }

    /** {@value #SLOTS} keys and their values, a key's slot by its hash: a miss replaces what the slot held. */
    private static final class Slots<K, V> {
        private final Object[] keys = new Object[SLOTS];
        private final Object[] values = new Object[SLOTS];

        @SuppressWarnings("unchecked")
        V get(K key, Supplier<V> make) {
            int h = key.hashCode();
            int slot = (h ^ (h >>> 16) ^ (h >>> 8)) & (SLOTS - 1);
            Object kept = keys[slot];
            if (kept != null && key.equals(kept)) return (V) values[slot];
            V v = make.get();
            keys[slot] = key;
            values[slot] = v;
            return v;
        }

        @SuppressWarnings("unchecked")
        int size(ToIntFunction<K> values) {
            int n = 0;
            for (Object k : keys) if (k != null) n += values.applyAsInt((K) k);
            return n;
        }
    }

    /** The client columns made afresh (what a miss costs; tests compare the memo with it). */
    static Client made(ClientHello h) {
        String ja3 = h.ja3();
        return new Client(ja3, ClientHello.ja3Hash(ja3), h.ja4(), TlsNames.version(h.legacyVersion()),
                names(h.supportedVersions(), TlsNames::version), names(h.cipherSuites(), TlsNames::cipherSuite),
                names(h.supportedGroups(), TlsNames::group));
    }

    private static Server fresh(ServerHello h) {
        String ja3s = h.ja3s();
        return new Server(ja3s, ServerHello.ja3sHash(ja3s));
    }

    /** Values of all the offers kept (for tests: bounded by {@value #SLOTS} x {@value #MAX_KEPT}). */
    int keptValues() {
        return clients.size(ClientKey::size) + servers.size(k -> k.extensions().size());
    }

    private static List<String> names(List<Integer> codes, IntFunction<String> name) {
        List<String> out = new ArrayList<>(codes.size());
        for (int c : codes) if (!TlsNames.isGrease(c)) out.add(name.apply(c));
        return List.copyOf(out); // immutable, so every row may share it (TlsEvent keeps it without a copy)
    }
}
