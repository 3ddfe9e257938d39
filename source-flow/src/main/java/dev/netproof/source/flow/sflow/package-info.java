/**
 * sFlow v5: {@link dev.netproof.source.flow.sflow.SflowDecoder} turns an agent's datagrams into a
 * header, one {@link dev.netproof.core.model.ExportedFlow} per flow sample (the sampled packet header
 * decoded by the capture path's {@link dev.netproof.decode.PacketDecoder}) and interface counters as
 * {@link dev.netproof.core.model.Sample}s. {@link dev.netproof.source.flow.sflow.SflowMetric} names what
 * is counted, bad input included; {@link dev.netproof.source.flow.sflow.SflowConfig} its settings.
 * Readers of samples and records are in {@code internal}.
 */
package dev.netproof.source.flow.sflow;
