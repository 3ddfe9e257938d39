package dev.netproof.source.flow.sflow;

import dev.netproof.decode.DecoderConfig;
import java.util.Objects;

/**
 * Settings of an {@link SflowDecoder}.
 *
 * @param packets            how sampled packet headers are decoded; the same settings as for captures,
 *                           so that a sampled VXLAN packet gives the same addresses as a captured one
 * @param maxSequenceSources data sources (agent, sub-agent, source id, flow or counter) whose sample
 *                           sequence numbers are followed, 1..1 << 20; a
 *                           fixed table, allocated once. Sources beyond it are counted, not followed
 */
public record SflowConfig(DecoderConfig packets, int maxSequenceSources) {
    public static final SflowConfig DEFAULTS = new SflowConfig(DecoderConfig.DEFAULTS, 4096);

    public SflowConfig {
        Objects.requireNonNull(packets, "packets");
        if (maxSequenceSources < 1 || maxSequenceSources > 1 << 20) {
            throw new IllegalArgumentException("maxSequenceSources must be in [1, 1048576], got " + maxSequenceSources);
        }
    }
}
