package dev.netproof.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Fills a store made by {@code netproof} with N synthetic flow rows, for the query benchmark of
 * {@code bench/storage.sh}: one day of TCP flows in start order, originators from a million IPv4 addresses
 * drawn with a heavy head (a few hosts send much, most little), responders from five million, bytes with a
 * long tail. The rows go into {@code flow_rows} by SQL (a 100 M-flow capture would take hours to make and ingest
 * here), then to the hot tier's Parquet files, an hour a file ({@code HotFiles.seal}), where an ingest puts its
 * flows; so a query cannot tell.
 *
 * <p>Usage: {@code SyntheticFlows DIR N SOURCE}; {@code SyntheticFlows DIR 0} only makes the talker lists again (for a
 * store made before they existed). Needs netproof's jar on the class path; the store must exist (its schema).
 */
public final class SyntheticFlows {
    private SyntheticFlows() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0], "netproof.duckdb").toAbsolutePath();
        long n = Long.parseLong(args[1]);
        String source = n == 0 ? "" : args[2];
        long spacing = n == 0 ? 0 : 86_400_000_000_000L / n;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            if (n == 0) {
                rebuildTalkers(c);
                return;
            }
            s.execute("INSERT INTO sources SELECT coalesce(max(source_id), 0) + 1, '" + source.replace("'", "''")
                    + "' FROM sources");
            s.execute("""
                    INSERT INTO flow_rows SELECT
                      1700000000000000000 + i * %d,
                      (random() * 4294967295 - 2147483648)::INTEGER,
                      (1024 + random() * 60000)::INTEGER,
                      ([443, 80, 53, 22, 8080, 123, 3306, 25])[1 + (pow(random(), 3) * 8)::INTEGER %% 8],
                      6, round(random() * random() * 30, 6),
                      ob, rb, 2, 'ShADadFf', op, ob + op * 52, rp, rb + rp * 52,
                      NULL, NULL, 0, (SELECT max(source_id) FROM sources),
                      -9223372036854775808,
                      281470681743360 + 167772160 + (pow(random(), 4) * 1000000)::BIGINT - 9223372036854775807 - 1,
                      -9223372036854775808,
                      281470681743360 + 1509949440 + (pow(random(), 3) * 5000000)::BIGINT - 9223372036854775807 - 1,
                      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                    FROM (SELECT i, (pow(random(), 2) * 4000)::BIGINT AS ob, (pow(random(), 4) * 200000)::BIGINT AS rb,
                                 (3 + random() * 20)::BIGINT AS op, (3 + random() * 100)::BIGINT AS rp
                          FROM range(%d) t(i))
                    """.formatted(spacing, n));
            s.execute("CHECKPOINT");
            rebuildTalkers(c);
            long t0 = System.nanoTime();
            long[] sealed = dev.netproof.store.tier.HotFiles.seal(c, source, Long.MAX_VALUE);
            s.execute("CHECKPOINT");
            System.err.printf("%d flows moved to hot files in %.1f s%n", sealed[0], (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The talker lists the store writer would have made of these flows once their hours closed (this store is
     * written without the writer): {@code Talkers.rebuildFromFlows}, which a test checks against the writer's.
     */
    static void rebuildTalkers(Connection c) throws Exception {
        long t0 = System.nanoTime();
        dev.netproof.store.talker.Talkers.rebuildFromFlows(c, dev.netproof.store.talker.Talkers.KEEP);
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        System.err.printf("talker lists made from the flows in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
