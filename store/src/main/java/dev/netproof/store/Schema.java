package dev.netproof.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The DuckDB tables of the embedded store.
 *
 * <h2>flows</h2> One row per {@code Flow}; column names are Zeek's conn.log names with {@code id.}
 * dropped. Addresses are kept twice: as text ({@code orig_h}) for display and as two BIGINT halves
 * ({@code orig_ip_hi}, {@code orig_ip_lo}) of the 128-bit address (IPv4 mapped to {@code ::ffff:0:0/96})
 * with the sign bit flipped ({@code stored = unsigned ^ 0x8000000000000000}) so that signed SQL
 * ordering equals unsigned address ordering and a CIDR block is a range on those columns.
 * {@code vlan}/{@code inner_vlan} are NULL when the packet had no tag.
 *
 * <h2>quality</h2> The ledger: counts per source, capture second, stage and metric. Several rows
 * may share a key (one per flushed batch); readers sum them.
 *
 * <h2>ingests</h2> One row per ingested file run: what was read, for the idempotency and summaries.
 */
public final class Schema {
    private Schema() {}

    public static final long SIGN_FLIP = 0x8000_0000_0000_0000L;

    /** Column order of {@code flows}; the appender writes in this order. */
    public static final List<String> FLOW_COLUMNS = List.of(
            "ts_ns", "ts", "uid", "orig_h", "orig_p", "resp_h", "resp_p", "proto", "ip_proto",
            "duration", "orig_bytes", "resp_bytes", "conn_state", "history", "orig_pkts", "orig_ip_bytes",
            "resp_pkts", "resp_ip_bytes", "vlan", "inner_vlan", "community_id", "close_reason", "source",
            "orig_ip_hi", "orig_ip_lo", "resp_ip_hi", "resp_ip_lo");

    public static final String CREATE_FLOWS = """
            CREATE TABLE IF NOT EXISTS flows (
              ts_ns BIGINT NOT NULL,
              ts TIMESTAMP NOT NULL,
              uid VARCHAR NOT NULL,
              orig_h VARCHAR NOT NULL,
              orig_p INTEGER NOT NULL,
              resp_h VARCHAR NOT NULL,
              resp_p INTEGER NOT NULL,
              proto VARCHAR NOT NULL,
              ip_proto INTEGER NOT NULL,
              duration DOUBLE NOT NULL,
              orig_bytes BIGINT NOT NULL,
              resp_bytes BIGINT NOT NULL,
              conn_state VARCHAR NOT NULL,
              history VARCHAR NOT NULL,
              orig_pkts BIGINT NOT NULL,
              orig_ip_bytes BIGINT NOT NULL,
              resp_pkts BIGINT NOT NULL,
              resp_ip_bytes BIGINT NOT NULL,
              vlan INTEGER,
              inner_vlan INTEGER,
              community_id VARCHAR NOT NULL,
              close_reason VARCHAR NOT NULL,
              source VARCHAR NOT NULL,
              orig_ip_hi BIGINT NOT NULL,
              orig_ip_lo BIGINT NOT NULL,
              resp_ip_hi BIGINT NOT NULL,
              resp_ip_lo BIGINT NOT NULL
            )""";

    public static final String CREATE_QUALITY = """
            CREATE TABLE IF NOT EXISTS quality (
              source VARCHAR NOT NULL,
              second BIGINT NOT NULL,
              stage VARCHAR NOT NULL,
              metric VARCHAR NOT NULL,
              value BIGINT NOT NULL
            )""";

    public static final String CREATE_INGESTS = """
            CREATE TABLE IF NOT EXISTS ingests (
              source VARCHAR NOT NULL,
              size_bytes BIGINT NOT NULL,
              started_ns BIGINT NOT NULL,
              finished_ns BIGINT NOT NULL,
              packets BIGINT NOT NULL,
              flows BIGINT NOT NULL,
              status VARCHAR NOT NULL
            )""";

    /** Creates the tables that do not exist yet. Idempotent. */
    public static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_FLOWS);
            s.execute(CREATE_QUALITY);
            s.execute(CREATE_INGESTS);
        }
    }
}
