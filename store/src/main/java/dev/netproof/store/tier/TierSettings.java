package dev.netproof.store.tier;

import java.nio.file.Path;
import java.util.List;

/**
 * What the store writer rolls up: the dimensions, and where the cold tier's files go.
 *
 * @param dimensions the rollup dimensions (may be empty: then the rollups hold only totals)
 * @param dataDir    the data directory whose {@code cold/} gets the hour files; null for no cold tier
 *                   (an in-memory store)
 */
public record TierSettings(List<Dimension> dimensions, Path dataDir) {
    public TierSettings {
        dimensions = List.copyOf(dimensions);
    }

    public static TierSettings defaults(Path dataDir) {
        return new TierSettings(Dimension.defaults(), dataDir);
    }
}
