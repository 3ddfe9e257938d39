package dev.netproof.query.tier;

/**
 * A piece of an asked time range and the tier that answers it: {@code hot}, {@code warm}, {@code cold}, or
 * {@code none} when no tier holds it at the asked resolution (removed by retention, never stored, or finer
 * than what remains).
 */
public record TierPart(String tier, long fromNanos, long toNanos) {
    public static final String NONE = "none";
}
