package dev.netproof.store.internal;

import java.util.Objects;

/**
 * A time bucket of one source: the key of the writer's per-second, per-minute and per-window maps ({@code start} in
 * nanoseconds since the epoch).
 *
 * <p>{@code equals} and {@code hashCode} are written out: a record's generated ones are method-handle chains that C2
 * may leave as calls, one compiled lambda form after another (docs/internals.md, "JIT cost on short runs").
 */
public record SourceTime(long start, String source) {
    public SourceTime {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public int hashCode() {
        return Long.hashCode(start) * 31 + source.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceTime t && t.start == start && t.source.equals(source);
    }
}
