package dev.netproof.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

class TableFeedTest {
    record Item(long id, String name, int small, double score) {}

    private static final List<TableFeed.Column<Item>> COLUMNS = List.of(
            TableFeed.bigint("id", Item::id),
            TableFeed.varchar("name", Item::name),
            TableFeed.integerOrNull("small", Item::small),
            TableFeed.dbl("score", Item::score));

    private static Connection db() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT, name VARCHAR, small INTEGER, score DOUBLE, extra INTEGER DEFAULT 7)");
        }
        return c;
    }

    private static List<Item> items(int n, int from) {
        List<Item> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String name = i % 5 == 0 ? null : i % 7 == 0 ? "" : "n" + i + (i % 3 == 0 ? "-ünïcode-and-long-enough" : "");
            out.add(new Item(i, name, i % 4 == 0 ? -1 : i, i / 8.0));
        }
        return out;
    }

    @Test
    void everyRowAndValueArrivesAcrossSeveralChunksAndBatches() throws SQLException {
        try (Connection c = db()) {
            TableFeed<Item> feed = new TableFeed<>(c, "t", COLUMNS, null);
            List<Item> first = items(5000, 0); // 2048 + 2048 + 904: three chunks
            List<Item> second = items(3, 5000);
            feed.insert(c, first);
            feed.insert(c, second);
            feed.insert(c, List.of());
            List<Item> all = new ArrayList<>(first);
            all.addAll(second);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, small, score, extra FROM t ORDER BY id")) {
                for (Item want : all) {
                    assertTrue(rs.next(), "row " + want.id());
                    assertEquals(want.id(), rs.getLong(1));
                    assertEquals(want.name(), rs.getString(2), "name of " + want.id());
                    if (want.small() < 0) {
                        rs.getInt(3);
                        assertTrue(rs.wasNull(), "NULL small for " + want.id());
                    } else {
                        assertEquals(want.small(), rs.getInt(3));
                    }
                    assertEquals(want.score(), rs.getDouble(4));
                    assertEquals(7, rs.getInt(5), "columns the feed does not name get their default");
                }
                assertTrue(!rs.next(), "no extra rows");
            }
        }
    }

    @Test
    void twoFeedsOfOneTableOnTwoConnectionsDoNotMix() throws SQLException {
        try (Connection root = db(); Connection c1 = ((DuckDBConnection) root).duplicate();
             Connection c2 = ((DuckDBConnection) root).duplicate()) {
            TableFeed<Item> a = new TableFeed<>(c1, "t", COLUMNS, null);
            TableFeed<Item> b = new TableFeed<>(c2, "t", COLUMNS, null);
            a.insert(c1, items(10, 0));
            b.insert(c2, items(20, 100));
            try (Statement s = root.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), sum(id), count(name) FROM t")) {
                rs.next();
                assertEquals(30, rs.getLong(1));
                assertEquals(45 + (100 + 119) * 20 / 2, rs.getLong(2));
                assertEquals(10 - 2 + 20 - 4, rs.getLong(3), "NULL names stay NULL");
            }
        }
    }

    @Test
    void theSelectListCanCastWhatTheFunctionReturns() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE l (id BIGINT, v BIGINT[3])");
            }
            record L(long id, String v) {}
            TableFeed<L> feed = new TableFeed<>(c, "l",
                    List.of(TableFeed.bigint("id", L::id), TableFeed.varchar("v", L::v)), "id, v::BIGINT[3]");
            feed.insert(c, List.of(new L(1, "[1,2,3]"), new L(2, null)));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v[3], v IS NULL FROM l ORDER BY id")) {
                rs.next();
                assertEquals(3, rs.getLong(1));
                rs.next();
                assertTrue(rs.getBoolean(2));
            }
        }
    }

    @Test
    void aFailingValueFailsTheInsertWithItsMessageAndInsertsNothing() throws SQLException {
        try (Connection c = db()) {
            TableFeed<Item> feed = new TableFeed<>(c, "t", List.of(
                    TableFeed.bigint("id", i -> {
                        if (i.id() == 3000) throw new IllegalStateException("bad row 3000");
                        return i.id();
                    })), null);
            SQLException e = assertThrows(SQLException.class, () -> feed.insert(c, items(4000, 0)));
            assertTrue(e.getMessage().contains("bad row 3000"), e.getMessage());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the statement is atomic");
            }
            feed.insert(c, items(2, 0));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), max(name) FROM t")) {
                rs.next();
                assertEquals(2, rs.getLong(1), "the feed works again after a failure");
                assertNull(rs.getString(2));
            }
        }
    }
}
