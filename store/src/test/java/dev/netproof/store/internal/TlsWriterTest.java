package dev.netproof.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.Store;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * TLS rows stored as handshakes and shared offers ({@link TlsWriter}) must read back through the view
 * {@code tls_events} exactly as the analyzer made them, whatever the offers: repeated, clashing in the writer's
 * table, too big to remember, empty (no ClientHello), or holding the list separator; and offers must be shared.
 */
public class TlsWriterTest {
    private static final String[] WORDS = {"TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA", "h2", "http/1.1",
        "x25519", "secp256r1", "TLSv13", "TLSv12", "GREASE-0a0a", "unknown-65281", "a\u001eb", "é", ""};

    /** Every column of the view but the address halves, in its order. */
    private static final List<String> COLUMNS = List.of("ts_ns", "uid", "orig_h", "orig_p", "resp_h", "resp_p", "version",
            "cipher", "curve", "server_name", "resumed", "last_alert", "next_protocol", "established", "ssl_history",
            "cert_chain_fps", "client_version", "client_supported_versions", "client_ciphers", "client_alpn",
            "client_groups", "client_ech", "ja3", "ja3_string", "ja3s", "ja3s_string", "ja4", "handshake", "cert_subject",
            "cert_issuer", "cert_not_valid_before", "cert_not_valid_after", "cert_san", "alerts", "hello_whole", "error",
            "source");

