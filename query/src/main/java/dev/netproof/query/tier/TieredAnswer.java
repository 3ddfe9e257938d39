package dev.netproof.query.tier;

import java.util.List;
import java.util.Map;

/**
 * An answer from the tiers: its rows, whether a limit cut them, which tier answered which part of the range,
 * and a note for a reader (parts no tier holds, and what a rollup's rows are: heavy hitters per window).
 */
public record TieredAnswer(List<Map<String, Object>> rows, boolean limited, List<TierPart> parts, String note) {
    public TieredAnswer {
        rows = List.copyOf(rows);
        parts = List.copyOf(parts);
    }

    static String note(List<TierPart> parts, boolean keyed) {
        StringBuilder b = new StringBuilder("tiers: ").append(TierPlan.describe(parts));
        if (parts.stream().anyMatch(p -> p.tier().equals(TierPart.NONE))) {
            b.append(". 'none': no tier holds that part at this resolution (removed by retention, or finer than "
                    + "what remains)");
        }
        if (keyed && parts.stream().anyMatch(p -> p.tier().equals("warm") || p.tier().equals("cold"))) {
            b.append(". Warm and cold keep each window's heavy hitters within the dimension's budget; the rest of "
                    + "the window is in its 'other' row (key null), so totals add up");
        }
        return b.toString();
    }
}
