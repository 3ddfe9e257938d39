package dev.netproof.store.tier;

import java.time.Duration;
import java.util.Locale;

/**
 * How long and how much each tier keeps. Ages count back from the data's newest time (not the clock: a
 * capture from 2019 ingested today is as fresh as its newest flow). A null age keeps forever; a size of 0
 * means no size bound.
 *
 * @param totalMaxBytes bound on hot, warm and cold together (hot shrinks first: its windows live on in
 *                      warm and cold; then cold)
 */
public record RetentionPolicy(Duration hot, Duration warm, Duration cold, long hotMaxBytes, long coldMaxBytes,
                              long totalMaxBytes) {
    public static final RetentionPolicy DEFAULT =
            new RetentionPolicy(Duration.ofHours(6), Duration.ofDays(30), Duration.ofDays(365), 0, 0, 0);
    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(null, null, null, 0, 0, 0);

    /** {@code hot=6h,warm=30d,cold=365d} (any subset; units s, m, h, d; {@code forever} keeps) over {@code base}. */
    public static RetentionPolicy parse(String ages, String sizes, RetentionPolicy base) {
        Duration hot = base.hot, warm = base.warm, cold = base.cold;
        long hotMax = base.hotMaxBytes, coldMax = base.coldMaxBytes, total = base.totalMaxBytes;
        if (ages != null && !ages.isBlank()) {
            for (String part : ages.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2) throw new IllegalArgumentException("retention: '" + part + "' is not tier=age");
                Duration d = kv[1].trim().equalsIgnoreCase("forever") ? null : age(kv[1].trim());
                switch (kv[0].trim()) {
                    case "hot" -> hot = d;
                    case "warm" -> warm = d;
                    case "cold" -> cold = d;
                    default -> throw new IllegalArgumentException("retention: unknown tier '" + kv[0] + "' (hot, warm, cold)");
                }
            }
        }
        if (sizes != null && !sizes.isBlank()) {
            for (String part : sizes.split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    total = bytes(p);
                    continue;
                }
                long b = bytes(p.substring(eq + 1).trim());
                switch (p.substring(0, eq).trim()) {
                    case "hot" -> hotMax = b;
                    case "cold" -> coldMax = b;
                    case "total" -> total = b;
                    case "warm" -> throw new IllegalArgumentException(
                            "max-size: warm is bounded by its age and the rollup budgets, not a size");
                    default -> throw new IllegalArgumentException("max-size: unknown tier '" + p.substring(0, eq) + "'");
                }
            }
        }
        return new RetentionPolicy(hot, warm, cold, hotMax, coldMax, total);
    }

    static Duration age(String s) {
        if (s.length() < 2) throw new IllegalArgumentException("retention: '" + s + "' is not an age like 6h or 30d");
        long n;
        try {
            n = Long.parseLong(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("retention: '" + s + "' is not an age like 6h or 30d");
        }
        if (n <= 0) throw new IllegalArgumentException("retention: age '" + s + "' must be positive");
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("retention: unit of '" + s + "' must be s, m, h or d");
        };
    }

    /** {@code 50GB}, {@code 512MB}, {@code 2TB}, {@code 1000000} (bytes); units are powers of 1000. */
    static long bytes(String s) {
        String u = s.toUpperCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        for (String[] unit : new String[][] {{"TB", "1000000000000"}, {"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"}, {"B", "1"}}) {
            if (u.endsWith(unit[0])) {
                mult = Long.parseLong(unit[1]);
                u = u.substring(0, u.length() - unit[0].length());
                break;
            }
        }
        try {
            double v = Double.parseDouble(u);
            if (v <= 0) throw new NumberFormatException();
            return (long) (v * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max-size: '" + s + "' is not a size like 50GB");
        }
    }
}
