package dev.netproof.query;

import static dev.netproof.query.StoreFixture.S;
import static dev.netproof.query.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.query.filter.Filter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopQueryTest {

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

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void topOriginatorsByBytes() throws SQLException {
        Answer<Map<String, Object>> a = TopQuery.by("id.orig_h").withLimit(3).run(c);
        assertEquals(List.of(
                row("id.orig_h", "10.0.0.1", "bytes", 10568L),
                row("id.orig_h", "2001:db8::1", "bytes", 10500L),
                row("id.orig_h", "10.0.0.2", "bytes", 10000L)), a.rows());
        assertTrue(a.limited());
        assertEquals(List.of("a.pcap", "b.pcap", "c.pcap"), a.quality().sources());
    }

    @Test
    void hostCountsBothSidesOncePerFlow() throws SQLException {
        Answer<Map<String, Object>> a = TopQuery.by("host").withLimit(4).run(c);
        assertEquals(List.of(
                row("host", "10.0.0.1", "bytes", 11768L),
                row("host", "192.168.1.1", "bytes", 10700L),
                row("host", "2001:db8::1", "bytes", 10500L),
                row("host", "2001:db8::2", "bytes", 10500L)), a.rows());
        Answer<Map<String, Object>> ports = TopQuery.by("port").withMetric(Metric.FLOWS).withLimit(1).run(c);
        assertEquals(List.of(row("port", 80L, "flows", 7L)), ports.rows());
        Answer<Map<String, Object>> self = TopQuery.by("host").withMetric(Metric.FLOWS)
                .withFilter(Filter.parse("proto == icmp")).run(c);
        assertEquals(List.of(row("host", "10.0.0.1", "flows", 1L)), self.rows());
    }

    @Test
    void flowsPerProtoSumToTotal() throws SQLException {
        Answer<Map<String, Object>> a = TopQuery.by("proto").withMetric(Metric.FLOWS).run(c);
        assertEquals(List.of(row("proto", "tcp", "flows", 15L), row("proto", "udp", "flows", 8L),
                row("proto", "icmp", "flows", 1L)), a.rows());
        assertFalse(a.limited());
        assertEquals(160, a.quality().packetsRead());
        assertEquals((149.0 + 1) / 160, a.quality().completeness(), 1e-12);
    }

    @Test
    void twoKeysWithFilterAndPackets() throws SQLException {
        Answer<Map<String, Object>> a = TopQuery.by("id.resp_h, id.resp_p").withMetric(Metric.parse("packets"))
                .withLimit(2).withFilter(Filter.parse("proto == tcp")).run(c);
        assertEquals(List.of(
                row("id.resp_h", "192.168.1.1", "id.resp_p", 80L, "packets", 213L),
                row("id.resp_h", "2001:db8::2", "id.resp_p", 80L, "packets", 211L)), a.rows());
        assertTrue(a.limited());
    }

    @Test
    void nullGroupsAndRanges() throws SQLException {
        Answer<Map<String, Object>> a = TopQuery.by("vlan").withMetric(Metric.FLOWS).run(c);
        Map<String, Object> untagged = new HashMap<>();
        untagged.put("vlan", null);
        untagged.put("flows", 20L);
        assertEquals(List.of(untagged, row("vlan", 10L, "flows", 3L), row("vlan", 20L, "flows", 1L)), a.rows());
        Answer<Map<String, Object>> late = TopQuery.by("id.orig_h").withMetric(Metric.FLOWS)
                .withRange(new TimeRange(T0 + 20 * S, Long.MAX_VALUE)).run(c);
        assertEquals(List.of(row("id.orig_h", "10.0.0.1", "flows", 4L)), late.rows());
        assertEquals(List.of("a.pcap", "c.pcap"), late.quality().sources());
        Answer<Map<String, Object>> byTs = TopQuery.by("ts").withMetric(Metric.FLOWS).withLimit(1)
                .withFilter(Filter.parse("uid == " + StoreFixture.uid("v4web1"))).run(c);
        assertEquals(1300475168.123456, (double) byTs.rows().get(0).get("ts"), 0.0);
    }

    @Test
    void groupFieldsAreValidated() {
        QueryException e = assertThrows(QueryException.class, () -> TopQuery.by("nope"));
        assertTrue(e.getMessage().startsWith("top: unknown field 'nope' in --by; known fields: ts, uid, id.orig_h"));
        assertThrows(QueryException.class, () -> TopQuery.by("proto; DROP TABLE flows"));
        assertThrows(QueryException.class, () -> TopQuery.by("orig_h"));
        assertThrows(QueryException.class, () -> TopQuery.by("proto) UNION SELECT 1 --"));
        assertThrows(QueryException.class, () -> TopQuery.by(""));
        assertThrows(QueryException.class, () -> TopQuery.by("proto,"));
        assertThrows(QueryException.class, () -> TopQuery.by("proto,proto"));
        assertTrue(assertThrows(QueryException.class, () -> TopQuery.by("host,port")).getMessage()
                .contains("at most one either-side field"));
        assertThrows(QueryException.class, () -> TopQuery.by("bytes"));
        var bytes = dev.netproof.query.filter.FieldRegistry.standard().find("bytes").orElseThrow();
        assertEquals(Metric.FLOWS, new TopQuery(List.of(bytes), Metric.FLOWS, 1, null, null).metric());
        assertThrows(QueryException.class, () -> TopQuery.by("proto").withLimit(0));
        assertThrows(QueryException.class, () -> TopQuery.by("proto").withLimit(TopQuery.MAX_LIMIT + 1));
        assertThrows(QueryException.class, () -> TopQuery.by(String.join(",", Arrays.asList(
                "uid", "proto", "ts", "duration", "history", "conn_state", "vlan", "inner_vlan", "source"))));
        assertTrue(assertThrows(QueryException.class, () -> Metric.parse("bits")).getMessage()
                .contains("bytes, packets, flows"));
    }

    @Test
    void sqlTextHasOnlyRegistrySql() throws SQLException {
        TopQuery q = TopQuery.by("id.resp_p").withFilter(Filter.parse("uid == \"x') UNION SELECT 1 --\""));
        assertFalse(q.sql().sql().contains("UNION"));
        assertEquals(List.of(), q.run(c).rows());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM flows")) {
            rs.next();
            assertEquals(StoreFixture.FLOWS.size(), rs.getLong(1));
        }
    }
}
