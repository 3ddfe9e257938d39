package dev.netproof.store.talker;


/**
 * The talker tables, part of the hot tier.
 *
 * <h2>talkers</h2> One row per host of a <em>list</em>: a part of one source's flows started in one hour, seen
 * from one side. {@code side} 0 counts the flows a host originated to another host, 1 the flows it answered,
 * 2 the flows from a host to itself (so that "either side" adds 0, 1 and 2 and counts such a flow once, as
 * the flows view does). Addresses are stored as {@code flow_rows} stores them (sign-flipped halves). Each
 * row carries its rank in its list by each metric (1 = largest; ties by address), which is what lets a
 * top-N stop reading early (Fagin's threshold algorithm: a host not among a list's first M has at most the
 * M-th value there).
 *
 * <h2>talker_parts</h2> One row per list: how many hosts it had, whether it was cut to its heavy hitters
 * ({@code truncated}: only hosts ranked within {@link Talkers#KEEP} by some metric are kept; {@code bound_*} is
 * then the value at rank {@code KEEP + 1}, which no dropped host exceeds), and how many flows it counts in
 * total ({@code flows_total}, dropped hosts included), which a query checks against the flows it replaces.
 */
public final class TalkerSchema {
    private TalkerSchema() {}

    public static final String CREATE_TALKERS = """
            CREATE TABLE IF NOT EXISTS talkers (
              source_id INTEGER NOT NULL,
              hour_ns BIGINT NOT NULL,
              part BIGINT NOT NULL,
              side TINYINT NOT NULL,
              hi BIGINT NOT NULL,
              lo BIGINT NOT NULL,
              bytes BIGINT NOT NULL,
              packets BIGINT NOT NULL,
              flows BIGINT NOT NULL,
              rank_bytes INTEGER NOT NULL,
              rank_packets INTEGER NOT NULL,
              rank_flows INTEGER NOT NULL
            )""";

    public static final String CREATE_TALKER_PARTS = """
            CREATE TABLE IF NOT EXISTS talker_parts (
              source_id INTEGER NOT NULL,
              hour_ns BIGINT NOT NULL,
              part BIGINT NOT NULL,
              side TINYINT NOT NULL,
              truncated BOOLEAN NOT NULL,
              hosts BIGINT NOT NULL,
              kept BIGINT NOT NULL,
              flows_total BIGINT NOT NULL,
              bound_bytes BIGINT NOT NULL,
              bound_packets BIGINT NOT NULL,
              bound_flows BIGINT NOT NULL
            )""";

    /** What {@code Schema.create} runs for the talker lists, in order. */
    public static final java.util.List<String> STATEMENTS = java.util.List.of(CREATE_TALKERS, CREATE_TALKER_PARTS);
}
