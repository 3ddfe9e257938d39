package dev.netproof.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.duckdb.DuckDBColumnType;
import org.junit.jupiter.api.Test;

/** The bulk copy writes what the per-value setters would, NULLs set after it included, across chunks. */
class VectorBulkTest {
    @Test
    void theDriversBuffersAreFound() {
        // when a driver upgrade renames them, the export writer silently falls back to the slow setters: say so here
        assertTrue(VectorBulk.bulk(), "DuckDBWritableVector's data and validity buffers");
    }

    @Test
    void bulkColumnsReadBackWithTheirNulls() throws Exception {
        Random rnd = new Random(3);
        int rows = 5_000; // three chunks of 2048, the last partial
        long[] a = new long[rows + 7];
        int[] b = new int[rows + 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextLong();
            b[i] = rnd.nextInt();
        }
        int offset = 7;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a BIGINT, b INTEGER)");
            TableFeed<Void> feed = new TableFeed<>(c, "t", List.of(new TableFeed.Column<>("a", DuckDBColumnType.BIGINT, null),
                    new TableFeed.Column<>("b", DuckDBColumnType.INTEGER, null)), null);
            feed.insert(c, rows, (from, n, out) -> {
                VectorBulk.longs(out.vector(0), a, offset + from, n);
                VectorBulk.ints(out.vector(1), b, offset + from, n);
                for (int i = 0; i < n; i++) {
                    if ((from + i) % 3 == 0) out.vector(1).setNull(i);
                }
            });
            try (ResultSet rs = s.executeQuery("SELECT count(*), "
                    + "sum(CASE WHEN b IS NULL THEN 1 ELSE 0 END) FROM t")) {
                rs.next();
                assertEquals(rows, rs.getLong(1));
                assertEquals((rows + 2) / 3, rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT a, b FROM t")) {
                int r = 0;
                while (rs.next()) {
                    assertEquals(a[offset + r], rs.getLong(1), "row " + r);
                    int v = rs.getInt(2);
                    if (r % 3 == 0) assertTrue(rs.wasNull(), "row " + r);
                    else assertEquals(b[offset + r], v, "row " + r);
                    r++;
                }
                assertEquals(rows, r);
            }
        }
    }
}
