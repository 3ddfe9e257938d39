package dev.netproof.store.internal;

import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Writes the TLS analyzer's rows as two tables: {@code tls_offers}, what a ClientHello offered and its
 * fingerprints, once per offer; and {@code tls_handshakes}, the rest of each row and the id of its offer. The
 * view {@code tls_events} joins them back.
 *
 * <p>Why: one client stack sends the same offer on every connection, and the offer is most of a row's text
 * (the bench's TLS mix: about 28 of its 37 MB, the suite names alone 380 bytes a row). DuckDB hashes, analyses
 * and compresses every string it stores, at the insert and again at the checkpoint; written per handshake, the
 * offers cost the store writer about 1 s per 150,000 rows ({@code bench/.../TlsStoreRate}), on a thread an
 * ingest at times waits for.
 *
 * <p>Offers are remembered in a direct-mapped table of {@link #SLOTS} entries (a clash or a miss writes the
 * offer again under a new id: more rows, never a wrong one). An offer whose texts add up to more than
 * {@link #MAX_KEPT_CHARS} characters is written every time and not remembered, so a hostile client's huge
 * hellos cannot pin more than {@code SLOTS * MAX_KEPT_CHARS} characters here. An entry is used for
 * {@link #REUSE_NANOS} after its row was written, then written again: {@link #deleteOrphans} removes offers no
 * committed handshake names only once they are {@link #ORPHAN_AGE_NANOS} old, and a writer names an offer at
 * most an hour after writing it and commits what it wrote at its next commit, so no offer is removed while a
 * writer's uncommitted rows name it (unless commits were 23 hours apart).
 *
 * <p>Owned by the store writer's thread.
 */
public final class TlsWriter {
    static final int SLOTS = 1024;
    static final int MAX_KEPT_CHARS = 4096;
    static final long REUSE_NANOS = TimeUnit.HOURS.toNanos(1);
    public static final long ORPHAN_AGE_NANOS = TimeUnit.DAYS.toNanos(1);

    /** A handshake and the id of its offer in {@code tls_offers}. */
    public record Handshake(TlsEvent e, long offer) {}

    /** An offer's row: its id, the wall clock when written (ns since the epoch), and the row whose offer it is. */
    public record Offer(long id, long storedNanos, TlsEvent e) {}

    /** The offer's part of a row: equal keys, equal offer rows. */
    record Key(String clientVersion, List<String> supportedVersions, List<String> ciphers, List<String> alpn,
               List<String> groups, boolean ech, String ja3, String ja3Hash, String ja4) {
        static Key of(TlsEvent e) {
            return new Key(e.clientVersion(), e.clientSupportedVersions(), e.clientCiphers(), e.clientAlpn(),
                    e.clientGroups(), e.clientEch(), e.ja3(), e.ja3Hash(), e.ja4());
        }

        /** The characters the key holds; stops counting past {@code limit}. */
        long chars(long limit) {
            long n = length(clientVersion) + length(ja3) + length(ja3Hash) + length(ja4);
            for (List<String> l : List.of(supportedVersions, ciphers, alpn, groups)) {
                for (String s : l) {
                    n += s.length() + 1;
                    if (n > limit) return n;
                }
            }
            return n;
        }

        private static int length(String s) {
            return s == null ? 0 : s.length();
        }

        // written out: the generated ones are method-handle chains the JIT left as calls (a profile of the TLS mix)
        @Override
        public int hashCode() {
            int h = Objects.hashCode(clientVersion);
            h = h * 31 + supportedVersions.hashCode();
            h = h * 31 + ciphers.hashCode();
            h = h * 31 + alpn.hashCode();
            h = h * 31 + groups.hashCode();
            h = h * 31 + Boolean.hashCode(ech);
            h = h * 31 + Objects.hashCode(ja3);
            h = h * 31 + Objects.hashCode(ja3Hash);
            return h * 31 + Objects.hashCode(ja4);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.ech == ech && Objects.equals(k.clientVersion, clientVersion)
                    && k.supportedVersions.equals(supportedVersions) && k.ciphers.equals(ciphers) && k.alpn.equals(alpn)
                    && k.groups.equals(groups) && Objects.equals(k.ja3, ja3) && Objects.equals(k.ja3Hash, ja3Hash)
                    && Objects.equals(k.ja4, ja4);
        }
    }

    private final Key[] keys = new Key[SLOTS];
    private final long[] ids = new long[SLOTS];
    private final long[] storedAt = new long[SLOTS];
    private final LongSupplier nanoTime;
    private final LongSupplier wallNanos;
    private TableFeed<Handshake> handshakes;
    private TableFeed<Offer> offers;
    private long nextId, endId;
    private long offersWritten;

    public TlsWriter() {
        this(System::nanoTime, () -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
    }

    /** With clocks of the test's choosing: {@code nanoTime} for the entries' age, {@code wallNanos} for {@code stored_ns}. */
    TlsWriter(LongSupplier nanoTime, LongSupplier wallNanos) {
        this.nanoTime = nanoTime;
        this.wallNanos = wallNanos;
    }

    /** Inserts {@code rows} (and the offers not written yet) in {@code c}'s current transaction. */
    public void write(Connection c, List<TlsEvent> rows) throws SQLException {
        if (handshakes == null) {
            handshakes = new TableFeed<>(c, EventTable.TLS_HANDSHAKES.name(), EventTable.TLS_HANDSHAKES.columns(),
                    EventTable.TLS_HANDSHAKES.select());
            offers = new TableFeed<>(c, EventTable.TLS_OFFERS.name(), EventTable.TLS_OFFERS.columns(),
                    EventTable.TLS_OFFERS.select());
        }
        List<Handshake> out = new ArrayList<>(rows.size());
        List<Offer> fresh = new ArrayList<>();
        long now = nanoTime.getAsLong();
        for (TlsEvent e : rows) out.add(new Handshake(e, offerOf(c, e, now, fresh)));
        // offers first: a reader of the committed rows never sees a handshake before its offer either way, but
        // a failure between the two inserts then leaves only unnamed offers, which deleteOrphans removes
        if (!fresh.isEmpty()) offers.insert(c, fresh);
        handshakes.insert(c, out);
        offersWritten += fresh.size();
    }

    /** Offer rows written so far (tests: how well offers are shared). */
    long offersWritten() {
        return offersWritten;
    }

    private long offerOf(Connection c, TlsEvent e, long now, List<Offer> fresh) throws SQLException {
        Key key = Key.of(e);
        boolean keep = key.chars(MAX_KEPT_CHARS) <= MAX_KEPT_CHARS;
        int slot = keep ? (key.hashCode() * 0x9E3779B9 >>> 22) & (SLOTS - 1) : -1; // Fibonacci hashing: top 10 bits
        if (keep && key.equals(keys[slot]) && now - storedAt[slot] < REUSE_NANOS) return ids[slot];
        long id = nextId(c);
        fresh.add(new Offer(id, wallNanos.getAsLong(), e));
        if (keep) {
            keys[slot] = key;
            ids[slot] = id;
            storedAt[slot] = now;
        }
        return id;
    }

    private long nextId(Connection c) throws SQLException {
        if (nextId == endId) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('tls_offer_ids')")) {
                rs.next();
                nextId = rs.getLong(1);
                endId = nextId + Schema.TLS_OFFER_ID_BLOCK;
            }
        }
        return nextId++;
    }

    /**
     * Deletes the offers that no handshake names and that were written more than {@link #ORPHAN_AGE_NANOS} before
     * {@code nowWallNanos} (after handshakes were removed); returns how many.
     */
    public static long deleteOrphans(Connection c, long nowWallNanos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tls_offers o WHERE o.stored_ns < ? "
                + "AND NOT EXISTS (SELECT 1 FROM tls_handshakes h WHERE h.offer = o.offer)")) {
            ps.setLong(1, nowWallNanos - ORPHAN_AGE_NANOS);
            return ps.executeUpdate();
        }
    }
}
