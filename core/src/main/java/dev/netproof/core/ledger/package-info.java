/**
 * The quality ledger: every stage counts what it received, emitted and dropped, and why, per
 * source and per second. Nothing leaves the pipeline without a counter moving.
 */
package dev.netproof.core.ledger;
