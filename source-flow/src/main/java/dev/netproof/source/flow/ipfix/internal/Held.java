package dev.netproof.source.flow.ipfix.internal;

/**
 * A data set waiting for its template: a copy of its bytes (the datagram's buffer is not ours to keep)
 * and what its own datagram's header said, so that its records are decoded as if they had been read
 * then. {@code done} is set once it is released or lost; the global queue drops done entries lazily.
 */
final class Held {
    final Session session;
    final int templateId;
    /** Null once done, so that a done entry waiting in the queue keeps no bytes. */
    byte[] body;
    final long receivedNanos;
    final long exportNanos;
    final long uptimeMillis;
    final long datagram;
    final long charge;
    boolean done;

    Held(Session session, int templateId, byte[] body, long receivedNanos, long exportNanos, long uptimeMillis,
         long datagram, long charge) {
        this.session = session;
        this.templateId = templateId;
        this.body = body;
        this.receivedNanos = receivedNanos;
        this.exportNanos = exportNanos;
        this.uptimeMillis = uptimeMillis;
        this.datagram = datagram;
        this.charge = charge;
    }
}
