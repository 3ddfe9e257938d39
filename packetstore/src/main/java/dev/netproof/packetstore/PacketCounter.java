package dev.netproof.packetstore;

/** The packet store's ledger metrics (stage {@code packets}); every packet not stored whole moves one. */
public enum PacketCounter {
    /** Packets in segments that reached the object store. */
    PACKETS_STORED,
    /** Bytes of those packets as stored (after snap rules). */
    BYTES_STORED,
    /** Packets stored shorter than captured by a snap rule (their original length is kept). */
    PACKETS_SNAPPED,
    /** Captured bytes left out by snap rules. */
    BYTES_SNAPPED,
    /** Packets not stored: larger than a write buffer. */
    PACKETS_TOO_BIG,
    /** Packets not stored: their segment could not be written or uploaded. */
    PACKETS_WRITE_ERROR,
    /** Packets not stored: the spool's disk was down to the free space the packet store leaves to the flow store. */
    PACKETS_NO_SPACE,
    SEGMENTS_WRITTEN,
    /** Segments (and packets, bytes) deleted to keep the store under its byte budget, oldest first. */
    SEGMENTS_EVICTED,
    PACKETS_EVICTED,
    BYTES_EVICTED
}
