/**
 * L2-L4 packet decoding: {@link dev.netproof.decode.PacketDecoder} fills a reused
 * {@link dev.netproof.decode.DecodedPacket} from bytes in a {@link java.lang.foreign.MemorySegment},
 * without copying or allocating. One package per protocol family below this one
 * ({@code link}, {@code ethernet}, {@code ip}, {@code tcp}, {@code udp}, {@code icmp}, {@code tunnel});
 * {@code internal} holds the cursor and bounded reads they share.
 */
package dev.netproof.decode;
