package dev.netproof.query;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.store.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A real DuckDB store with hand-made flows and ledger rows. Rows are written the way the store
 * documents them (Schema javadoc): addresses as text plus sign-flipped hi/lo, ts as ns and TIMESTAMP.
 */
final class StoreFixture {
    private StoreFixture() {}

    static final long T0 = Instant.parse("2011-03-18T19:06:08Z").getEpochSecond() * 1_000_000_000L;
    static final long S = 1_000_000_000L;

    /** The fixture's name of each flow, by uid (uids are made from the start time: core.model.FlowUid); filled by {@link #f}. */
    static final java.util.Map<String, String> NAMES = new java.util.HashMap<>();

    static final List<Flow> FLOWS = List.of(
            f("v4web1", "10.0.0.1", 40000, "192.168.1.1", 80, 6, "SF", 10, -1, 0, 1000, 5000, "a.pcap"),
            f("v4web2", "10.0.0.2", 40001, "192.168.1.2", 443, 6, "SF", -1, -1, 1, 2000, 8000, "a.pcap"),
            f("v4top8", "10.255.255.255", 1234, "8.8.8.8", 53, 17, "SF", -1, -1, 2, 100, 200, "a.pcap"),
            f("v4above8", "11.0.0.0", 1235, "8.8.4.4", 53, 17, "S0", -1, -1, 3, 100, 0, "a.pcap"),
            f("v4below8", "9.255.255.255", 1236, "1.1.1.1", 8080, 6, "REJ", -1, -1, 4, 60, 40, "a.pcap"),
            f("v4mdns", "192.168.1.1", 5353, "224.0.0.251", 5353, 17, "S0", 20, 30, 5, 300, 0, "a.pcap"),
            f("v4ssh", "172.16.0.1", 50000, "10.0.0.1", 22, 6, "S1", -1, -1, 6, 500, 700, "a.pcap"),
            f("v4dhcp", "0.0.0.0", 68, "255.255.255.255", 67, 17, "S0", -1, -1, 7, 328, 0, "a.pcap"),
            f("v4self", "10.0.0.1", 0, "10.0.0.1", 0, 1, "OTH", -1, -1, 8, 84, 84, "a.pcap"),
            f("v6web", "2001:db8::1", 40002, "2001:db8::2", 80, 6, "SF", 10, -1, 9, 1500, 9000, "b.pcap"),
            f("v6top32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 1, "2001:4860::8888", 53, 17, "SF", -1, -1, 10, 120, 240, "b.pcap"),
            f("v6above32", "2001:db9::", 2, "2001:4860::8844", 53, 17, "SF", -1, -1, 11, 120, 240, "b.pcap"),
            f("v6below32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", 3, "2001:4860::8888", 443, 6, "S0", -1, -1, 12, 80, 0, "b.pcap"),
            f("v6compat", "::a00:1", 4, "::1", 80, 6, "REJ", -1, -1, 13, 60, 40, "b.pcap"),
            f("v6lowlo", "2001:db8:0:1:7fff:ffff:ffff:ffff", 5, "fe80::1", 8080, 6, "SF", -1, -1, 14, 200, 300, "b.pcap"),
            f("v6highlo", "2001:db8:0:1:8000::1", 6, "fe80::1", 8080, 6, "SF", -1, -1, 15, 200, 300, "b.pcap"),
            f("v6highhi", "8000::1", 7, "ffff::1", 443, 6, "SF", -1, -1, 16, 400, 400, "b.pcap"),
            f("v6mapnear", "::fffe:ffff:ffff", 8, "::1", 9, 17, "S0", -1, -1, 17, 50, 0, "b.pcap"),
            f("v6ll", "fe80::1", 546, "ff02::1:2", 547, 17, "S0", 10, 20, 18, 150, 0, "b.pcap"),
            f("weird", "10.1.2.3", 1, "10.1.2.4", 2, 6, "SF", -1, -1, 19, 10, 10, "a.pcap"),
            f("v4rep1", "10.0.0.1", 41001, "192.168.1.1", 80, 6, "SF", -1, -1, 20, 100, 1000, "a.pcap"),
            f("v4rep2", "10.0.0.1", 41002, "192.168.1.1", 80, 6, "SF", -1, -1, 21, 100, 1000, "a.pcap"),
            f("v4rep3", "10.0.0.1", 41003, "192.168.1.1", 80, 6, "SF", -1, -1, 22, 100, 1000, "a.pcap"),
            f("v4rep4", "10.0.0.1", 41004, "192.168.1.1", 80, 6, "SF", -1, -1, 23, 100, 1000, "c.pcap"));


    /** Every flow's name. */
    static final List<String> ALL = FLOWS.stream().map(f -> NAMES.get(f.uid())).toList();

    /** The uid of the flow named {@code name}. */
    static String uid(String name) {
        return FLOWS.stream().filter(f -> NAMES.get(f.uid()).equals(name)).findFirst().orElseThrow().uid();
    }

    /** The name of the flow with {@code uid}. */
    static String name(Object uid) {
        return NAMES.get((String) uid);
    }

    static final String WEIRD_HISTORY = "x' OR '1'='1";

    static Flow f(String uid, String orig, int op, String resp, int rp, int ipProto, String state, int vlan, int inner,
            int tsOffsetSeconds, long origIpBytes, long respIpBytes, String source) {
        String history = uid.equals("weird") ? WEIRD_HISTORY : state.equals("SF") ? "ShADadFf" : "S";
        CloseReason close = state.equals("SF") ? CloseReason.FIN : CloseReason.IDLE;
        long ts = T0 + tsOffsetSeconds * S + 123_456_789L;
        String id = dev.netproof.core.model.FlowUid.of(ts, uid.hashCode());
        if (NAMES.put(id, uid) != null) throw new IllegalStateException("two fixture flows with uid " + id);
        return new Flow(ts, id, IpAddress.parse(orig), op, IpAddress.parse(resp),
                rp, Transport.ofIpProto(ipProto), ipProto, tsOffsetSeconds * 250_000_000L, origIpBytes / 2,
                respIpBytes / 2, state, history, origIpBytes / 50 + 1, origIpBytes, respIpBytes / 50, respIpBytes,
                vlan, inner, close, source, null, null, null);
    }

    static Connection open(Path dir) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("store.duckdb"));
        Schema.create(c);
        return c;
    }

    static Connection openFilled(Path dir) throws SQLException {
        Connection c = open(dir);
        insert(c, FLOWS);
        insertQuality(c, QUALITY);
        return c;
    }

    static final long SEC0 = T0 / S;

    static final List<QualityRow> QUALITY = List.of(
            new QualityRow("a.pcap", SEC0, "read", "packets", 60),
            new QualityRow("a.pcap", SEC0, "read", "packets", 40),
            new QualityRow("a.pcap", SEC0, "decode", "packets", 90),
            new QualityRow("a.pcap", SEC0 + 1, "decode", "packets", 5),
            new QualityRow("a.pcap", SEC0, "decode", "truncated", 2),
            new QualityRow("a.pcap", SEC0, "decode", "non_ip", 1),
            new QualityRow("a.pcap", SEC0, "decode", "error.ipv4_header_len", 3),
            new QualityRow("a.pcap", SEC0 + 1, "decode", "error.tcp_header_len", 1),
            new QualityRow("a.pcap", SEC0, "decode", "some.future_metric", 7),
            new QualityRow("a.pcap", SEC0, "flow", "created", 10),
            new QualityRow("a.pcap", SEC0 + 30, "flow", "evicted", 1),
            new QualityRow("b.pcap", SEC0 + 9, "read", "packets", 50),
            new QualityRow("b.pcap", SEC0 + 9, "decode", "packets", 50),
            new QualityRow("c.pcap", SEC0 + 23, "read", "packets", 10),
            new QualityRow("c.pcap", SEC0 + 23, "decode", "packets", 4),
            new QualityRow("z.pcap", SEC0 + 1000, "read", "packets", 1000));

    /** Writes the flows the way {@code netproof ingest} does (the store's appender). */
    static void insert(Connection c, List<Flow> flows) throws SQLException {
        dev.netproof.store.FlowRowsAppender.write(c, flows);
    }

    static void insertQuality(Connection c, List<QualityRow> rows) throws SQLException {
        dev.netproof.store.LedgerRows.insert(c, rows);
    }
}
