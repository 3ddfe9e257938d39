package dev.netproof.store.tier;


/**
 * The tiers' DuckDB tables. Both hold partial rows (one per flush and key); readers sum rows of the same key.
 *
 * <h2>traffic_seconds</h2> Hot: flows, bytes and packets per source and second of flow start.
 * <h2>traffic_minutes</h2> Warm: per source, minute, dimension and key; {@code dim = 'total'} rows carry the
 * minute's totals; {@code key} NULL is the "other" row, whose {@code hll} (a DataSketches HllSketch) unions
 * with the other rows of the same minute and dimension. The cold tier has the same columns per hour, in
 * Parquet files ({@link ColdFiles}).
 * <h2>rollup_dims</h2> Each dimension's fields ({@code id.resp_h+id.resp_p}) and budget.
 * <h2>tier_cuts</h2> Per tier, the time before which retention removed everything.
 */
public final class TierSchema {
    private TierSchema() {}

    public static final String CREATE_TRAFFIC_SECONDS = """
            CREATE TABLE IF NOT EXISTS traffic_seconds (
              second_ns BIGINT NOT NULL,
              source VARCHAR NOT NULL,
              flows BIGINT NOT NULL,
              bytes BIGINT NOT NULL,
              packets BIGINT NOT NULL
            )""";

    public static final String CREATE_TRAFFIC_MINUTES = """
            CREATE TABLE IF NOT EXISTS traffic_minutes (
              minute_ns BIGINT NOT NULL,
              source VARCHAR NOT NULL,
              dim VARCHAR NOT NULL,
              key VARCHAR,
              flows BIGINT NOT NULL,
              bytes BIGINT NOT NULL,
              packets BIGINT NOT NULL,
              keys BIGINT NOT NULL,
              hll BLOB,
              bytes_error BIGINT NOT NULL
            )""";

    /** Where retention last cut each tier: the tier holds everything from there on (see {@code TierCoverage}). */
    public static final String CREATE_TIER_CUTS =
            "CREATE TABLE IF NOT EXISTS tier_cuts (tier VARCHAR PRIMARY KEY, cut_ns BIGINT NOT NULL)";

    /** The dimensions rolled up so far (the latest definition of each name), for queries to map fields to a dimension. */
    public static final String CREATE_ROLLUP_DIMS =
            "CREATE TABLE IF NOT EXISTS rollup_dims (dim VARCHAR PRIMARY KEY, fields VARCHAR NOT NULL, budget INTEGER NOT NULL)";

    /** What {@code Schema.create} runs for the tiers, in order. */
    public static final java.util.List<String> STATEMENTS = java.util.List.of(
            CREATE_ROLLUP_DIMS, CREATE_TRAFFIC_SECONDS, CREATE_TRAFFIC_MINUTES, CREATE_TIER_CUTS);
}
