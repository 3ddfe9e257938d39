/**
 * Flow-export sources: NetFlow v5 ({@code netflow5}), NetFlow v9 and IPFIX ({@code ipfix}: v9 is
 * IPFIX's ancestor and shares its template model) and sFlow v5 ({@code sflow}).
 *
 * <p>Every decoder implements {@link dev.netproof.source.flow.ExportDecoder}: it is handed one export
 * datagram (from a UDP socket or from a capture file, the same way) and reports to an
 * {@link dev.netproof.source.flow.ExportSink} the datagram's header ({@link dev.netproof.source.flow.ExportHeader},
 * from which sequence loss and clock offset are tracked), its flow records
 * ({@link dev.netproof.core.model.ExportedFlow}) and its counters ({@link dev.netproof.core.model.Sample}).
 *
 * <p>Units: times are nanoseconds since the Unix epoch; lengths and offsets are bytes. Bad input is a
 * counter in the decoder's {@link dev.netproof.core.ledger.StageCounters}, never an exception, and no
 * allocation is sized from a length read from the wire beyond the datagram itself.
 */
package dev.netproof.source.flow;
