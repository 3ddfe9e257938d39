package dev.netproof.packetstore.objects;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Put and get throughput of one large object, local directory against S3Proxy (filesystem backend) on loopback.
 * Not a test: a measurement, run by hand (command in docs/internals.md, "Packet store on S3").
 *
 * <p>Arguments: {@code [MiB (256)] [rounds (3)] [work dir (java.io.tmpdir)]}.
 */
public final class ObjectStoreThroughput {
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")), "throughput");
        try {
            Path src = work.resolve("segment.bin");
            writeRandom(src, (long) mib << 20);
            try (ObjectStore local = new LocalObjectStore(work.resolve("local"))) {
                measure("local directory", local, src, rounds);
            }
            try (S3ProxyServer server = S3ProxyServer.onDisk(Files.createDirectories(work.resolve("s3proxy")))) {
                server.createBucket("bench");
                try (ObjectStore s3 = S3ObjectStore.open("bench", "p", server.settings())) {
                    measure("S3Proxy, 16 MiB parts", s3, src, rounds);
                }
            }
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void measure(String what, ObjectStore store, Path src, int rounds) throws Exception {
        long size = Files.size(src);
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            store.put("seg/" + r, src);
            long t1 = System.nanoTime();
            long read = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = store.get("seg/" + r)) {
                for (int n; (n = in.read(buf)) > 0; ) read += n;
            }
            long t2 = System.nanoTime();
            if (read != size) throw new IllegalStateException("read " + read + " of " + size);
            System.out.printf("%-24s round %d: put %6.0f MiB/s, get %6.0f MiB/s (%d MiB)%n", what, r,
                    mibPerS(size, t1 - t0), mibPerS(size, t2 - t1), size >> 20);
            store.delete("seg/" + r);
        }
    }

    static double mibPerS(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    static void writeRandom(Path file, long size) throws Exception {
        Random random = new Random(1);
        byte[] chunk = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += chunk.length) {
                random.nextBytes(chunk);
                ch.write(ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - done)));
            }
        }
    }
}
