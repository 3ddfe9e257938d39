package dev.netproof.flow;

/** What the flow stage counts into the quality ledger (stage {@code flow}). */
public enum FlowCounter {
    /** Packets that reached a flow. */
    PACKETS,
    /** Packets with no IP layer or no usable key; counted, not attached to a flow. */
    PACKETS_UNKEYED,
    CREATED,
    /** Emitted after a FIN/RST close. */
    CLOSED,
    /** Emitted after the idle timeout. */
    IDLE,
    /** Emitted by the active timeout (the flow continues in a new row). */
    ACTIVE,
    /** Emitted early because the table was full. */
    EVICTED,
    /** Emitted because the input ended. */
    END_OF_INPUT,
    /** Non-first fragments attached to the flow of their first fragment. */
    FRAGMENTS_ATTRIBUTED,
    /** Non-first fragments whose first fragment was not seen: attached to a port-less flow. */
    FRAGMENTS_UNATTRIBUTED,
    /** Packets whose timestamp went backwards by more than a second (kept, counted). */
    TIME_BACKWARDS
}
