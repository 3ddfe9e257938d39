package dev.netproof.store;

import dev.netproof.core.model.Flow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends flows to {@code flow_rows}, and their TCP health to {@code tcp_rows}, through DuckDB's
 * appender, registering each new source in {@code sources}. One instance per connection and thread; {@link #flush()} makes rows visible.
 */
public final class FlowRowsAppender implements AutoCloseable {
    private final Connection conn;
    private final DuckDBAppender app;
    private final DuckDBAppender tcpApp;
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private final long[] events = new long[TcpColumns.EVENT_SLOTS];

    public FlowRowsAppender(Connection conn) throws SQLException {
        this.conn = conn;
        this.app = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "flow_rows");
        this.tcpApp = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tcp_rows");
    }

    /** Appends and flushes {@code flows} on {@code conn}: the synchronous path, for tests and small writes. */
    public static void write(Connection conn, Iterable<Flow> flows) throws SQLException {
        try (FlowRowsAppender a = new FlowRowsAppender(conn)) {
            for (Flow f : flows) a.append(f);
        }
    }

    public void append(Flow f) throws SQLException {
        int sourceId = sourceId(f.source());
        int state = Schema.CONN_STATES.indexOf(f.connState());
        if (state < 0) throw new SQLException("unknown conn_state '" + f.connState() + "' in flow " + f.uid());
        DuckDBAppender a = app;
        a.beginRow();
        a.append(f.tsNanos());
        a.append(f.uid());
        a.append(f.origP());
        a.append(f.respP());
        a.append((short) f.ipProto());
        a.append(f.durationNanos() / 1e9);
        a.append(f.origBytes());
        a.append(f.respBytes());
        a.append((byte) state);
        a.append(f.history());
        a.append(f.origPkts());
        a.append(f.origIpBytes());
        a.append(f.respPkts());
        a.append(f.respIpBytes());
        if (f.vlan() >= 0) a.append(f.vlan()); else a.appendNull();
        if (f.innerVlan() >= 0) a.append(f.innerVlan()); else a.appendNull();
        a.append(f.communityId());
        a.append((byte) f.closeReason().ordinal());
        a.append(sourceId);
        a.append(f.origH().hi() ^ Schema.SIGN_FLIP);
        a.append(f.origH().lo() ^ Schema.SIGN_FLIP);
        a.append(f.respH().hi() ^ Schema.SIGN_FLIP);
        a.append(f.respH().lo() ^ Schema.SIGN_FLIP);
        if (f.origH().isV4()) a.appendNull(); else a.append(f.origH().toString());
        if (f.respH().isV4()) a.appendNull(); else a.append(f.respH().toString());
        a.endRow();
        if (f.tcp() != null) {
            DuckDBAppender t = tcpApp;
            t.beginRow();
            t.append(f.tsNanos());
            t.append(f.uid());
            t.append(sourceId);
            TcpColumns.append(t, f.tcp(), events);
            t.endRow();
        }
    }

    private int sourceId(String source) throws SQLException {
        Integer id = sourceIds.get(source);
        if (id != null) return id;
        try (PreparedStatement find = conn.prepareStatement("SELECT source_id FROM sources WHERE source = ?")) {
            find.setString(1, source);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) id = rs.getInt(1);
            }
        }
        if (id == null) {
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(source_id), 0) + 1 FROM sources")) {
                rs.next();
                id = rs.getInt(1);
            }
            try (PreparedStatement ins = conn.prepareStatement("INSERT INTO sources VALUES (?, ?)")) {
                ins.setInt(1, id);
                ins.setString(2, source);
                ins.executeUpdate();
            }
        }
        sourceIds.put(source, id);
        return id;
    }

    public void flush() throws SQLException {
        app.flush();
        tcpApp.flush();
    }

    @Override
    public void close() throws SQLException {
        try {
            app.close();
        } finally {
            tcpApp.close();
        }
    }
}
