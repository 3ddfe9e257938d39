package dev.netproof.query;

import dev.netproof.query.filter.FilterException;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.filter.internal.Literals;
import java.time.Instant;

/**
 * A half-open interval {@code [from, to)} of capture time in nanoseconds since the Unix epoch.
 * {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} mean "open" on that side.
 */
public record TimeRange(long fromNanos, long toNanos) {

    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    private static final long NS = 1_000_000_000L;

    public TimeRange {
        if (fromNanos > toNanos) {
            throw new QueryException("time range: from (" + fromNanos + " ns) is after to (" + toNanos + " ns)");
        }
    }

    /** Either bound may be null (open). */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from == null ? Long.MIN_VALUE : nanos(from), to == null ? Long.MAX_VALUE : nanos(to));
    }

    /**
     * From text as the filter's time literals: RFC 3339 ({@code 2011-03-18T19:06:08Z}), a date, or
     * epoch seconds with a fraction. Null or blank means open.
     *
     * @throws QueryException naming the text that is not a time
     */
    public static TimeRange parse(String from, String to) {
        return new TimeRange(parseBound(from, "from", Long.MIN_VALUE), parseBound(to, "to", Long.MAX_VALUE));
    }

    private static long parseBound(String text, String which, long open) {
        if (text == null || text.isBlank()) return open;
        try {
            return Literals.timeNanos(text);
        } catch (FilterException e) {
            throw new QueryException("time range: " + which + " '" + text
                    + "' is not a time (expected RFC 3339 like 2011-03-18T19:06:08Z or epoch seconds)");
        }
    }

    public boolean hasFrom() {
        return fromNanos != Long.MIN_VALUE;
    }

    public boolean hasTo() {
        return toNanos != Long.MAX_VALUE;
    }

    /** {@code column >= ? AND column < ?} on a nanosecond column, only the bounds that are set. */
    public SqlFragment toSql(String column) {
        return bounds(column, fromNanos, toNanos);
    }

    /** The same range on a column of epoch seconds, widened to whole seconds that overlap it. */
    public SqlFragment toSecondsSql(String column) {
        long from = hasFrom() ? Math.floorDiv(fromNanos, NS) : Long.MIN_VALUE;
        long to = hasTo() ? Math.ceilDiv(toNanos, NS) : Long.MAX_VALUE;
        return bounds(column, from, to);
    }

    private SqlFragment bounds(String column, long from, long to) {
        if (hasFrom() && hasTo()) return SqlFragment.of("(" + column + " >= ? AND " + column + " < ?)", from, to);
        if (hasFrom()) return SqlFragment.of(column + " >= ?", from);
        if (hasTo()) return SqlFragment.of(column + " < ?", to);
        return SqlFragment.TRUE;
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NS), t.getNano());
    }
}
