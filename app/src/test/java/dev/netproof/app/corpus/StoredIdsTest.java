package dev.netproof.app.corpus;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.flow.id.CommunityId;
import dev.netproof.store.FlowRowsAppender;
import dev.netproof.store.Store;
import dev.netproof.testkit.Corpus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * The store keeps neither uid nor community_id text; the {@code flows} view makes them on read
 * ({@code store.DerivedColumns}). Here the view's values are checked against the Java that made them
 * at ingest: {@code FlowUid} and {@code flow.id.CommunityId} (itself checked against tshark).
 */
class StoredIdsTest {

    /** Every bundled capture's flows, stored and read back: the same uid and Community ID as the Flow said. */
    @Test
    void everyBundledFlowReadsBackWithItsUidAndCommunityId() throws Exception {
        int checked = 0;
        for (Corpus.Capture capture : Corpus.bundled()) {
            List<Flow> flows = NetproofRun.of(capture).flows();
            try (Store store = Store.inMemory(); Connection c = store.connect()) {
                FlowRowsAppender.write(c, flows);
                Map<String, String> stored = new HashMap<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT uid, community_id, orig_h, resp_h FROM flows")) {
                    while (rs.next()) stored.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
                assertEquals(flows.size(), stored.size(), capture.fileName() + ": uids not unique or rows lost");
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM all_flow_rows WHERE uid_key IS NOT NULL")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), capture.fileName() + ": the flow table's uid key hashes are made on read");
                }
                for (Flow f : flows) {
                    assertEquals(CommunityId.of(f) + " " + f.origH() + " " + f.respH(), stored.get(f.uid()), capture.fileName() + " " + f);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "too few flows checked: " + checked);
    }

    record Tuple(int proto, IpAddress a, IpAddress b, int ap, int bp) {}

    @Provide
    Arbitrary<Tuple> tuples() {
        Arbitrary<Integer> proto = Arbitraries.of(1, 6, 17, 58, 132, 47, 0, 255);
        Arbitrary<Boolean> v6 = Arbitraries.of(true, false);
        // words of four 16-bit groups, each zero half the time: runs of zero groups for the IPv6 text's "::"
        Arbitrary<Long> groups = Arbitraries.longs().map(r -> {
            long w = 0;
            for (int i = 0; i < 4; i++) w |= ((r >>> (16 + i)) & 1) == 0 ? 0 : ((r >>> (16 * i)) & 0xffff | 1) << (16 * i);
            return w;
        });
        Arbitrary<Long> word = Arbitraries.oneOf(Arbitraries.longs(), groups, groups,
                Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L, 0x0000_ffff_0000_0000L));
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.integers().between(0, 65535), Arbitraries.of(0, 8, 128, 129, 135, 136, 3, 65535));
        return Combinators.combine(proto, v6, word, word, word, word, port, port).as((p, six, h1, l1, h2, l2, x, y) -> {
            IpAddress a = six ? new IpAddress(h1, l1) : IpAddress.ofV4(l1.intValue());
            IpAddress b = six ? new IpAddress(h2, l2) : IpAddress.ofV4(l2.intValue());
            boolean icmp = p == 1 || p == 58;
            // same endpoints now and then, so ties on address fall through to ports
            if ((x & 7) == 0) b = a;
            return new Tuple(p, a, b, icmp ? x & 0xff : x, icmp ? y & 0xff : y);
        });
    }

    /** The view's uid, Community ID and address text (IPv6 made from the numbers, RFC 5952) are the Java ones. */
    @Property(tries = 300)
    void theViewsCommunityIdIsTheJavaOne(@ForAll("tuples") Tuple t) throws Exception {
        long ts = 1_600_000_000_000_000_000L;
        int vlan = (t.bp() & 3) == 0 ? -1 : 1 + (t.ap() * 7 + t.bp()) % 4094, inner = (t.bp() & 4) == 0 ? -1 : 1 + t.ap() % 4094;
        // half the flows with the uid the flow table makes (its key hash made again by the view, not stored), half
        // with another (stored)
        int key = (t.ap() & 1) == 0
                ? FlowUid.tag(t.a().hi(), t.a().lo(), t.b().hi(), t.b().lo(), t.ap(), t.bp(), t.proto(), vlan, inner)
                : t.ap() * 31 + t.bp();
        String uid = FlowUid.of(ts, key);
        String expected = CommunityId.v1(0, t.proto(), t.a().hi(), t.a().lo(), t.b().hi(), t.b().lo(), t.ap(), t.bp());
        Flow f = new Flow(ts, uid, t.a(), t.ap(), t.b(), t.bp(), Transport.ofIpProto(t.proto()), t.proto(), 0, 0, 0, "OTH",
                "", 1, 40, 0, 0, vlan, inner, CloseReason.IDLE, "p", null, null, null);
        try (Store store = Store.inMemory(); Connection c = store.connect()) {
            FlowRowsAppender.write(c, List.of(f));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT uid, community_id, orig_h, resp_h FROM flows")) {
                assertTrue(rs.next());
                assertEquals(uid, rs.getString(1));
                assertEquals(expected, rs.getString(2), t.toString());
                assertEquals(t.a().toString(), rs.getString(3), t.toString());
                assertEquals(t.b().toString(), rs.getString(4), t.toString());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT uid_key IS NULL FROM all_flow_rows")) {
                assertTrue(rs.next());
                if ((t.ap() & 1) == 0) assertTrue(rs.getBoolean(1), "the flow table's key hash is made on read, not stored");
            }
        }
    }
}
