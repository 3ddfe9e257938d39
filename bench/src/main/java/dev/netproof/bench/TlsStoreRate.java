package dev.netproof.bench;

import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.Store;
import dev.netproof.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How long the store takes to write TLS rows, apart from packets: {@code N} rows shaped like the TLS mix's
 * ({@code bench/tls_mix.py}: one client offer of 11 suites, TLS 1.3 answers, a server name each) are made
 * first, then handed to a {@link StoreWriter} as an ingest does (its batch size and commit interval, one DuckDB
 * thread) and drained; the time includes the commit, so DuckDB's checkpoint of the rows.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp app/target/netproof.jar:bench/target/benchmarks.jar dev.netproof.bench.TlsStoreRate [N] [ROUNDS]</pre>
 * Prints each round's seconds and rows per second (a fresh store each time; the first rounds include JIT
 * warm-up, as an ingest's do).
 */
public final class TlsStoreRate {
    private TlsStoreRate() {
    }

    static final List<String> CIPHERS = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA");
    static final String JA3 = "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-156-47,0-16-43-10-13-51-21,29-23,";

    static List<TlsEvent> rows(int n) {
        Random r = new Random(1);
        List<TlsEvent> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String uid = "C" + Long.toString(r.nextLong() >>> 1, 36);
            rows.add(new TlsEvent(1_700_000_000_000_000_000L + i * 1_000_000L, uid.substring(0, Math.min(18, uid.length())),
                    IpAddress.ofV4(0x0a000000 | r.nextInt(1 << 24)), 1024 + r.nextInt(60000),
                    IpAddress.ofV4(0x01000000 + r.nextInt(0x5e000000)), 443, "TLSv13", "TLS_AES_128_GCM_SHA256", "x25519",
                    "www." + Integer.toHexString(r.nextInt()) + ".example", false, null, null, true, "siCI", List.of(),
                    "TLSv12", List.of("TLSv13", "TLSv12"), CIPHERS, List.of("h2", "http/1.1"), List.of("x25519", "secp256r1"),
                    false, JA3, "771,4865,43-51", "06f8a8753ced89b984bebf001b0d2fd6", "f4febc55ea12b31ae17cfb7e614afda8",
                    "t13d1107h2_58fee6c0b423_824aca5a4570", r.nextInt(100_000_000), null, null, null, null, List.of(),
                    List.of(), true, null, "bench/cache/synth-5000000-tls.pcap"));
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<TlsEvent> rows = rows(n);
        for (int round = 1; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("tls-store-rate");
            long t0 = System.nanoTime();
            try (Store store = Store.open(dir)) {
                store.useThreads(1); // as netproof ingest does
                try (StoreWriter w = new StoreWriter(store, 32768, 4, StoreWriter.FILE_COMMITS)) {
                    for (TlsEvent e : rows) w.add(e);
                    w.drain();
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d TLS rows in %.3f s (%.0f rows/s)%n", round, n, s, n / s);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
