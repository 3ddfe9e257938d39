package dev.netproof.packetstore;

import java.nio.file.Path;

/**
 * Settings of the packet store.
 *
 * @param segmentBytes a segment is closed before it would exceed this size (64 MiB by default: big enough
 *                     that per-object costs vanish, small enough to evict in fine steps and upload quickly)
 * @param segmentNanos ... or when capture time has moved this far past its first packet (60 s), so that a
 *                     time-bounded extraction reads little beyond its range even on a quiet link
 * @param budgetBytes  segments and indexes together stay under this; the oldest go first
 * @param snap         how much of each packet to keep
 * @param spoolDir     where a segment is written while open (for the local object store: beside the
 *                     objects, so that handing it over is a rename)
 * @param reserveBytes free space the packet store leaves on the spool's disk (1 GiB by default): packets yield
 *                     to the flow store, whose writes fail on a full disk; what is not stored for it is counted
 *                     ({@code packets_no_space})
 */
public record PacketStoreConfig(long segmentBytes, long segmentNanos, long budgetBytes, SnapRules snap, Path spoolDir,
                                long reserveBytes) {
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_SEGMENT_NANOS = 60_000_000_000L;
    /** 20 GiB: a fixed figure rather than a share of free disk, so the store's size does not change with what else fills the disk. */
    public static final long DEFAULT_BUDGET_BYTES = 20L << 30;
    public static final long MIN_SEGMENT_BYTES = 64L << 10;
    public static final long DEFAULT_RESERVE_BYTES = 1L << 30;

    public PacketStoreConfig {
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > (1L << 30)) {
            throw new IllegalArgumentException("segment size must be 64 KiB to 1 GiB, got " + segmentBytes + " bytes");
        }
        if (segmentNanos < 1_000_000L) throw new IllegalArgumentException("segment time must be at least 1 ms");
        if (budgetBytes < segmentBytes) {
            throw new IllegalArgumentException("packet budget (" + budgetBytes + " bytes) is smaller than one segment (" + segmentBytes + " bytes)");
        }
        if (snap == null) snap = SnapRules.ALL;
        if (reserveBytes < 0) throw new IllegalArgumentException("disk reserve must not be negative");
    }

    public static PacketStoreConfig defaults(Path spoolDir) {
        return new PacketStoreConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_SEGMENT_NANOS, DEFAULT_BUDGET_BYTES, SnapRules.ALL, spoolDir,
                DEFAULT_RESERVE_BYTES);
    }

    public PacketStoreConfig withSegment(long bytes, long nanos) {
        return new PacketStoreConfig(bytes, nanos, budgetBytes, snap, spoolDir, reserveBytes);
    }

    public PacketStoreConfig withBudget(long bytes) {
        return new PacketStoreConfig(segmentBytes, segmentNanos, bytes, snap, spoolDir, reserveBytes);
    }

    public PacketStoreConfig withReserve(long bytes) {
        return new PacketStoreConfig(segmentBytes, segmentNanos, budgetBytes, snap, spoolDir, bytes);
    }

    public PacketStoreConfig withSpool(Path dir) {
        return new PacketStoreConfig(segmentBytes, segmentNanos, budgetBytes, snap, dir, reserveBytes);
    }

    public PacketStoreConfig withSnap(SnapRules rules) {
        return new PacketStoreConfig(segmentBytes, segmentNanos, budgetBytes, rules, spoolDir, reserveBytes);
    }
}
