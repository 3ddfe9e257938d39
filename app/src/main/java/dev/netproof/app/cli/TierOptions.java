package dev.netproof.app.cli;

import dev.netproof.store.Store;
import dev.netproof.store.tier.Dimension;
import dev.netproof.store.tier.Retention;
import dev.netproof.store.tier.RetentionPolicy;
import dev.netproof.store.tier.TierSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --rollup}, {@code --retention} and {@code --max-size}: what the tiers roll up and how long they keep it. */
public final class TierOptions {
    @Option(names = "--rollup", paramLabel = "DIMS", defaultValue = Dimension.DEFAULT_SPEC,
            description = "Rollup dimensions of the minute and hour tiers, name=field[+field]:budget,... "
                    + "(fields: id.orig_h, id.resp_h, id.orig_p, id.resp_p, proto, ip_proto, vlan; 'none' for no tiers but "
                    + "the flows; default: ${DEFAULT-VALUE}).")
    String rollup = Dimension.DEFAULT_SPEC;

    @Option(names = "--retention", paramLabel = "AGES",
            description = "Keep each tier this long, counted back from the newest data: e.g. hot=6h,warm=30d,cold=365d "
                    + "(units s, m, h, d; 'forever'). Default: keep everything.")
    String retention;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Size bound: 50GB for the whole store, or per tier hot=20GB,cold=10GB (warm is bounded by age "
                    + "and the rollup budgets). The oldest hot hours go first, then the oldest cold days.")
    String maxSize;

    /** The defaults, for commands without these options. */
    public static TierOptions defaults() {
        return new TierOptions();
    }

    /** The settings, or null for {@code --rollup none} (no 1-s series, no minute or hour rollups). */
    public TierSettings settings(Path dataDir) {
        if (rollup.trim().equalsIgnoreCase("none")) return null;
        try {
            return new TierSettings(Dimension.parseList(rollup), dataDir);
        } catch (IllegalArgumentException e) {
            throw new UserError("--rollup: " + e.getMessage());
        }
    }

    /** The policy, or null when neither --retention nor --max-size was given (keep everything). */
    public RetentionPolicy policy() {
        if ((retention == null || retention.isBlank()) && (maxSize == null || maxSize.isBlank())) return null;
        try {
            return RetentionPolicy.parse(retention, maxSize, RetentionPolicy.KEEP_ALL);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Applies the policy once (after an ingest; periodically in serve and collect), printing what went. */
    public static void apply(Store store, RetentionPolicy policy, PrintStream out) {
        if (policy == null) return;
        try (Connection c = store.connect()) {
            var removed = Retention.apply(c, store.dir(), policy);
            if (!removed.isEmpty()) {
                java.util.Map<String, Long> byMetric = new java.util.TreeMap<>();
                for (var r : removed) byMetric.merge(r.metric(), r.value(), Long::sum);
                out.println("retention removed: " + IngestCommand.nonZero(byMetric));
            }
        } catch (Exception e) {
            out.println("netproof: retention failed: " + e.getMessage());
        }
    }

    /** A daemon thread that applies {@code policy} every {@code minutes}; null when there is no policy. */
    public static java.util.concurrent.ScheduledExecutorService every(Store store, RetentionPolicy policy, long minutes,
                                                                       PrintStream out) {
        if (policy == null) return null;
        var ex = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netproof-retention");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleWithFixedDelay(() -> apply(store, policy, out), 0, minutes, java.util.concurrent.TimeUnit.MINUTES);
        return ex;
    }

}
