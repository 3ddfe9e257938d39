package dev.netproof.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code http_events} rows into maps keyed by Zeek http.log names, in its order, then
 * netproof's own fields; {@code ts}, {@code ttfb} and {@code duration} in seconds; fields not seen
 * (a request without response's status) are left out, as Zeek's JSON does.
 */
public final class HttpRows {
    private HttpRows() {}

    public static final String COLUMNS = "ts_ns, uid, " + Rows.ADDRESSES + ", trans_depth, method, host, uri, "
            + "referrer, version, user_agent, request_body_len, response_body_len, status_code, status_msg, info_code, "
            + "info_msg, response_version, request_content_type, response_content_type, ttfb, duration, "
            + "request_body_complete, response_body_complete, status, redacted, source";

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(40);
        Rows.putConnection(m, rs);
        m.put("trans_depth", rs.getInt(7));
        Rows.putString(m, "method", rs, 8);
        Rows.putString(m, "host", rs, 9);
        Rows.putString(m, "uri", rs, 10);
        Rows.putString(m, "referrer", rs, 11);
        m.put("version", rs.getString(12));
        Rows.putString(m, "user_agent", rs, 13);
        m.put("request_body_len", rs.getLong(14));
        m.put("response_body_len", rs.getLong(15));
        Rows.putInt(m, "status_code", rs, 16);
        Rows.putString(m, "status_msg", rs, 17);
        Rows.putInt(m, "info_code", rs, 18);
        Rows.putString(m, "info_msg", rs, 19);
        Rows.putString(m, "response_version", rs, 20);
        Rows.putString(m, "request_content_type", rs, 21);
        Rows.putString(m, "response_content_type", rs, 22);
        Rows.putSeconds(m, "ttfb", rs, 23);
        Rows.putSeconds(m, "duration", rs, 24);
        m.put("request_body_complete", rs.getBoolean(25));
        m.put("response_body_complete", rs.getBoolean(26));
        m.put("status", rs.getString(27));
        m.put("redacted", rs.getBoolean(28));
        m.put("source", rs.getString(29));
        return Collections.unmodifiableMap(m);
    }
}
