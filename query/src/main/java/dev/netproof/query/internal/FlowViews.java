package dev.netproof.query.internal;

/** Which view of the flows a statement reads. */
public final class FlowViews {
    private FlowViews() {}

    /**
     * {@code flows} when {@code trustedSql} (registry SQL and the filter's translation) reads a TCP health
     * column, else {@code flows_core}, the same rows without the join with {@code tcp_rows}, which DuckDB
     * keeps in a query that does not read its columns. Every TCP health field's registry SQL names a
     * {@code tcp_} column.
     */
    public static String forSql(String trustedSql) {
        return trustedSql.contains("tcp_") ? "flows" : "flows_core";
    }
}
