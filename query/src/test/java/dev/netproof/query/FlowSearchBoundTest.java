package dev.netproof.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.SqlFragment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A limited {@link FlowSearch} bounds its rows by the start time of the last one it asks for ({@link FlowSearch#sql(Long)});
 * the rows must be those of the same search without the bound, in the same order. The store's 500 flows (100 of them TCP with health) start at
 * only 25 distinct times, so most bounds fall on a tie that the uid then breaks.
 */
class FlowSearchBoundTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final List<String> FILTERS = List.of("", "proto == tcp", "proto == udp or id.resp_p == 53",
            "id.orig_h in 10.0.0.0/30", "not (id.resp_p == 80)", "conn_state == SF and id.orig_p > 20000",
            "id.resp_h == 192.168.9.9", "tcp.health == healthy or proto == udp", "not (tcp.health == healthy)");

    static Connection c;

    @BeforeContainer
    static void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:duckdb:");
        dev.netproof.store.Schema.create(c);
        Random r = new Random(7);
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long ts = T0 + r.nextInt(25) * 1_000_000_000L;
            boolean tcp = r.nextBoolean();
            int ipProto = tcp ? 6 : 17;
            String state = r.nextBoolean() ? "SF" : "S0";
            flows.add(new Flow(ts, FlowUid.of(ts, i), IpAddress.parse("10.0.0." + r.nextInt(8)), 1024 + r.nextInt(60000),
                    IpAddress.parse("192.168.1." + r.nextInt(4)), tcp ? (r.nextBoolean() ? 80 : 443) : 53,
                    Transport.ofIpProto(ipProto), ipProto, r.nextInt(1_000_000_000), 100, 200, state, "S", 2, 140, 2, 240,
                    -1, -1, CloseReason.IDLE, "bound.pcap", null, null, null));
        }
        // TCP flows with health too (a fifth of them degraded), so filters on tcp.health read the flows view
        for (int i = 0; i < 100; i++) {
            long ts = T0 + r.nextInt(25) * 1_000_000_000L;
            flows.add(TcpHealthQueryTest.tcpFlow(ts, "192.168.2." + r.nextInt(3), 1000 + i, 500 + r.nextInt(5000),
                    1000, 2, 10_000, i % 5 == 0 ? 1_000 : 0, 0));
        }
        StoreFixture.insert(c, flows);
    }

    @AfterContainer
    static void close() throws SQLException {
        c.close();
    }

    @net.jqwik.api.Example
    void theTcpHealthFiltersMatchSomeFlowsAndNotOthers() throws SQLException {
        int healthy = FlowSearch.of("tcp.health == healthy").withLimit(FlowSearch.MAX_LIMIT).run(c).rows().size();
        int other = FlowSearch.of("not (tcp.health == healthy)").withLimit(FlowSearch.MAX_LIMIT).run(c).rows().size();
        // a fifth of the TCP flows retransmit 10%; flows without TCP health are "not healthy" too
        assertEquals(80, healthy);
        assertEquals(500, healthy + other);
    }

    @Property(tries = 60)
    void boundedSearchKeepsTheUnboundedAnswer(@ForAll @IntRange(min = 0, max = 8) int filter,
                                              @ForAll @IntRange(min = 1, max = 520) int limit,
                                              @ForAll boolean descending, @ForAll @IntRange(min = -1, max = 26) int fromSecond)
            throws SQLException {
        TimeRange range = fromSecond < 0 ? TimeRange.ALL : new TimeRange(T0 + fromSecond * 1_000_000_000L, T0 + 30_000_000_000L);
        FlowSearch s = FlowSearch.of(Filter.parse(FILTERS.get(filter))).withRange(range).withLimit(limit)
                .withOrder(descending ? FlowSearch.Order.TS_DESC : FlowSearch.Order.TS_ASC);
        Answer<Map<String, Object>> a = s.run(c);
        List<Object> got = a.rows().stream().map(row -> row.get("uid")).toList();

        String dir = descending ? "DESC" : "ASC";
        SqlFragment plain = SqlFragment.of("SELECT uid FROM flows WHERE (").append(s.where())
                .append(SqlFragment.of(") ORDER BY ts_ns " + dir + ", uid " + dir + " LIMIT ?", (long) limit + 1));
        List<Object> want = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(plain.sql())) {
            plain.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) want.add(rs.getString(1));
            }
        }
        boolean cut = want.size() > limit;
        if (cut) want.remove(want.size() - 1);
        assertEquals(want, got, s.sql().sql());
        assertEquals(cut, a.limited());
    }
}
