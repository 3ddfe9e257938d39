package dev.netproof.flow.stream;

import java.lang.foreign.MemorySegment;

/**
 * Receives one TCP connection's payload, reassembled into each direction's byte stream: what an
 * application-layer analyzer (DNS over TCP, TLS, HTTP) sees instead of packets.
 *
 * <p>Calls come from one thread, in capture order. For each direction, {@link #data} calls carry
 * consecutive bytes; a {@link #gap} says bytes were lost between two of them (never captured, or more
 * out of order than the reassembly buffer holds), and the next {@code data} continues after the hole.
 * After {@link #end} no more calls come. An analyzer bounds its own buffering; it never throws.
 */
public interface StreamConsumer {
    /**
     * {@code length} consecutive bytes of one direction at {@code data[offset..]}, valid only during the
     * call (copy what must outlive it).
     *
     * @param fromOrig true for bytes the originator sent, false for the responder's
     * @param tsNanos  capture time of the packet that completed these bytes
     */
    void data(boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos);

    /** {@code bytes} of one direction are missing before the next {@link #data} call ({@code -1}: unknown). */
    void gap(boolean fromOrig, long bytes, long tsNanos);

    /** The connection is over (closed, timed out, evicted, or the input ended). */
    void end(long tsNanos);

    /**
     * Whether this analyzer has learnt all it will from the connection (a TLS handshake seen through,
     * both directions given up): the reassembly then ends it at once and stops following the
     * connection, so the rest of a long transfer costs nothing. False by default.
     */
    default boolean done() {
        return false;
    }
}
