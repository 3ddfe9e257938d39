/**
 * JMH benchmarks of the hot path and a heap measurement of the flow table.
 *
 * <ul>
 *   <li>{@link dev.netproof.bench.DecoderBenchmark}: {@code PacketDecoder.decode} over a frame mix in one segment.</li>
 *   <li>{@link dev.netproof.bench.FlowTableBenchmark}: {@code FlowTable.accept} over pre-decoded packets.</li>
 *   <li>{@link dev.netproof.bench.PipelineBenchmark}: read + decode + flow table over a pcap file, store excluded.</li>
 *   <li>{@link dev.netproof.bench.FlowMemory}: heap bytes per live flow with a million flows (a plain main).</li>
 *   <li>{@link dev.netproof.bench.ExportDecodeBenchmark}: {@code FlowExports.decode} over NetFlow v9 and IPFIX datagrams, store excluded.</li>
 *   <li>{@link dev.netproof.bench.ExportBlaster}: replays captured NetFlow v9 export datagrams over UDP at a target records/s (a plain main).</li>
 *   <li>{@link dev.netproof.bench.StoreCount}: export_flows rows and ledger totals of a store (a plain main).</li>
 * </ul>
 *
 * Built into {@code bench/target/benchmarks.jar}; {@code bench/run.sh} runs them beside the peer tools, and
 * {@code bench/collect.sh} the flow-export collector beside nfcapd.
 */
package dev.netproof.bench;
