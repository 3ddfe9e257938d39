package dev.netproof.core.model;

/** Why the flow table emitted a flow row. */
public enum CloseReason {
    /** Both sides sent FIN, or a FIN was acknowledged after the other side's FIN. */
    FIN,
    /** A RST ended the connection. */
    RST,
    /** No packet for the idle timeout. */
    IDLE,
    /** The flow lived longer than the active timeout; a continuation row follows if traffic goes on. */
    ACTIVE,
    /** The table was full and this flow was the one evicted to make room. */
    EVICTED,
    /** The input ended while the flow was still open. */
    END_OF_INPUT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
