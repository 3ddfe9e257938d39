package dev.netproof.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code tls_events} rows into maps keyed by Zeek ssl.log names, in its order, then the
 * client's offer, the fingerprints ({@code ja3}/{@code ja3s} as MD5 hashes, as Zeek's JA3 package
 * logs them, with the strings they hash), the handshake time in seconds, the leaf certificate and the
 * alerts; fields not seen are left out, as Zeek's JSON does.
 */
public final class TlsRows {
    private TlsRows() {}

    public static final String COLUMNS = "ts_ns, uid, orig_h, orig_p, resp_h, resp_p, version, cipher, curve, server_name, "
            + "resumed, last_alert, next_protocol, established, ssl_history, cert_chain_fps, client_version, "
            + "client_supported_versions, client_ciphers, client_alpn, client_groups, client_ech, ja3, ja3_string, ja3s, "
            + "ja3s_string, ja4, handshake, cert_subject, cert_issuer, cert_not_valid_before, cert_not_valid_after, cert_san, "
            + "alerts::JSON::STRUCT(\"from\" VARCHAR, encrypted BOOLEAN, level VARCHAR, description VARCHAR)[], hello_whole, error, source";

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(48);
        Rows.putConnection(m, rs);
        Rows.putString(m, "version", rs, 7);
        Rows.putString(m, "cipher", rs, 8);
        Rows.putString(m, "curve", rs, 9);
        Rows.putString(m, "server_name", rs, 10);
        m.put("resumed", rs.getBoolean(11));
        Rows.putString(m, "last_alert", rs, 12);
        Rows.putString(m, "next_protocol", rs, 13);
        m.put("established", rs.getBoolean(14));
        Rows.putString(m, "ssl_history", rs, 15);
        Rows.putList(m, "cert_chain_fps", rs, 16);
        Rows.putString(m, "client_version", rs, 17);
        Rows.putList(m, "client_supported_versions", rs, 18);
        Rows.putList(m, "client_ciphers", rs, 19);
        Rows.putList(m, "client_alpn", rs, 20);
        Rows.putList(m, "client_groups", rs, 21);
        m.put("client_ech", rs.getBoolean(22));
        Rows.putString(m, "ja3", rs, 23);
        Rows.putString(m, "ja3_string", rs, 24);
        Rows.putString(m, "ja3s", rs, 25);
        Rows.putString(m, "ja3s_string", rs, 26);
        Rows.putString(m, "ja4", rs, 27);
        Rows.putSeconds(m, "handshake", rs, 28);
        Rows.putString(m, "cert_subject", rs, 29);
        Rows.putString(m, "cert_issuer", rs, 30);
        Rows.putString(m, "cert_not_valid_before", rs, 31);
        Rows.putString(m, "cert_not_valid_after", rs, 32);
        Rows.putList(m, "cert_san", rs, 33);
        List<Map<String, Object>> alerts = Rows.structs(rs.getArray(34), "from", "encrypted", "level", "description");
        if (!alerts.isEmpty()) m.put("alerts", alerts);
        m.put("hello_whole", rs.getBoolean(35));
        Rows.putString(m, "error", rs, 36);
        m.put("source", rs.getString(37));
        return Collections.unmodifiableMap(m);
    }
}
