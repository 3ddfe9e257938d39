package dev.netproof.store.tier;

/**
 * One row of a minute (warm) or hour (cold) rollup: a window, a source, a dimension and a key, with
 * the flows, bytes and packets attributed to it. Several rows may share (window, source, dim, key):
 * one per flush; readers sum them.
 *
 * @param windowNanos the window's start (flows are attributed to the window of their start time)
 * @param key         the dimension's key; null for the window's "other" row (keys past the budget)
 * @param keys        distinct keys the row stands for: 1 for a named row, the HLL estimate for "other"
 * @param hll         the "other" row's distinct keys as a DataSketches HllSketch (compact bytes), which
 *                    rows of the same window union; null for named rows
 * @param bytesError  bytes of this key that may sit in the "other" row (Space-Saving's error: the key was
 *                    admitted in place of one that had this many); 0 for "other" rows
 */
public record RollupRow(long windowNanos, String source, String dim, String key, long flows, long bytes,
                        long packets, long keys, byte[] hll, long bytesError) {}
