package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExporterKey;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Sample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported flows, metric samples and the exporters' account read back as they were written. */
class ExportStoreTest {
    @TempDir Path dir;

    static ExportedFlow full() {
        return new ExportedFlow(ExportFormat.IPFIX, IpAddress.parse("192.0.2.1"), 256, 1_700_000_000_500_000_000L,
                1_700_000_000_000_000_000L, 1_700_000_000_250_000_000L, IpAddress.parse("10.0.0.1"),
                IpAddress.parse("2001:db8::2"), 40000, 443, 6, 0x1b, 0x28, 1500, 10, 100, 3, 7, 42, 1, 64500, 64501,
                IpAddress.parse("10.0.0.254"), 24, 48, 2, 4, List.of(16, 17), List.of(new ExportedFlow.ExtraField(29305, 7, "0a\"b")));
    }

    static ExportedFlow bare() {
        return new ExportedFlow(ExportFormat.SFLOW_V5, IpAddress.parse("192.0.2.9"), 0, 1_700_000_001_000_000_000L, 0, 0,
                null, null, 0, 0, -1, 0, 0, 64, 1, 0, -1, -1, -1, -1, 0, 0, null, -1, -1, -1, -1, List.of(), List.of());
    }

    @Test
    void flowsSamplesAndExportersReadBack() throws Exception {
        ExporterSnapshot snap = new ExporterSnapshot(new ExporterKey(ExportFormat.NETFLOW_V9, IpAddress.parse("192.0.2.1"), 5),
                1, 2, 30, 0, 300, 0, 4, "datagrams", 1, 2, 0, 0, "datagrams", -1_500_000_000L, 1_000_000_000L, List.of(1L, 100L), 3);
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 7, 2)) {
                w.add(full());
                w.add(bare());
                w.add(new Sample("if_in_octets", Map.of("exporter", "192.0.2.9", "if_index", "3"), 1_700_000_001_000_000_000L, 1e12));
                w.exporters("collect", List.of(snap));
                w.exporters("collect", List.of(snap)); // replaced, not appended
                w.exporters("empty", List.of(new ExporterSnapshot(snap.key(), 1, 1, 1, 0, 0, 0, 0, "datagrams", 0, 0, 0, 0,
                        "datagrams", null, 1_000_000_000L, List.of(), -1))); // no rates seen, no clock: an empty list, a NULL
                w.drain();
            }
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT * FROM export_flows ORDER BY ts_ns");
                assertTrue(rs.next());
                assertEquals(1_700_000_000_000_000_000L, rs.getLong("ts_ns"));
                assertEquals(1_700_000_000_250_000_000L, rs.getLong("end_ns"));
                assertEquals("ipfix", rs.getString("format"));
                assertEquals("192.0.2.1", rs.getString("exporter"));
                assertEquals(256, rs.getLong("domain"));
                assertEquals("10.0.0.1", rs.getString("src_addr"));
                assertEquals("2001:db8::2", rs.getString("dst_addr"));
                assertEquals(443, rs.getInt("dst_port"));
                assertEquals(6, rs.getInt("proto"));
                assertEquals(0x1b, rs.getInt("tcp_flags"));
                assertEquals(1500, rs.getLong("bytes"));
                assertEquals(100, rs.getLong("sampling_rate"));
                assertEquals(42, rs.getInt("vlan"));
                assertEquals("egress", rs.getString("direction"));
                assertEquals(64501, rs.getLong("dst_as"));
                assertEquals("10.0.0.254", rs.getString("next_hop"));
                assertEquals(48, rs.getInt("dst_mask"));
                assertEquals(2, rs.getInt("end_reason"));
                assertEquals(4, rs.getInt("ip_version"));
                assertEquals("[16, 17]", rs.getString("mpls_labels"));
                assertEquals("[{\"enterprise\":29305,\"element\":7,\"value\":\"0a\\\"b\"}]", rs.getString("extra"));
                assertEquals("exporter:192.0.2.1", rs.getString("source"));
                assertTrue(rs.next());
                assertEquals(1_700_000_001_000_000_000L, rs.getLong("ts_ns"), "no start time: the receive time");
                for (String col : List.of("end_ns", "src_addr", "dst_addr", "proto", "in_if", "out_if", "vlan", "direction",
                        "next_hop", "src_mask", "dst_mask", "end_reason", "ip_version", "extra")) {
                    rs.getObject(col);
                    assertTrue(rs.wasNull(), col + " is NULL when absent");
                }
                assertFalse(rs.next());

                rs = s.executeQuery("SELECT count(*) FROM export_flows WHERE orig_ip_lo = "
                        + (IpAddress.parse("10.0.0.1").lo() ^ Schema.SIGN_FLIP));
                rs.next();
                assertEquals(1, rs.getLong(1), "the address halves are there for CIDR filters");

                rs = s.executeQuery("SELECT name, json_extract_string(labels, '$.if_index'), value, source FROM metric_samples");
                assertTrue(rs.next());
                assertEquals("if_in_octets", rs.getString(1));
                assertEquals("3", rs.getString(2));
                assertEquals(1e12, rs.getDouble(3));
                assertEquals("exporter:192.0.2.9", rs.getString(4));

                rs = s.executeQuery("SELECT len(sampling_rates), clock_offset_ns FROM exporters WHERE source = 'empty'");
                rs.next();
                assertEquals(0, rs.getInt(1));
                rs.getLong(2);
                assertTrue(rs.wasNull());
                rs = s.executeQuery("SELECT count(*), any_value(lost), any_value(clock_offset_ns), "
                        + "any_value(sampling_rates)::VARCHAR, any_value(templates) FROM exporters WHERE source = 'collect'");
                rs.next();
                assertEquals(1, rs.getLong(1));
                assertEquals(4, rs.getLong(2));
                assertEquals(-1_500_000_000L, rs.getLong(3));
                assertEquals("[1, 100]", rs.getString(4));
                assertEquals(3, rs.getInt(5));
            }
        }
    }
}
