/**
 * The filter expression language over Zeek conn.log field names ({@code FILTER.md}): parse with
 * {@link dev.netproof.query.filter.Filter#parse}, translate with
 * {@link dev.netproof.query.filter.Filter#toSql} into a {@link dev.netproof.query.filter.SqlFragment}
 * whose values are all {@code ?} parameters. Fields are declared in
 * {@link dev.netproof.query.filter.FieldRegistry}, one line each.
 */
package dev.netproof.query.filter;
