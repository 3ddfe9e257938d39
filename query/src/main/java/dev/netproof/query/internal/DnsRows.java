package dev.netproof.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code dns_events} rows into maps keyed by Zeek dns.log names, in its order; {@code ts} and
 * {@code rtt} in seconds, {@code TTLs} in seconds; fields not seen (a lone response's question
 * class, an unanswered query's rcode) are left out, as Zeek's JSON does.
 */
public final class DnsRows {
    private DnsRows() {}

    public static final String COLUMNS = "ts_ns, uid, " + Rows.ADDRESSES + ", proto, trans_id, rtt, query, "
            + "qclass, qtype, rcode, aa, tc, rd, ra, answers, ttls, status, duplicates, source";

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(32);
        Rows.putConnection(m, rs);
        m.put("proto", rs.getString(7));
        m.put("trans_id", rs.getInt(8));
        Rows.putSeconds(m, "rtt", rs, 9);
        Rows.putString(m, "query", rs, 10);
        Rows.putInt(m, "qclass", rs, 11);
        Rows.putInt(m, "qtype", rs, 12);
        Rows.putInt(m, "rcode", rs, 13);
        m.put("AA", rs.getBoolean(14));
        m.put("TC", rs.getBoolean(15));
        m.put("RD", rs.getBoolean(16));
        m.put("RA", rs.getBoolean(17));
        List<Object> answers = Rows.list(rs.getArray(18));
        if (!answers.isEmpty()) {
            m.put("answers", answers);
            m.put("TTLs", Rows.list(rs.getArray(19)));
        }
        m.put("status", rs.getString(20));
        m.put("duplicates", rs.getInt(21));
        m.put("source", rs.getString(22));
        return Collections.unmodifiableMap(m);
    }
}
