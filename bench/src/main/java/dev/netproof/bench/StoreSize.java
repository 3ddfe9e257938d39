package dev.netproof.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Bytes on disk per row of each named table of a store, for {@code bench/storage.sh}: each table is copied
 * alone into a fresh DuckDB file (with the store's own settings: FSST off), checkpointed, and the file's
 * used blocks (256 KiB each) divided by its rows. One table per file, so no table is charged for another's
 * blocks; the last block of each is counted whole, which overstates small tables. Prints
 * {@code TABLE rows=N bytes=B bytes_per_row=X ...}. Rows the hot tier keeps in Parquet files ({@code hot_files}) count
 * with the files' bytes on disk (the table's one block is not counted when the table is empty). Needs the DuckDB
 * driver on the class path.
 */
public final class StoreSize {
    private StoreSize() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0], "netproof.duckdb").toAbsolutePath();
        Path work = Files.createTempDirectory("netproof-size");
        for (String table : List.of(args).subList(1, args.length)) {
            Path copy = work.resolve(table + ".duckdb");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + copy); Statement s = c.createStatement()) {
                s.execute("SET disabled_compression_methods = 'fsst'");
                s.execute("ATTACH '" + store + "' AS src (READ_ONLY)");
                s.execute("CREATE TABLE t AS SELECT * FROM src." + table);
                s.execute("DETACH src");
                s.execute("CHECKPOINT");
                long rows;
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                    r.next();
                    rows = r.getLong(1);
                }
                long blocks;
                try (ResultSet r = s.executeQuery("SELECT used_blocks * block_size FROM pragma_database_size()")) {
                    r.next();
                    blocks = r.getLong(1);
                }
                // rows in the hot tier's files (tier.HotFiles): their bytes as they lie on disk
                long fileRows = 0, fileBytes = 0, files = 0;
                s.execute("ATTACH '" + store + "' AS src (READ_ONLY)");
                try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(row_count), 0), coalesce(sum(bytes), 0) "
                        + "FROM src.hot_files WHERE tbl = '" + table + "'")) {
                    r.next();
                    files = r.getLong(1);
                    fileRows = r.getLong(2);
                    fileBytes = r.getLong(3);
                } catch (java.sql.SQLException e) {
                    // a store from before hot files
                }
                s.execute("DETACH src");
                long bytes = (rows == 0 ? 0 : blocks) + fileBytes;
                rows += fileRows;
                System.out.printf(java.util.Locale.ROOT, "%s rows=%d bytes=%d bytes_per_row=%.1f files=%d file_rows=%d file_bytes=%d%n",
                        table, rows, bytes, rows == 0 ? 0.0 : (double) bytes / rows, files, fileRows, fileBytes);
            }
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + ".wal"));
        }
        Files.deleteIfExists(work);
    }
}
