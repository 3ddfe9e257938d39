package dev.netproof.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moves the TLS rows of a store written when {@code tls_events} was a table (every handshake with its client's
 * offer) into {@code tls_handshakes} and {@code tls_offers}, each distinct offer once, so that the view
 * {@code tls_events} reads them as before. In the caller's transaction, as {@link Schema#create} runs it.
 */
final class TlsEventsMigration {
    static final String OLD = "tls_events_v1";

    private TlsEventsMigration() {}

    /** Renames an old {@code tls_events} table out of the way of the view; true if there was one. */
    static boolean renameOld(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables "
                + "WHERE table_name = 'tls_events' AND table_type = 'BASE TABLE'")) {
            rs.next();
            if (rs.getLong(1) == 0) return false;
        }
        s.execute("ALTER TABLE tls_events RENAME TO " + OLD);
        return true;
    }

    /** Copies the renamed table's rows into the current tables and drops it. */
    static void copy(Statement s) throws SQLException {
        String offer = "client_version, client_supported_versions, client_ciphers, client_alpn, client_groups, "
                + "client_ech, ja3, ja3_string, ja4";
        s.execute("CREATE TEMP TABLE np_migrate_offers AS SELECT nextval('tls_offer_ids') AS offer, * "
                + "FROM (SELECT DISTINCT " + offer + " FROM " + OLD + ")");
        s.execute("INSERT INTO tls_offers SELECT offer, (epoch_ms(now()) * 1000000)::BIGINT, " + offer
                + " FROM np_migrate_offers");
        StringBuilder same = new StringBuilder();
        for (String col : offer.split(", ")) {
            if (!same.isEmpty()) same.append(" AND ");
            same.append("m.").append(col).append(" IS NOT DISTINCT FROM o.").append(col);
        }
        s.execute("INSERT INTO tls_handshakes SELECT o.ts_ns, o.uid, o.orig_h, o.orig_p, o.resp_h, o.resp_p, o.version, "
                + "o.cipher, o.curve, o.server_name, o.resumed, o.last_alert, o.next_protocol, o.established, "
                + "o.ssl_history, o.cert_chain_fps, o.ja3s, o.ja3s_string, o.handshake, o.cert_subject, o.cert_issuer, "
                + "o.cert_not_valid_before, o.cert_not_valid_after, o.cert_san, o.alerts, o.hello_whole, o.error, "
                + "o.source, o.orig_ip_hi, o.orig_ip_lo, o.resp_ip_hi, o.resp_ip_lo, m.offer FROM " + OLD + " o "
                + "JOIN np_migrate_offers m ON " + same + " ORDER BY o.ts_ns");
        s.execute("DROP TABLE " + OLD);
        s.execute("DROP TABLE np_migrate_offers");
    }
}
