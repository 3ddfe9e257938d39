/**
 * Queries over the embedded store: {@link dev.netproof.query.FlowSearch} (flows matching a filter),
 * {@link dev.netproof.query.TopQuery} (top-N groups by bytes, packets or flows) and
 * {@link dev.netproof.query.QualityQuery} (the ledger). Each returns an {@link dev.netproof.query.Answer}
 * carrying a {@link dev.netproof.query.QualitySummary}: every answer says how complete it is.
 *
 * <p>All take a caller-owned {@link java.sql.Connection}; statements are parameterised, and only
 * registry SQL (never user text) enters them.
 */
package dev.netproof.query;
