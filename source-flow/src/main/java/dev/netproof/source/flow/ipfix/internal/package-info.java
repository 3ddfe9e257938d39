/**
 * The template engine behind {@link dev.netproof.source.flow.ipfix.NetFlow9Decoder} and
 * {@link dev.netproof.source.flow.ipfix.IpfixDecoder}. Not an API.
 *
 * <p>{@code Engine} walks a datagram's sets; {@code TemplateReader} reads template sets; {@code Template} is a
 * template compiled once into parallel arrays of field actions (kind, length, element); {@code Fields}
 * maps information elements to kinds; {@code FlowScratch} runs a compiled template over one record
 * into reused fields, which {@code Engine} turns into one {@link dev.netproof.core.model.ExportedFlow}; {@code Session} keeps one exporter's
 * templates, options state and held sets; {@code Sessions} bounds them all.
 *
 * <p>Every read is at an offset checked against the set's end; nothing is sized from the wire except a
 * held set's copy, which is charged against the hold bounds first.
 */
package dev.netproof.source.flow.ipfix.internal;
