package dev.netproof.query.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a DuckDB store file for queries: read-only, with streamed result sets so that
 * {@link dev.netproof.query.FlowSearch#stream} holds one chunk at a time rather than the whole result.
 *
 * <p>Belongs in {@code store}; kept here until the store offers its own opener.
 */
public final class DuckDbConnections {
    private DuckDbConnections() {}

    public static Connection openReadOnly(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        p.setProperty("jdbc_stream_results", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
    }
}
