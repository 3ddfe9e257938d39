package dev.netproof.bench;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How fast the store takes exported flow records, apart from sockets and decoding: {@code N} records
 * shaped like softflowd's NetFlow v9 export (IPv4, a few hundred thousand hosts, no extra fields) are
 * made first, then handed to a {@link StoreWriter} as {@code netproof collect} does (its batch size, one DuckDB
 * thread) and drained.
 *
 * <pre>java -cp app/target/netproof.jar:bench/target/benchmarks.jar dev.netproof.bench.ExportStoreRate [N] [COMMIT_SECONDS] [ROUNDS] [SQL]</pre>
 * Prints records per second of each round (a fresh store each time; the first rounds include JIT warm-up).
 * {@code SQL}, when given, runs on each store after it opens (a DuckDB setting to try, e.g.
 * {@code "SET disabled_compression_methods = 'fsst,rle'"}).
 */
public final class ExportStoreRate {
    private ExportStoreRate() {
    }

    /** CPU time of the whole process (all threads: the adding thread, the writer, DuckDB's, GC). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int commitSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String sql = args.length > 3 && !args[3].isBlank() ? args[3] : null;
        Random rnd = new Random(1);
        IpAddress exporter = IpAddress.parse("127.0.0.1");
        List<ExportedFlow> rows = new ArrayList<>(n);
        long t0 = 1_764_115_200_000_000_000L;
        for (int i = 0; i < n; i++) {
            long start = t0 + i * 1_000L;
            rows.add(new ExportedFlow(ExportFormat.NETFLOW_V9, exporter, 0, start + 5_000_000, start, start + 2_000_000,
                    IpAddress.ofV4(0x0a000000 | rnd.nextInt(1 << 18)), IpAddress.ofV4(0xc0a80000 | rnd.nextInt(1 << 16)),
                    1024 + rnd.nextInt(60000), rnd.nextBoolean() ? 443 : 53, rnd.nextBoolean() ? 6 : 17, 0x1b, 0,
                    40 + rnd.nextInt(1500), 1 + rnd.nextInt(20), 1, 0, 0, -1, -1, 0, 0, null, -1, -1, 2, 4, List.of(), List.of()));
        }
        for (int r = 1; r <= rounds; r++) {
            Path dir = Files.createTempDirectory("export-store-rate");
            try (Store store = Store.open(dir)) {
                store.useThreads(1); // as netproof collect does
                if (sql != null) {
                    try (var c = store.connect(); var st = c.createStatement()) {
                        st.execute(sql);
                    }
                }
                long t = System.nanoTime(), cpu0 = processCpuNanos();
                try (StoreWriter w = new StoreWriter(store, StoreWriter.BULK_BATCH, 8, Duration.ofSeconds(commitSeconds))) {
                    for (ExportedFlow f : rows) w.add(f);
                    w.drain();
                }
                double s = (System.nanoTime() - t) / 1e9;
                double cpuNsPerRecord = (double) (processCpuNanos() - cpu0) / n;
                System.out.printf("round %d: %,d records in %.2f s: %,.0f records/s, process CPU %.0f ns/record (commit every %d s)%n",
                        r, n, s, n / s, cpuNsPerRecord, commitSeconds);
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
