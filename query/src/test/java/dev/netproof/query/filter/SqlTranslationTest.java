package dev.netproof.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTranslationTest {

    private static final long F = 0x8000_0000_0000_0000L;

    private static SqlFragment sql(String filter) {
        return Filter.parse(filter).toSql();
    }

    @Test
    void emptyIsTrue() {
        assertEquals(SqlFragment.TRUE, sql(""));
    }

    @Test
    void scalarComparisons() {
        assertEquals(SqlFragment.of("proto = ?", "tcp"), sql("proto == tcp"));
        assertEquals(SqlFragment.of("(NOT resp_p = ?)", 80L), sql("id.resp_p != 80"));
        assertEquals(SqlFragment.of("duration >= ?", 1.5), sql("duration >= 1.5"));
        assertEquals(SqlFragment.of("ts_ns < ?", 1_300_475_168_500_000_000L), sql("ts < 1300475168.5"));
        assertEquals(SqlFragment.of("(orig_ip_bytes + resp_ip_bytes) > ?", 1000L), sql("bytes > 1000"));
    }

    @Test
    void eitherSideFields() {
        assertEquals(SqlFragment.of("(orig_p = ? OR resp_p = ?)", 22L, 22L), sql("port == 22"));
        assertEquals(SqlFragment.of("(NOT (orig_p = ? OR resp_p = ?))", 22L, 22L), sql("port != 22"));
        assertEquals(SqlFragment.of("(orig_p IN (?, ?) OR resp_p IN (?, ?))", 1L, 2L, 1L, 2L), sql("port in (1, 2)"));
    }

    @Test
    void nullableFieldsAreTwoValued() {
        assertEquals(SqlFragment.of("(vlan IS NOT NULL AND vlan = ?)", 10L), sql("vlan == 10"));
        assertEquals(SqlFragment.of("(NOT (vlan IS NOT NULL AND vlan = ?))", 10L), sql("vlan != 10"));
        assertEquals(SqlFragment.of("vlan IS NULL"), sql("vlan == null"));
        assertEquals(SqlFragment.of("(NOT vlan IS NULL)"), sql("vlan != null"));
        assertEquals(SqlFragment.of("(inner_vlan IS NOT NULL AND inner_vlan IN (?, ?))", 1L, 2L), sql("inner_vlan in (1,2)"));
    }

    @Test
    void addressEquality() {
        long lo = 0x0000_ffff_0a00_0001L;
        assertEquals(SqlFragment.of("(orig_ip_hi = ? AND orig_ip_lo = ?)", F, lo ^ F), sql("id.orig_h == 10.0.0.1"));
        assertEquals(SqlFragment.of("((orig_ip_hi = ? AND orig_ip_lo = ?) OR (resp_ip_hi = ? AND resp_ip_lo = ?))",
                F, lo ^ F, F, lo ^ F), sql("host == 10.0.0.1"));
        assertEquals(sql("host == 10.0.0.1"), sql("host == ::ffff:10.0.0.1"));
    }

    @Test
    void v4CidrIsARangeOnLoInMappedSpace() {
        // 10.0.0.0/8 is ::ffff:10.0.0.0/104: hi fixed at 0, lo from ::ffff:a00:0 to ::ffff:aff:ffff
        assertEquals(SqlFragment.of("(orig_ip_hi = ? AND orig_ip_lo BETWEEN ? AND ?)",
                F, 0x0000_ffff_0a00_0000L ^ F, 0x0000_ffff_0aff_ffffL ^ F), sql("id.orig_h in 10.0.0.0/8"));
        assertEquals(SqlFragment.of("(orig_ip_hi = ? AND orig_ip_lo BETWEEN ? AND ?)",
                F, 0x0000_ffff_0000_0000L ^ F, 0x0000_ffff_ffff_ffffL ^ F), sql("id.orig_h in 0.0.0.0/0"));
    }

    @Test
    void v6CidrShortPrefixIsARangeOnHi() {
        assertEquals(SqlFragment.of("(resp_ip_hi BETWEEN ? AND ?)", 0x2001_0db8_0000_0000L ^ F, 0x2001_0db8_ffff_ffffL ^ F),
                sql("id.resp_h in 2001:db8::/32"));
        assertEquals(SqlFragment.of("(resp_ip_hi BETWEEN ? AND ?)", 0x2001_0db8_0000_0001L ^ F, 0x2001_0db8_0000_0001L ^ F),
                sql("id.resp_h in 2001:db8:0:1::/64"));
        assertEquals(SqlFragment.of("(resp_ip_hi BETWEEN ? AND ?)", 0L ^ F, -1L ^ F), sql("id.resp_h in ::/0"));
        assertEquals(SqlFragment.of("(resp_ip_hi BETWEEN ? AND ?)", 0x8000_0000_0000_0000L ^ F, -1L ^ F),
                sql("id.resp_h in 8000::/1"));
    }

    @Test
    void v6CidrLongPrefixFixesHi() {
        assertEquals(SqlFragment.of("(resp_ip_hi = ? AND resp_ip_lo BETWEEN ? AND ?)",
                0x2001_0db8_0000_0001L ^ F, 0L ^ F, 0x7fff_ffff_ffff_ffffL ^ F), sql("id.resp_h in 2001:db8:0:1::/65"));
        assertEquals(SqlFragment.of("(resp_ip_hi = ? AND resp_ip_lo BETWEEN ? AND ?)", F, 1L ^ F, 1L ^ F),
                sql("id.resp_h in ::1/128"));
    }

    @Test
    void notInAndLists() {
        assertEquals(SqlFragment.of("(NOT conn_state IN (?, ?))", "S0", "REJ"), sql("conn_state not in (S0, REJ)"));
        SqlFragment mixed = sql("id.orig_h in (10.0.0.1, 192.168.0.0/16)");
        assertEquals("((orig_ip_hi = ? AND orig_ip_lo = ?) OR (orig_ip_hi = ? AND orig_ip_lo BETWEEN ? AND ?))",
                mixed.sql());
        assertEquals(5, mixed.params().size());
    }

    @Test
    void matchIsLikeWithImplicitWildcards() {
        assertEquals(SqlFragment.of("history LIKE ? ESCAPE '\\'", "%ShA%"), sql("history ~ ShA"));
        assertEquals(SqlFragment.of("history LIKE ? ESCAPE '\\'", "%50\\%%"), sql("history ~ '50\\%'"));
    }

    @Test
    void booleanStructure() {
        assertEquals(SqlFragment.of("(proto = ? OR (resp_p = ? AND (NOT proto = ?)))", "tcp", 80L, "udp"),
                sql("proto == tcp or id.resp_p == 80 and not proto == udp"));
    }

    @Test
    void hostileValuesStayInParams() {
        for (String v : List.of("x'; DROP TABLE flows; --", "\" OR 1=1 --", "') OR ('1'='1", "\\'", "?")) {
            String quoted = "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            SqlFragment f = sql("history == " + quoted + " or history ~ " + quoted);
            assertEquals("(history = ? OR history LIKE ? ESCAPE '\\')", f.sql());
            assertEquals(List.of(v, "%" + v + "%"), f.params());
            // not a uid of ours: it cannot match, and nothing of it reaches the statement
            assertEquals(SqlFragment.of("FALSE"), sql("uid == " + quoted));
        }
    }

    @Test
    void aUidIsLookedUpByTheStartTimeItEncodes() {
        long ts = 1_700_000_000_123_456_789L;
        String uid = dev.netproof.core.model.FlowUid.of(ts, 42);
        assertEquals(SqlFragment.of("(ts_ns = ? AND uid = ?)", ts, uid), sql("uid == " + uid));
        assertEquals(SqlFragment.of("(NOT (ts_ns = ? AND uid = ?))", ts, uid), sql("uid != " + uid));
        assertEquals(SqlFragment.of("((ts_ns = ? AND uid = ?) OR FALSE)", ts, uid), sql("uid in (" + uid + ", Cnope)"));
    }

    @Test
    void registryAcceptsOneLineFields() {
        FieldRegistry r = FieldRegistry.standard()
                .with(Field.of("plugin.answers", FieldType.INTEGER, "plugin_answers"));
        assertEquals(SqlFragment.of("plugin_answers > ?", 3L), Filter.parse("plugin.answers > 3", r).toSql());
        assertFalse(FieldRegistry.standard().find("plugin.answers").isPresent());
    }

    @Test
    void tcpHealthFieldsAreStandard() {
        FieldRegistry r = FieldRegistry.standard();
        assertTcp(r, "tcp.resp.retransmissions > 0", "tcp_r_rexmit > ?", 0L);
        assertTcp(r, "tcp.orig.rtt.mean >= 2.5", "tcp_o_rtt_mean_us >= ?", 2.5);
        assertTcp(r, "tcp.health == severe", "tcp_health_label = ?", "severe");
        assertTcp(r, "tcp.lifecycle.rst == 1", "((tcp_lifecycle & 32) <> 0)::INTEGER = ?", 1L);
        assertTcp(r, "tcp.lifecycle ~ reset", "tcp_lifecycle_labels LIKE ?", "%reset%");
        assertTcp(r, "tcp.orig.sack_permitted == 1", "(tcp_o_sack)::INTEGER = ?", 1L);
    }

    /** Non-TCP rows hold NULL there: the translation guards the comparison with IS NOT NULL. */
    private static void assertTcp(FieldRegistry r, String filter, String comparison, Object param) {
        SqlFragment f = Filter.parse(filter, r).toSql();
        assertTrue(f.sql().contains(comparison) && f.sql().contains("IS NOT NULL"), f.sql());
        assertEquals(List.of(param), f.params());
    }
}
