package dev.netproof.decode.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared capture corpus: BSD (zeek-) and MIT (sv-) licensed traces only. */
public final class Corpus {
    private Corpus() {}

    public static Path dir() {
        String env = System.getenv("NETPROOF_CORPUS");
        return Path.of(env != null ? env : "/work/shared/corpus").resolve("packets");
    }

    public static List<Path> captures() throws IOException {
        Path dir = dir();
        if (!Files.isDirectory(dir)) throw new IOException("corpus not found at " + dir + " (set NETPROOF_CORPUS)");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith("zeek-") || n.startsWith("sv-"))
                        && !n.contains(".expected.") && (n.endsWith(".pcap") || n.endsWith(".pcapng"));
            }).sorted().toList();
        }
    }
}
