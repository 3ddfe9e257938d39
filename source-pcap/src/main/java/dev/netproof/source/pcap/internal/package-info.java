/**
 * The format loops behind {@link dev.netproof.source.pcap.CaptureReader}: one class per format
 * ({@code PcapLoop}, {@code PcapngLoop}), the pcapng interface table, and the per-read state they
 * share. Not an API: other modules use the parent package.
 *
 * <p>Every offset and length read from a file is checked against the mapped size before use; nothing
 * is allocated per packet, and nothing is ever sized by a value from the file.
 */
package dev.netproof.source.pcap.internal;
