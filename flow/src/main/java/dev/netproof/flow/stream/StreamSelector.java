package dev.netproof.flow.stream;

import java.lang.foreign.MemorySegment;

/**
 * Picks the analyzer of a TCP connection from its first payload (by port, or by what the bytes look
 * like, so that a protocol is found on any port).
 */
@FunctionalInterface
public interface StreamSelector {
    /**
     * @param c        the connection: its ports at once, its {@link ConnectionId} on request (making its
     *                 uid costs more than most decisions, and most connections are declined)
     * @param fromOrig whether the first payload came from the originator (a client speaking first) or the
     *                 responder (a server's banner)
     * @param data     the first payload, {@code length} bytes at {@code offset}, valid only during the call
     * @return the consumer of the connection's streams, or null to leave the connection alone
     */
    StreamConsumer select(Candidate c, boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos);

    /** The connection a selector looks at; valid only during {@link #select}. */
    interface Candidate {
        int origP();

        int respP();

        ConnectionId id();
    }
}
