package dev.netproof.query.tier;

import dev.netproof.query.TimeRange;
import dev.netproof.store.tier.TierSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tier answers which part of a range: the finest tier that holds it at the asked step. Hot (flows and
 * the 1-s series) answers from where it starts; warm (minutes) before that; cold (hours) before warm. A
 * boundary between two tiers falls on a window of the coarser one, so no window is counted twice or split;
 * a part no tier can answer at the step is a {@link TierPart#NONE} part.
 *
 * <p>A finer tier counts as holding everything before its first row when the coarser tiers hold nothing
 * older than that row's window (so a fresh store answers from hot alone, whatever {@code --from}).
 */
public final class TierPlan {
    private TierPlan() {}

    static final long SECOND = 1_000_000_000L, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE;

    /**
     * @param spans hot, warm, cold as {@code TierCoverage} reads them
     * @param step  the answer's resolution in nanoseconds (a multiple of a second; 0: any, as for a top-N)
     * @return the parts, oldest first; empty when the store holds nothing
     */
    public static List<TierPart> plan(List<TierSpan> spans, TimeRange range, long step) {
        TierSpan hot = spans.get(0), warm = spans.get(1), cold = spans.get(2);
        long end = Long.MIN_VALUE, oldest = Long.MAX_VALUE;
        for (TierSpan s : spans) {
            if (s.isEmpty()) continue;
            end = Math.max(end, s.endNanos());
            oldest = Math.min(oldest, s.oldestNanos());
        }
        if (end == Long.MIN_VALUE) return List.of();
        long from = range.hasFrom() ? range.fromNanos() : oldest;
        long to = range.hasTo() ? range.toNanos() : end;
        if (from >= to) return List.of();

        long effHot = effective(hot, warm, cold);
        long effWarm = effective(warm, cold, null);
        List<TierPart> parts = new ArrayList<>();
        long cursor = to;
        TierSpan[] tiers = {hot, warm, cold};
        long[] eff = {effHot, effWarm, cold.isEmpty() ? Long.MAX_VALUE : cold.oldestNanos()};
        for (int i = 0; i < 3 && cursor > from; i++) {
            TierSpan t = tiers[i];
            if (t.isEmpty() || (step > 0 && t.resolutionNanos() > step)) continue;
            long start = Math.max(from, eff[i]);
            if (start > from) {
                // the coarser tier answers what is before: start on one of its windows
                long g = Math.max(step, nextResolution(i));
                start = Math.ceilDiv(start, g) * g;
            }
            if (start >= cursor) continue;
            if (i > 0) start = Math.max(from, start);
            parts.add(new TierPart(t.tier().label(), start, cursor));
            cursor = start;
        }
        if (cursor > from) parts.add(new TierPart(TierPart.NONE, from, cursor));
        return List.copyOf(parts.reversed());
    }

    private static long nextResolution(int tier) {
        return tier == 0 ? MINUTE : HOUR;
    }

    /** Where a tier starts; MIN_VALUE when the coarser tiers hold nothing older than its first window. */
    private static long effective(TierSpan t, TierSpan coarser, TierSpan coarsest) {
        if (t.isEmpty()) return Long.MAX_VALUE;
        boolean alone = olderNothing(coarser, t.oldestNanos()) && olderNothing(coarsest, t.oldestNanos());
        return alone ? Long.MIN_VALUE : t.oldestNanos();
    }

    private static boolean olderNothing(TierSpan coarser, long oldest) {
        if (coarser == null || coarser.isEmpty()) return true;
        long w = coarser.resolutionNanos();
        return coarser.oldestNanos() >= Math.floorDiv(oldest, w) * w;
    }

    /** A one-line account: {@code hot 2026-11-26T10:00:00Z..2026-11-26T16:00:00Z; warm ...}. */
    public static String describe(List<TierPart> parts) {
        StringBuilder b = new StringBuilder();
        for (TierPart p : parts) {
            if (!b.isEmpty()) b.append("; ");
            b.append(p.tier()).append(' ').append(time(p.fromNanos())).append("..").append(time(p.toNanos()));
        }
        return b.isEmpty() ? "no data" : b.toString();
    }

    static String time(long nanos) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, SECOND), Math.floorMod(nanos, SECOND)).toString();
    }
}
