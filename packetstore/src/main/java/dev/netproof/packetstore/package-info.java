/**
 * The packet store: packets as rotating pcapng segments with an index beside each, in an
 * {@link dev.netproof.packetstore.objects.ObjectStore}, under a byte budget, and forensic extraction
 * of a flow's, a host's or a filter's packets back into a capture file.
 *
 * <p>Writing: {@link PacketStore#writer} gives one {@link PacketWriter} per source; its
 * {@link PacketWriter#accept} copies the packet once into a large buffer on the packet thread, and a
 * background thread writes buffers to a spool file and hands finished segments to the object store.
 * Reading: {@link Extraction} picks segments by name (time range), then packets by index entry
 * (flow hash, host hash), then lets a caller's {@link PacketMatcher} check each candidate exactly.
 */
package dev.netproof.packetstore;
