package dev.netproof.query;

import java.util.List;
import java.util.Objects;

/**
 * What every query returns: the rows, whether the limit cut them short, how complete the data
 * behind them is, and the SQL that produced them (for transparency; values are in {@code params}).
 *
 * @param rows    the result rows, in answer order
 * @param limited true when more rows matched than the limit let through
 * @param quality completeness of the data over the answer's range and sources
 * @param sql     the main statement, with {@code ?} placeholders
 * @param params  the placeholder values, in order
 */
public record Answer<T>(List<T> rows, boolean limited, QualitySummary quality, String sql, List<Object> params) {
    public Answer {
        rows = List.copyOf(rows);
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }
}
