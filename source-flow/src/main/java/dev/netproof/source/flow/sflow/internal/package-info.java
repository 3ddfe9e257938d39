/**
 * Readers behind {@link dev.netproof.source.flow.sflow.SflowDecoder}: one per sample kind
 * ({@code FlowSamples}, {@code CounterSamples}), the record list they share ({@code Records}), the
 * flow records ({@code RawHeader}, {@code FlowRecords}) filling a reused {@code FlowScratch}, the
 * per-data-source sequence follower ({@code SampleSequences}) and big-endian reads ({@code Xdr}).
 * Every reader is handed {@code [p, end)} bounds already checked against the datagram and checks its
 * own fixed part against them before reading.
 */
package dev.netproof.source.flow.sflow.internal;
