package dev.netproof.query;

import static dev.netproof.query.StoreFixture.ALL;
import static dev.netproof.query.StoreFixture.S;
import static dev.netproof.query.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.FilterException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowSearchTest {

    @TempDir
    static Path dir;

    static Connection c;

    @BeforeAll
    static void open() throws SQLException {
        c = StoreFixture.openFilled(dir);
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    private static Set<String> uids(String filter) throws SQLException {
        Answer<Map<String, Object>> a = FlowSearch.of(filter).withLimit(FlowSearch.MAX_LIMIT).run(c);
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> row : a.rows()) out.add(StoreFixture.name(row.get("uid")));
        return out;
    }

    private static void expect(String filter, String... uids) throws SQLException {
        assertEquals(new TreeSet<>(List.of(uids)), uids(filter), filter);
    }

    private static String[] allBut(String... uids) {
        List<String> l = new ArrayList<>(ALL);
        l.removeAll(List.of(uids));
        return l.toArray(String[]::new);
    }

    private static final String[] HOST_10_0_0_1 = {"v4web1", "v4ssh", "v4self", "v4rep1", "v4rep2", "v4rep3", "v4rep4"};
    private static final String[] ORIG_IN_10_8 = {"v4web1", "v4web2", "v4top8", "v4self", "weird",
        "v4rep1", "v4rep2", "v4rep3", "v4rep4"};

    @Test
    void emptyFilterReturnsAll() throws SQLException {
        expect("", ALL.toArray(String[]::new));
    }

    @Test
    void v4CidrBoundaries() throws SQLException {
        expect("id.orig_h in 10.0.0.0/8", ORIG_IN_10_8);
        expect("id.orig_h == 10.0.0.0/8", ORIG_IN_10_8);
        expect("id.orig_h not in 10.0.0.0/8", allBut(ORIG_IN_10_8));
        expect("id.orig_h in 10.255.255.255/32", "v4top8");
        expect("id.orig_h in 11.0.0.0/32", "v4above8");
        expect("id.orig_h in 9.255.255.255/32", "v4below8");
        expect("id.orig_h in 10.0.0.0/31", "v4web1", "v4self", "v4rep1", "v4rep2", "v4rep3", "v4rep4");
        expect("id.orig_h in 0.0.0.0/0", "v4web1", "v4web2", "v4top8", "v4above8", "v4below8", "v4mdns", "v4ssh",
                "v4dhcp", "v4self", "weird", "v4rep1", "v4rep2", "v4rep3", "v4rep4");
        expect("id.orig_h == 0.0.0.0", "v4dhcp");
        expect("id.resp_h == 255.255.255.255", "v4dhcp");
    }

    @Test
    void v4AndV6AreNotConfused() throws SQLException {
        // ::a00:1 is IPv4-compatible text of 10.0.0.1's bits, but not the IPv4 address
        expect("id.orig_h == ::a00:1", "v6compat");
        expect("host == 10.0.0.1", HOST_10_0_0_1);
        // the mapped form is the same address as IPv4
        expect("host == ::ffff:10.0.0.1", HOST_10_0_0_1);
        // just below ::ffff:0:0/96
        expect("host in 0.0.0.0/0 and id.orig_h == ::fffe:ffff:ffff");
        expect("id.orig_h == ::fffe:ffff:ffff", "v6mapnear");
        expect("host == ::1", "v6compat", "v6mapnear");
    }

    @Test
    void v6CidrBoundaries() throws SQLException {
        expect("host in 2001:db8::/32", "v6web", "v6top32", "v6lowlo", "v6highlo");
        expect("host in 2001:db8:0:1::/64", "v6lowlo", "v6highlo");
        expect("host in 2001:db8:0:1::/65", "v6lowlo");
        expect("host in 2001:db8:0:1:8000::/65", "v6highlo");
        expect("id.orig_h in 2001:db8:0:1:7fff:ffff:ffff:ffff/128", "v6lowlo");
        expect("host in 8000::/1", "v6highhi", "v6ll", "v6lowlo", "v6highlo");
        expect("host in ::/1", allBut("v6highhi", "v6ll"));
        expect("host in ::/0", ALL.toArray(String[]::new));
        expect("host in fe80::/10", "v6lowlo", "v6highlo", "v6ll");
    }

    @Test
    void hostAndPortAreEitherSide() throws SQLException {
        expect("host != 10.0.0.1", allBut(HOST_10_0_0_1));
        expect("not host == 10.0.0.1", allBut(HOST_10_0_0_1));
        expect("host in (10.0.0.1, 2001:db8::/32)", "v4web1", "v4ssh", "v4self", "v4rep1", "v4rep2", "v4rep3",
                "v4rep4", "v6web", "v6top32", "v6lowlo", "v6highlo");
        expect("port == 22", "v4ssh");
        expect("port == 5353", "v4mdns");
        expect("port in (67, 547)", "v4dhcp", "v6ll");
        expect("port != 0 and proto == icmp");
    }

    @Test
    void scalarsListsAndNot() throws SQLException {
        expect("id.resp_p in (80, 443, 8080)", "v4web1", "v4web2", "v4below8", "v6web", "v6below32", "v6compat",
                "v6lowlo", "v6highlo", "v6highhi", "v4rep1", "v4rep2", "v4rep3", "v4rep4");
        expect("conn_state in (S0, REJ)", "v4above8", "v4below8", "v4mdns", "v4dhcp", "v6below32", "v6compat",
                "v6mapnear", "v6ll");
        expect("conn_state not in (S0, REJ, SF)", "v4ssh", "v4self");
        expect("proto == udp and not id.resp_p == 53", "v4mdns", "v4dhcp", "v6mapnear", "v6ll");
        expect("proto = icmp", "v4self");
        expect("ip_proto == 1", "v4self");
        expect("id.resp_p >= 8080 and id.resp_p < 8081", "v4below8", "v6lowlo", "v6highlo");
        expect("bytes > 8000", "v6web", "v4web2");
        expect("pkts >= 200", "v6web", "v4web2");
        expect("orig_ip_bytes == 1500 || resp_ip_bytes == 700", "v6web", "v4ssh");
        expect("source == c.pcap", "v4rep4");
        expect("close_reason == idle and proto == tcp", "v4below8", "v4ssh", "v6below32", "v6compat");
        // the store makes community ids from the tuple (store.DerivedColumns): ask for the one it made
        String cid;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT community_id FROM flows WHERE history = '" + StoreFixture.WEIRD_HISTORY.replace("'", "''") + "'")) {
            assertTrue(rs.next());
            cid = rs.getString(1);
        }
        expect("community_id == '" + cid + "'", "weird");
    }

    @Test
    void nullableVlans() throws SQLException {
        expect("vlan == 10", "v4web1", "v6web", "v6ll");
        expect("vlan != 10", allBut("v4web1", "v6web", "v6ll"));
        expect("not vlan == 10", allBut("v4web1", "v6web", "v6ll"));
        expect("vlan == null", allBut("v4web1", "v6web", "v6ll", "v4mdns"));
        expect("vlan != null", "v4web1", "v6web", "v6ll", "v4mdns");
        expect("vlan > 10", "v4mdns");
        expect("not vlan > 10", allBut("v4mdns"));
        expect("inner_vlan in (20, 30)", "v4mdns", "v6ll");
        expect("vlan not in (10)", allBut("v4web1", "v6web", "v6ll"));
    }

    @Test
    void matchesAndTime() throws SQLException {
        expect("history ~ \"OR '1'\"", "weird");
        expect("source matches c.", "v4rep4");
        expect("source ~ 'c%cap'", "v4rep4");
        expect("source ~ c_pcap", "v4rep4");
        expect("source ~ 'c\\_pcap'");
        expect("history ~ '\\%'");
        expect("duration > 5.6e0", "v4rep4");
        expect("ts >= 1300475188", "v4rep1", "v4rep2", "v4rep3", "v4rep4");
        expect("ts >= 2011-03-18T19:06:28Z", "v4rep1", "v4rep2", "v4rep3", "v4rep4");
        expect("ts >= 2011-03-18T19:06:31.123456Z", "v4rep4");
        expect("ts > 2011-03-18T19:06:31.123456789Z");
        expect("ts < 1300475169", "v4web1");
        expect("duration >= 5.5", "v4rep3", "v4rep4");
    }

    @Test
    void injectionInValuesIsHarmless() throws SQLException {
        expect("uid == \"x'; DROP TABLE flows; --\"");
        expect("uid == 'a\\' OR \\'1\\'=\\'1'");
        expect("history == \"" + StoreFixture.WEIRD_HISTORY + "\"", "weird");
        expect("history ~ \"%' OR 1=1 --\"");
        assertEquals(ALL.size(), count());
    }

    @Test
    void injectionInFieldNamesIsRejected() throws SQLException {
        assertThrows(FilterException.class, () -> FlowSearch.of("uid;drop == 1"));
        assertThrows(FilterException.class, () -> FlowSearch.of("(SELECT 1) == 1"));
        assertThrows(FilterException.class, () -> FlowSearch.of("\"uid\" == 1"));
        assertThrows(FilterException.class, () -> FlowSearch.of("orig_p == 1"));
        assertEquals(ALL.size(), count());
    }

    private static long count() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM flows")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void rowsAreZeekShaped() throws SQLException {
        Answer<Map<String, Object>> a = FlowSearch.of("uid == " + StoreFixture.uid("v4web1") + " or uid == "
                + StoreFixture.uid("v6ll")).run(c);
        assertEquals(2, a.rows().size());
        Map<String, Object> r = a.rows().get(0);
        // absent values are left out: this row has no inner VLAN, and no row here has passive DNS names
        List<String> named = FlowSearch.FIELDS.stream().filter(k -> !k.endsWith("_name")).toList();
        assertEquals(named.stream().filter(k -> !k.equals("inner_vlan")).toList(), List.copyOf(r.keySet()));
        assertEquals(named, List.copyOf(a.rows().get(1).keySet()));
        assertEquals(1300475168.123456, (double) r.get("ts"), 0.0);
        assertEquals(StoreFixture.uid("v4web1"), r.get("uid"));
        assertEquals("10.0.0.1", r.get("id.orig_h"));
        assertEquals(40000, r.get("id.orig_p"));
        assertEquals("192.168.1.1", r.get("id.resp_h"));
        assertEquals(80, r.get("id.resp_p"));
        assertEquals("tcp", r.get("proto"));
        assertEquals(0.0, (double) r.get("duration"), 0.0);
        assertEquals(500L, r.get("orig_bytes"));
        assertEquals("SF", r.get("conn_state"));
        assertEquals(10, r.get("vlan"));
        assertFalse(r.containsKey("inner_vlan"));
        assertEquals("fin", r.get("close_reason"));
        assertEquals("a.pcap", r.get("source"));
        Map<String, Object> ll = a.rows().get(1);
        assertEquals("fe80::1", ll.get("id.orig_h"));
        assertEquals(20, ll.get("inner_vlan"));
        assertEquals(4.5, (double) ll.get("duration"), 0.0);
        assertEquals(1300475186.123456, (double) ll.get("ts"), 0.0);
    }

    @Test
    void rangeLimitAndOrder() throws SQLException {
        FlowSearch s = FlowSearch.of(Filter.ALL).withRange(new TimeRange(T0 + 20 * S, T0 + 23 * S));
        Answer<Map<String, Object>> a = s.run(c);
        assertEquals(List.of("v4rep1", "v4rep2", "v4rep3"), a.rows().stream().map(r -> StoreFixture.name(r.get("uid"))).toList());
        assertFalse(a.limited());
        Answer<Map<String, Object>> desc = s.withOrder(FlowSearch.Order.TS_DESC).withLimit(2).run(c);
        assertEquals(List.of("v4rep3", "v4rep2"), desc.rows().stream().map(r -> StoreFixture.name(r.get("uid"))).toList());
        assertTrue(desc.limited());
        Answer<Map<String, Object>> exact = s.withLimit(3).run(c);
        assertEquals(3, exact.rows().size());
        assertFalse(exact.limited());
        assertEquals(100, FlowSearch.of("").limit());
        assertEquals(ALL.size(), FlowSearch.of("").run(c).rows().size());
        assertTrue(FlowSearch.of("").withRange(TimeRange.parse("2011-03-18T19:06:30Z", null)).run(c).rows().size() == 2);
        assertThrows(QueryException.class, () -> FlowSearch.of("").withLimit(FlowSearch.MAX_LIMIT + 1));
        assertThrows(QueryException.class, () -> FlowSearch.of("").withLimit(-1));
        assertEquals(ALL.size(), FlowSearch.of("").withLimit(FlowSearch.UNLIMITED).run(c).rows().size());
        assertThrows(QueryException.class, () -> TimeRange.parse("tomorrow", null));
    }

    @Test
    void answerCarriesSqlAndQuality() throws SQLException {
        Answer<Map<String, Object>> a = FlowSearch.of("id.orig_h in 2001:db8::/32").run(c);
        assertTrue(a.sql().startsWith("SELECT ts_ns, uid"));
        assertFalse(a.sql().contains("2001"));
        assertEquals(List.of("b.pcap"), a.quality().sources());
        assertEquals(50, a.quality().packetsRead());
        assertEquals(1.0, a.quality().completeness());
        // nothing matched: the summary covers every source
        Answer<Map<String, Object>> none = FlowSearch.of("uid == nothing").run(c);
        assertEquals(List.of("a.pcap", "b.pcap", "c.pcap", "z.pcap"), none.quality().sources());
    }

    @Test
    void streamingDeliversEveryRowInOrder() throws Exception {
        List<String> seen = new ArrayList<>();
        Streamed s = FlowSearch.of("proto == tcp").withLimit(FlowSearch.UNLIMITED)
                .stream(c, row -> seen.add(StoreFixture.name(row.get("uid"))));
        assertEquals(seen.size(), s.rows());
        assertFalse(s.limited());
        assertEquals(uids("proto == tcp"), new TreeSet<>(seen));
        assertEquals(FlowSearch.of("proto == tcp").run(c).rows().stream().map(r -> StoreFixture.name(r.get("uid"))).toList(), seen);
        Streamed cut = FlowSearch.of("proto == tcp").withLimit(3).stream(c, row -> { });
        assertEquals(3, cut.rows());
        assertTrue(cut.limited());
    }
}
