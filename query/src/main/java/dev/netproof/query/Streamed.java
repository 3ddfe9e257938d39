package dev.netproof.query;

import java.util.List;
import java.util.Objects;

/**
 * The tail of a streamed answer: rows went to the callback, the rest is here.
 *
 * @param rows    how many rows were delivered
 * @param limited true when more rows matched than the limit let through
 */
public record Streamed(long rows, boolean limited, QualitySummary quality, String sql, List<Object> params) {
    public Streamed {
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }
}
