package dev.netproof.store.tier;

/**
 * What one tier holds: windows from {@code oldestNanos} (the oldest window's start) to {@code endNanos} (the
 * newest window's end). Both are {@link Long#MIN_VALUE} when the tier is empty.
 *
 * @param resolutionNanos the tier's window: 1 s (hot's series; its flows are finer), 1 min, 1 h
 */
public record TierSpan(Tier tier, long oldestNanos, long endNanos, long resolutionNanos) {
    public enum Tier {
        HOT, WARM, COLD;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isEmpty() {
        return oldestNanos == Long.MIN_VALUE;
    }
}
