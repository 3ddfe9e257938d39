package dev.netproof.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The embedded store: one DuckDB database file in the data directory ({@code DIR/netproof.duckdb}).
 *
 * <p>DuckDB lets one process open a database file for writing; within the process, each thread
 * takes its own connection from {@link #connect()}. {@link #open} creates the directory and tables
 * if needed. Close the store after every connection taken from it.
 */
public final class Store implements AutoCloseable {
    public static final String FILE_NAME = "netproof.duckdb";

    private final Path dir;
    private final Connection root;

    private Store(Path dir, Connection root) {
        this.dir = dir;
        this.root = root;
    }

    /**
     * Opens (creating if needed) the store in {@code dir}.
     *
     * @throws StoreException with a one-line message when the directory cannot be made or the
     *                        database cannot be opened (e.g. another netproof process holds it)
     */
    /**
     * FSST (DuckDB's string compressor) is off: our strings are either random-looking (uid, Community
     * ID: FSST finds nothing to gain) or short and repetitive (history: dictionary compression takes
     * them), and FSST's analysis was a third of the store writer's time for 313,000 flows.
     */
    static void tune(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET disabled_compression_methods = 'fsst'");
        }
    }

    public static Store open(Path dir) throws StoreException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + withHint(e.getMessage()), e);
        }
        Path db = dir.resolve(FILE_NAME);
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
            tune(c);
            Schema.create(c);
            dev.netproof.store.tier.HotFiles.open(c);
            return new Store(dir, c);
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + db + ": " + withHint(firstLine(e.getMessage())), e);
        }
    }

    /** Opens an in-memory store (tests and dry runs). */
    public static Store inMemory() throws StoreException {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            Schema.create(c);
            return new Store(null, c);
        } catch (SQLException e) {
            throw new StoreException("cannot open in-memory store: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Caps DuckDB's worker threads for this database. A statement's pipeline runs on those workers
     * while the calling thread polls for the result, so an ingest's inserts, run on two threads of a
     * machine whose other core reads packets, cost both cores: the bench capture's store time went
     * from 5.4-5.7 s to 4.0-4.3 s with one thread. Queries of a big store want them all: set this
     * only in processes that mainly write.
     */
    public void useThreads(int n) throws StoreException {
        try (java.sql.Statement s = root.createStatement()) {
            s.execute("SET threads = " + Math.max(1, n));
        } catch (SQLException e) {
            throw new StoreException("cannot set the store's threads: " + firstLine(e.getMessage()), e);
        }
    }

    /** A new connection to the same database, for one thread. */
    public Connection connect() throws SQLException {
        return ((org.duckdb.DuckDBConnection) root).duplicate();
    }

    public Path dir() {
        return dir;
    }

    /**
     * The message of an I/O failure the user can fix, with what it means for the store: DuckDB's
     * errors name the system call's error (ENOSPC, EROFS) only in their text.
     */
    static String withHint(String message) {
        if (message == null) return "unknown error";
        if (message.contains("No space left on device") || message.contains("Disk full")) {
            return message + " (the disk holding the store is full; what was committed before is kept, "
                    + "and ingesting the file again removes its partial rows first)";
        }
        if (message.contains("Read-only file system")) return message + " (the data directory is read-only)";
        return message;
    }

    static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() throws StoreException {
        try {
            root.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close store: " + firstLine(e.getMessage()), e);
        }
    }
}
