package dev.netproof.query;

import static dev.netproof.query.StoreFixture.S;
import static dev.netproof.query.StoreFixture.SEC0;
import static dev.netproof.query.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityQueryTest {

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

    @Test
    void summaryOverEverything() throws SQLException {
        QualitySummary q = QualityQuery.summary(c, TimeRange.ALL, null);
        assertEquals(List.of("a.pcap", "b.pcap", "c.pcap", "z.pcap"), q.sources());
        assertEquals(1160, q.packetsRead());
        assertEquals(149, q.packetsDecoded());
        assertEquals(2, q.packetsTruncated());
        assertEquals(4, q.decodeErrors());
        assertEquals(1, q.flowsEvicted());
        // non-IP frames were understood: completeness = (decoded + non_ip) / read
        assertEquals((149.0 + 1) / 1160, q.completeness(), 1e-12);
        assertEquals(7L, q.totals().get("decode").get("some.future_metric"));
        assertEquals(1L, q.totals().get("decode").get("non_ip"));
        assertEquals(10L, q.totals().get("flow").get("created"));
        assertEquals(List.of("decode", "flow", "read"), List.copyOf(q.totals().keySet()));
    }

    @Test
    void summaryPerSourceAndRange() throws SQLException {
        QualitySummary a = QualityQuery.summary(c, TimeRange.ALL, List.of("a.pcap"));
        assertEquals(100, a.packetsRead());
        assertEquals(95, a.packetsDecoded());
        assertEquals((95.0 + 1) / 100, a.completeness(), 1e-12);
        QualitySummary first = QualityQuery.summary(c, new TimeRange(T0, T0 + S), null);
        assertEquals(List.of("a.pcap"), first.sources());
        assertEquals(0.91, first.completeness(), 1e-12);
        assertEquals(3, first.decodeErrors());
        // partial seconds widen to the whole seconds they touch
        QualitySummary partial = QualityQuery.summary(c, new TimeRange(T0 + S / 2, T0 + S + S / 2), null);
        assertEquals(95, partial.packetsDecoded());
        assertEquals(4, partial.decodeErrors());
        QualitySummary nothing = QualityQuery.summary(c, new TimeRange(0, S), null);
        assertEquals(List.of(), nothing.sources());
        assertEquals(0, nothing.packetsRead());
        assertEquals(1.0, nothing.completeness());
        assertEquals(1160, QualityQuery.summary(c, TimeRange.ALL, List.of()).packetsRead());
        QualitySummary injected = QualityQuery.summary(c, TimeRange.ALL, List.of("a.pcap' OR '1'='1"));
        assertEquals(0, injected.packetsRead());
    }

    @Test
    void totalsPerSourceStageMetric() throws SQLException {
        Answer<QualityTotal> a = QualityQuery.totals(c, TimeRange.ALL, List.of("a.pcap", "b.pcap"));
        assertEquals(new QualityTotal("a.pcap", "decode", "error.ipv4_header_len", 3), a.rows().get(0));
        assertTrue(a.rows().contains(new QualityTotal("a.pcap", "read", "packets", 100)));
        assertTrue(a.rows().contains(new QualityTotal("b.pcap", "decode", "packets", 50)));
        assertEquals(11, a.rows().size());
        assertEquals(150, a.quality().packetsRead());
        assertTrue(a.sql().contains("FROM quality"));
    }

    @Test
    void perSecondSeries() throws SQLException {
        Answer<QualityPoint> all = QualityQuery.series(c, "decode", "packets", TimeRange.ALL, null);
        assertEquals(List.of(new QualityPoint(SEC0, 90), new QualityPoint(SEC0 + 1, 5), new QualityPoint(SEC0 + 9, 50),
                new QualityPoint(SEC0 + 23, 4)), all.rows());
        Answer<QualityPoint> a = QualityQuery.series(c, "decode", "packets", TimeRange.ALL, List.of("a.pcap"));
        assertEquals(List.of(new QualityPoint(SEC0, 90), new QualityPoint(SEC0 + 1, 5)), a.rows());
        Answer<QualityPoint> read = QualityQuery.series(c, "read", "packets", new TimeRange(T0, T0 + 10 * S), null);
        assertEquals(List.of(new QualityPoint(SEC0, 100), new QualityPoint(SEC0 + 9, 50)), read.rows());
        assertEquals(List.of(), QualityQuery.series(c, "read", "nope'--", TimeRange.ALL, null).rows());
    }

    @Test
    void decodeStageReportingDecodedAndErrors() {
        // the convention where decode/packets counts packets in, decode/decoded those that made it
        QualitySummary s = QualitySummary.of(List.of("x"), Map.of(
                "read", Map.of("packets", 10L),
                "decode", Map.of("packets", 10L, "decoded", 7L, "non_ip", 1L, "errors", 2L,
                        "error.ipv4_header_len", 2L)));
        assertEquals(7, s.packetsDecoded());
        assertEquals((7.0 + 1) / 10, s.completeness(), 1e-12);
        assertEquals(2, s.decodeErrors());
        QualitySummary noReasons = QualitySummary.of(List.of("x"), Map.of("decode", Map.of("errors", 3L)));
        assertEquals(3, noReasons.decodeErrors());
    }

    @Test
    void summaryMapsAreSorted() {
        QualitySummary s = QualitySummary.of(List.of("b", "a"), Map.of("x", Map.of("z", 1L, "a", 2L)));
        assertEquals(List.of("a", "b"), s.sources());
        assertEquals(List.of("a", "z"), List.copyOf(s.totals().get("x").keySet()));
        assertEquals(1.0, s.completeness());
    }
}