    @Property(tries = 20)
    void theViewGivesBackEveryRowAsMade(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        // few offers for many rows (shared), or more offers than the writer's table has slots (clashes)
        int offerCount = r.nextBoolean() ? 1 + r.nextInt(6) : TlsWriter.SLOTS + r.nextInt(300);
        List<TlsEvent> offers = new ArrayList<>();
        for (int i = 0; i < offerCount; i++) {
            // half of them differ from an earlier one in one field only: every field must tell offers apart
            offers.add(i > 0 && r.nextBoolean() ? variant(r, offers.get(r.nextInt(i))) : offer(r));
        }
        AtomicLong clock = new AtomicLong();
        TlsWriter w = new TlsWriter(clock::get, clock::get);
        List<TlsEvent> written = new ArrayList<>();
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            c.setAutoCommit(false);
            for (int batch = 0, batches = 1 + r.nextInt(3); batch < batches; batch++) {
                List<TlsEvent> rows = new ArrayList<>();
                for (int i = 0, n = 1 + r.nextInt(1500); i < n; i++) {
                    rows.add(handshake(r, offers.get(r.nextInt(offers.size())), written.size() + rows.size()));
                }
                w.write(c, rows);
                written.addAll(rows);
                if (r.nextInt(3) == 0) clock.addAndGet(TlsWriter.REUSE_NANOS); // the entries expire
            }
            c.commit();
            assertEquals(expected(written), stored(c));
            assertEquals(w.offersWritten(), count(c, "SELECT count(*) FROM tls_offers"));
            assertEquals(written.size(), count(c, "SELECT count(*) FROM tls_handshakes"));
        }
    }

    @Test
    void rowsWithOneOfferShareOneOfferRow() throws Exception {
        Random r = new Random(7);
        TlsEvent a = offer(r), b = offer(r);
        List<TlsEvent> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) rows.add(handshake(r, i % 3 == 0 ? b : a, i));
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            TlsWriter w = new TlsWriter();
            w.write(c, rows.subList(0, 1000));
            w.write(c, rows.subList(1000, 2000));
            assertEquals(2, w.offersWritten());
            assertEquals(2, count(c, "SELECT count(*) FROM tls_offers"));
            assertEquals(expected(rows), stored(c));
        }
    }

    @Test
    void anOfferTooBigToRememberIsWrittenEachTime() throws Exception {
        Random r = new Random(11);
        List<String> suites = new ArrayList<>();
        for (int i = 0; i < 200; i++) suites.add("TLS_SUITE_WITH_A_LONG_NAME_" + i); // about 6,000 characters
        TlsEvent huge = withOffer(offer(r), suites);
        List<TlsEvent> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) rows.add(handshake(r, huge, i));
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            TlsWriter w = new TlsWriter();
            w.write(c, rows);
            assertEquals(5, w.offersWritten());
            assertEquals(expected(rows), stored(c));
        }
    }

    @Test
    void offersNoHandshakeNamesGoOnlyOnceADayOld() throws Exception {
        Random r = new Random(3);
        long t0 = 1_800_000_000_000_000_000L;
        TlsEvent a = offer(r), b = offer(r);
        List<TlsEvent> rows = List.of(handshake(r, a, 0), handshake(r, b, 1), handshake(r, a, 2));
        try (Store store = Store.inMemory(); Connection c = store.connect(); Statement s = c.createStatement()) {
            new TlsWriter(System::nanoTime, () -> t0).write(c, rows);
            s.execute("DELETE FROM tls_handshakes WHERE uid = '" + rows.get(1).uid() + "'"); // b's only handshake
            assertEquals(0, TlsWriter.deleteOrphans(c, t0 + TlsWriter.ORPHAN_AGE_NANOS - 1), "b is too young to go");
            assertEquals(1, TlsWriter.deleteOrphans(c, t0 + TlsWriter.ORPHAN_AGE_NANOS + 1), "b goes, a stays");
            assertEquals(expected(List.of(rows.get(0), rows.get(2))), stored(c));
        }
    }

    /** A row with a random offer (and the rest left for {@link #handshake}). */
    public static TlsEvent offer(Random r) {
        boolean hello = r.nextInt(8) != 0;
        String ja3 = hello ? "771," + r.nextInt(100_000) + ",0-10,29," : null;
        TlsEvent e = new TlsEvent(0, "C", IpAddress.parse("10.0.0.1"), 1, IpAddress.parse("10.0.0.2"), 443, null, null,
                null, null, false, null, null, false, "C", List.of(),
                hello ? pick(r, "TLSv12", "TLSv10", null) : null, hello ? words(r, 3) : List.of(),
                hello ? words(r, 12) : List.of(), hello ? words(r, 3) : List.of(), hello ? words(r, 4) : List.of(),
                hello && r.nextBoolean(), ja3, null, ja3 == null ? null : md5(ja3), null,
                hello && r.nextBoolean() ? "t13d1107h2_" + r.nextInt(1000) + "_x" : null, -1, null, null, null, null,
                List.of(), List.of(), hello, null, "s");
        return e;
    }

    private static TlsEvent withOffer(TlsEvent o, List<String> ciphers) {
        return withOffer(o, o.clientVersion(), o.clientSupportedVersions(), ciphers, o.clientAlpn(), o.clientGroups(),
                o.clientEch(), o.ja3(), o.ja4());
    }

    private static TlsEvent withOffer(TlsEvent o, String version, List<String> versions, List<String> ciphers,
                                      List<String> alpn, List<String> groups, boolean ech, String ja3, String ja4) {
        return new TlsEvent(0, "C", o.origH(), 1, o.respH(), 443, null, null, null, null, false, null, null, false, "C",
                List.of(), version, versions, ciphers, alpn, groups, ech, ja3, null, ja3 == null ? null : md5(ja3), null,
                ja4, -1, null, null, null, null, List.of(), List.of(), o.helloWhole(), null, "s");
    }

    /** {@code o}'s offer with one field changed. */
    private static TlsEvent variant(Random r, TlsEvent o) {
        return switch (r.nextInt(8)) {
            case 0 -> withOffer(o, o.clientVersion() == null ? "TLSv11" : null, o.clientSupportedVersions(),
                    o.clientCiphers(), o.clientAlpn(), o.clientGroups(), o.clientEch(), o.ja3(), o.ja4());
            case 1 -> withOffer(o, o.clientVersion(), changed(o.clientSupportedVersions()), o.clientCiphers(),
                    o.clientAlpn(), o.clientGroups(), o.clientEch(), o.ja3(), o.ja4());
            case 2 -> withOffer(o, changed(o.clientCiphers()));
            case 3 -> withOffer(o, o.clientVersion(), o.clientSupportedVersions(), o.clientCiphers(),
                    changed(o.clientAlpn()), o.clientGroups(), o.clientEch(), o.ja3(), o.ja4());
            case 4 -> withOffer(o, o.clientVersion(), o.clientSupportedVersions(), o.clientCiphers(), o.clientAlpn(),
                    changed(o.clientGroups()), o.clientEch(), o.ja3(), o.ja4());
            case 5 -> withOffer(o, o.clientVersion(), o.clientSupportedVersions(), o.clientCiphers(), o.clientAlpn(),
                    o.clientGroups(), !o.clientEch(), o.ja3(), o.ja4());
            case 6 -> withOffer(o, o.clientVersion(), o.clientSupportedVersions(), o.clientCiphers(), o.clientAlpn(),
                    o.clientGroups(), o.clientEch(), o.ja3() == null ? "771,1,,," : o.ja3() + "1", o.ja4());
            default -> withOffer(o, o.clientVersion(), o.clientSupportedVersions(), o.clientCiphers(), o.clientAlpn(),
                    o.clientGroups(), o.clientEch(), o.ja3(), o.ja4() == null ? "t13d0000_x_y" : null);
        };
    }

    /** {@code l} with its last value changed, or one value if empty. */
    private static List<String> changed(List<String> l) {
        if (l.isEmpty()) return List.of("x");
        List<String> out = new ArrayList<>(l);
        out.set(out.size() - 1, out.getLast() + "'");
        return List.copyOf(out);
    }

    /** Handshake {@code i}, random but for {@code offer}'s offer. */
    public static TlsEvent handshake(Random r, TlsEvent offer, int i) {
        boolean established = r.nextBoolean();
        String ja3s = r.nextBoolean() ? "771,4865," + r.nextInt(50) : null;
        List<TlsEvent.Alert> alerts = r.nextInt(4) == 0
                ? List.of(new TlsEvent.Alert(true, false, "fatal", "handshake_failure"), new TlsEvent.Alert(false, true, null, null))
                : List.of();
        return new TlsEvent(1_700_000_000_000_000_000L + i * 1_000L, "C" + i + "x" + r.nextInt(1000),
                IpAddress.parse(r.nextBoolean() ? "10.0.0." + r.nextInt(256) : "2001:db8::" + Integer.toHexString(i)),
                r.nextInt(65536), IpAddress.parse("192.0.2." + r.nextInt(256)), r.nextInt(65536),
                pick(r, "TLSv13", "TLSv12", null), pick(r, "TLS_AES_128_GCM_SHA256", null), pick(r, "x25519", null),
                pick(r, "www.example.com", "é.example", null), r.nextBoolean(), pick(r, "handshake_failure", null),
                pick(r, "h2", null), established, pick(r, "ShAD", "C", "Cs"), r.nextBoolean() ? words(r, 2) : List.of(),
                offer.clientVersion(), offer.clientSupportedVersions(), offer.clientCiphers(), offer.clientAlpn(),
                offer.clientGroups(), offer.clientEch(), offer.ja3(), ja3s, offer.ja3Hash(), ja3s == null ? null : md5(ja3s),
                offer.ja4(), established ? r.nextInt(1_000_000_000) : -1, pick(r, "CN=a", null), pick(r, "CN=b", null),
                r.nextBoolean() ? Instant.ofEpochSecond(1_600_000_000L) : null,
                r.nextBoolean() ? Instant.parse("9999-12-31T23:59:59Z") : null, r.nextBoolean() ? words(r, 2) : List.of(),
                alerts, offer.helloWhole(), pick(r, "orig:bad_record_header", null), pick(r, "a.pcap", "b.pcap"));
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    private static List<String> words(Random r, int max) {
        List<String> out = new ArrayList<>();
        for (int i = 0, n = r.nextInt(max + 1); i < n; i++) out.add(WORDS[r.nextInt(WORDS.length)]);
        return List.copyOf(out);
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(s.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the view must give for {@code rows}, in uid order. */
    public static List<Map<String, Object>> expected(List<TlsEvent> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TlsEvent e : rows.stream().sorted(java.util.Comparator.comparing(TlsEvent::uid)).toList()) {
            List<Object> v = Arrays.asList(e.tsNanos(), e.uid(), e.origH().toString(), e.origP(), e.respH().toString(),
                    e.respP(), e.version(), e.cipher(), e.curve(), e.serverName(), e.resumed(), e.lastAlert(),
                    e.nextProtocol(), e.established(), e.sslHistory(), e.certChainFps(), e.clientVersion(),
                    e.clientSupportedVersions(), e.clientCiphers(), e.clientAlpn(), e.clientGroups(), e.clientEch(),
                    e.ja3Hash(), e.ja3(), e.ja3sHash(), e.ja3s(), e.ja4(),
                    e.handshakeNanos() < 0 ? null : e.handshakeNanos() / 1e9, e.certSubject(), e.certIssuer(),
                    e.certNotValidBefore() == null ? null : e.certNotValidBefore().toString(),
                    e.certNotValidAfter() == null ? null : e.certNotValidAfter().toString(), e.certSan(),
                    EventTable.alerts(e.alerts()), e.helloWhole(), e.error(), e.source());
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) m.put(COLUMNS.get(i), v.get(i));
            out.add(m);
        }
        return out;
    }

    /** The view's rows, in uid order, lists as lists. */
    public static List<Map<String, Object>> stored(Connection c) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM tls_events ORDER BY uid")) {
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String col : COLUMNS) {
                    Object o = rs.getObject(col);
                    if (o instanceof Array a) o = Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
                    m.put(col, o);
                }
                out.add(m);
            }
        }
        return out;
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
