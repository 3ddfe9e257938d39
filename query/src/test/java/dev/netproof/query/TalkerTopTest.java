package dev.netproof.query;

import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.query.internal.TalkerTop;
import dev.netproof.store.SourceRemoval;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import dev.netproof.store.talker.Talkers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Top hosts from the talker lists against grouping every flow: the same rows for every side, metric, limit and
 * range, on random stores whose lists were written in many commits, merged, and cut to a few hosts.
 */
class TalkerTopTest {
    static final long S = 1_000_000_000L, HOUR = 3600 * S;
    static final long T0 = 1_795_000_000L / 3600 * 3600 * S; // on an hour
    static final String[] BY = {"id.orig_h", "id.resp_h", "host"};
    @TempDir Path tmp;

    /** Hosts drawn with a heavy head (a few talk most), some IPv6, some flows from a host to itself. */
    static List<Flow> flows(Random rnd, int n, int hosts, int hours, int sources) {
        List<IpAddress> pool = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            pool.add(i % 7 == 3 ? IpAddress.parse("2001:db8::" + Integer.toHexString(i + 1)) : IpAddress.parse("10.0." + (i / 250) + "." + (i % 250 + 1)));
        }
        List<Flow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IpAddress a = pool.get((int) (hosts * Math.pow(rnd.nextDouble(), 3)));
            IpAddress b = rnd.nextInt(40) == 0 ? a : pool.get(rnd.nextInt(hosts));
            long ts = T0 + (long) (rnd.nextDouble() * hours * HOUR);
            long bytes = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(1 << rnd.nextInt(20));
            int pk = rnd.nextInt(30);
            out.add(new Flow(ts, FlowUid.of(ts, i), a, 1024 + rnd.nextInt(1000), b, 80, Transport.TCP, 6, 0, 0, 0, "SF", "Dd",
                    pk, bytes, rnd.nextInt(5), rnd.nextInt(3000), -1, -1, CloseReason.FIN,
                    "src" + rnd.nextInt(sources), null, null, null));
        }
        return out;
    }

    Path store(List<Flow> flows, int keep, Duration commit, int batch) throws Exception {
        return store(flows, keep, commit, batch, false);
    }

    /** @param sealed whether the flows go to the hot tier's files, as an ingest's do, or stay in the tables */
    Path store(List<Flow> flows, int keep, Duration commit, int batch, boolean sealed) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "s");
        try (Store store = Store.open(dir);
             StoreWriter w = new StoreWriter(store, batch, 4, commit).tiers(null).talkerKeep(keep).sealHot(sealed)) {
            flows.forEach(w::add);
        }
        return dir;
    }

    static List<TimeRange> ranges() {
        return List.of(TimeRange.ALL, new TimeRange(T0 + HOUR, T0 + 3 * HOUR), new TimeRange(T0 + 2 * HOUR, Long.MAX_VALUE),
                new TimeRange(T0 + HOUR + 17 * S, T0 + 3 * HOUR));
    }

    /** Every top-N the lists can answer, checked against the flows; returns how many the lists answered. */
    static int agree(Connection c, String what) throws Exception {
        int answered = 0;
        for (String by : BY) {
            for (Metric m : Metric.values()) {
                for (int limit : new int[] {1, 10}) {
                    for (TimeRange r : ranges()) {
                        TopQuery q = TopQuery.by(by).withMetric(m).withLimit(limit).withRange(r);
                        Answer<?> listed = q.run(c);
                        Answer<?> grouped = q.runOverFlows(c);
                        String ctx = what + " --by " + by + " --metric " + m.label() + " --limit " + limit + " " + r;
                        assertEquals(grouped.rows(), listed.rows(), ctx);
                        assertEquals(grouped.quality(), listed.quality(), ctx);
                        assertFalse(TopQuery.answeredFromLists(grouped), ctx);
                        if (TopQuery.answeredFromLists(listed)) {
                            answered++;
                            if (!grouped.limited()) assertFalse(listed.limited() && grouped.rows().size() < limit, ctx);
                        }
                    }
                }
            }
        }
        return answered;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void listsAgreeWithTheFlowsWhenCutMergedAndWrittenInManyCommits(int seed) throws Exception {
        Random rnd = new Random(seed);
        List<Flow> flows = flows(rnd, 3000 + rnd.nextInt(3000), 20 + rnd.nextInt(400), 1 + rnd.nextInt(5), 1 + rnd.nextInt(3));
        if (seed % 2 == 0) flows.sort(Comparator.comparingLong(Flow::tsNanos)); // hours close while writing
        int keep = 2 + rnd.nextInt(30);
        Path dir = store(flows, keep, Duration.ZERO, 64 + rnd.nextInt(500), seed > 3);
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            if (seed > 3) assertEquals(0, count(c, "SELECT count(*) FROM flow_rows"), "the flows are in hot files");
            assertTrue(count(c, "SELECT count(*) FROM talker_parts WHERE truncated") > 0, "some lists were cut");
            assertEveryFlowListedOnEachSide(c);
            int answered = agree(c, "seed " + seed + " keep " + keep);
            assertTrue(answered > 0, "the lists answered some of the top-N (seed " + seed + ")");
        }
    }

    @Test
    void uncutListsAnswerEveryTopNOverWholeHours() throws Exception {
        List<Flow> flows = flows(new Random(7), 5000, 300, 4, 2);
        Path dir = store(flows, Talkers.KEEP, Duration.ZERO, 200, true);
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            assertEquals(0, count(c, "SELECT count(*) FROM talker_parts WHERE truncated"));
            for (TalkerTop.Sides sides : TalkerTop.Sides.values()) {
                for (String m : new String[] {"bytes", "packets", "flows"}) {
                    assertNotNull(TalkerTop.run(c, Long.MIN_VALUE, Long.MAX_VALUE, sides, m, 10), sides + " " + m);
                    assertNotNull(TalkerTop.run(c, T0 + HOUR, T0 + 3 * HOUR, sides, m, 10), sides + " " + m);
                }
            }
            agree(c, "uncut");
        }
    }

    @Test
    void theWritersListsAreWhatTheFlowsMakeOnceItsHoursAreMerged() throws Exception {
        List<Flow> flows = flows(new Random(11), 4000, 200, 3, 2);
        flows.sort(Comparator.comparingLong(Flow::tsNanos));
        Path dir = store(flows, 15, Duration.ZERO, 100);
        String lists = "SELECT source_id, hour_ns, side, hi, lo, bytes, packets, flows, rank_bytes, rank_packets, rank_flows "
                + "FROM talkers ORDER BY ALL";
        String parts = "SELECT source_id, hour_ns, side, truncated, hosts, kept, flows_total, bound_bytes, bound_packets, "
                + "bound_flows FROM talker_parts ORDER BY ALL";
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            List<List<Object>> written = rows(c, lists), writtenParts = rows(c, parts);
            Talkers.rebuildFromFlows(c, 15);
            assertEquals(rows(c, lists), written);
            assertEquals(rows(c, parts), writtenParts);
        }
    }

    @Test
    void listsThatDoNotCountTheSameFlowsAreNotUsed() throws Exception {
        List<Flow> flows = flows(new Random(3), 3000, 100, 3, 2);
        Path dir = store(flows, Talkers.KEEP, Duration.ZERO, 300);
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            assertNotNull(TalkerTop.run(c, Long.MIN_VALUE, Long.MAX_VALUE, TalkerTop.Sides.EITHER, "bytes", 5));
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM flow_rows WHERE uid_key % 10 = 0"); // flows gone behind the lists' back
            }
            assertNull(TalkerTop.run(c, Long.MIN_VALUE, Long.MAX_VALUE, TalkerTop.Sides.EITHER, "bytes", 5));
            agree(c, "flows deleted");
        }
    }

    @Test
    void removingASourceRemovesItsLists() throws Exception {
        List<Flow> flows = flows(new Random(5), 3000, 100, 2, 3);
        Path dir = store(flows, 20, Duration.ZERO, 300);
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            c.setAutoCommit(false);
            SourceRemoval.deleteRows(c, "src1");
            c.commit();
            c.setAutoCommit(true);
            assertEquals(0, count(c, "SELECT count(*) FROM talker_parts WHERE source_id = (SELECT source_id FROM sources WHERE source = 'src1')"));
            assertNotNull(TalkerTop.run(c, Long.MIN_VALUE, Long.MAX_VALUE, TalkerTop.Sides.ORIGINATOR, "flows", 1));
            agree(c, "src1 removed");
        }
    }

    /** Per source and hour, the lists of each side count every flow once (cut hosts included), however they were merged. */
    static void assertEveryFlowListedOnEachSide(Connection c) throws Exception {
        String flows = "SELECT source_id, " + Talkers.hourSql("ts_ns") + " AS hour_ns, count(*) AS n FROM all_flow_rows GROUP BY ALL";
        for (String sides : new String[] {"0, 2", "1, 2"}) {
            assertEquals(List.of(), rows(c, "SELECT * FROM (" + flows + ") f FULL JOIN (SELECT source_id, hour_ns, sum(flows_total) AS n "
                    + "FROM talker_parts WHERE side IN (" + sides + ") GROUP BY ALL) l USING (source_id, hour_ns) "
                    + "WHERE f.n IS DISTINCT FROM l.n"), "sides " + sides);
        }
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<List<Object>> rows(Connection c, String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                out.add(row);
            }
        }
        return out;
    }
}
