package dev.netproof.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real captures tests run against, with tshark's summary of each (the "oracle").
 *
 * <p><b>Bundled</b> captures are the BSD/MIT ones ({@code zeek-*}, {@code sv-*}) in this jar under
 * {@code corpus/}, listed by {@code corpus/index.txt}; see {@code corpus/ATTRIBUTION.md}. Any module's
 * tests get them with {@link #bundled()}. <b>Shared</b> captures live only in the checkout's shared
 * corpus ({@value #SHARED_DIR}) because of their licence (the AGPL {@code ak-*} flow exports); tests
 * reach them through {@link #sharedDir()} and should skip, with an assumption, when it is absent.
 *
 * <p>The oracle is parsed into a Jackson {@link JsonNode} tree; its {@code frames} field is the
 * packet count, {@code tcp_streams}, {@code udp_streams}, {@code dns}, ... are described in the shared
 * corpus README. Thread-safe.
 */
public final class Corpus {
    /** Where the full shared corpus lives in a netproof checkout. */
    public static final String SHARED_DIR = "/work/shared/corpus";
    private static final String ROOT = "corpus/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Path extracted;

    private Corpus() {
    }

    /**
     * One bundled capture.
     *
     * @param name      file name without extension, e.g. {@code zeek-http-get}; also the oracle's name
     * @param fileName  file name in {@code corpus/}, e.g. {@code zeek-http-get.pcap}
     */
    public record Capture(String name, String fileName) {
        public Capture {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fileName, "fileName");
        }

        /** The capture's bytes. */
        public byte[] bytes() {
            try (InputStream in = open(ROOT + fileName)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * A file holding the capture, for readers that map files: the resource itself when testkit is
         * a directory on the class path, else a copy in a per-JVM temp directory.
         */
        public Path path() {
            return Corpus.path(ROOT + fileName);
        }

        /** tshark's summary of this capture. */
        public JsonNode oracle() {
            try (InputStream in = open(ROOT + "oracle/" + name + ".json")) {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The oracle's {@code frames}: how many packets tshark read. */
        public long oracleFrames() {
            return oracle().path("frames").asLong(-1);
        }
    }

    /** Every bundled capture, sorted by file name. */
    public static List<Capture> bundled() {
        try (InputStream in = open(ROOT + "index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty())
                    .map(f -> new Capture(f.substring(0, f.lastIndexOf('.')), f))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled capture called {@code name} (without extension). */
    public static Capture bundled(String name) {
        return bundled().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundled capture " + name));
    }

    /** The shared corpus directory, if this machine has it. */
    public static Optional<Path> sharedDir() {
        Path p = Path.of(SHARED_DIR);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Captures in a sub-directory of the shared corpus ({@code packets} or {@code flows}) whose file
     * names match {@code glob} (e.g. {@code "ak-*.pcap"}), sorted; empty when the corpus is absent.
     * Files named {@code *.expected.*} are never listed.
     */
    public static List<Path> shared(String subdir, String glob) {
        Optional<Path> root = sharedDir();
        if (root.isEmpty() || !Files.isDirectory(root.get().resolve(subdir))) return List.of();
        var matcher = root.get().getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.list(root.get().resolve(subdir))) {
            return s.filter(p -> matcher.matches(p.getFileName()))
                    .filter(p -> !p.getFileName().toString().contains(".expected."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared corpus's oracle for the capture file {@code capture} (any directory). */
    public static JsonNode sharedOracle(Path capture) {
        String f = capture.getFileName().toString();
        Path json = Path.of(SHARED_DIR, "oracle", f.substring(0, f.lastIndexOf('.')) + ".json");
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) throw new IllegalArgumentException("no resource " + resource + " (is testkit on the class path?)");
        return in;
    }

    private static Path path(String resource) {
        URL url = Corpus.class.getClassLoader().getResource(resource);
        if (url == null) throw new IllegalArgumentException("no resource " + resource);
        try {
            if ("file".equals(url.getProtocol())) return Path.of(url.toURI());
            Path dir = extractDir();
            Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            synchronized (Corpus.class) {
                if (!Files.exists(target)) {
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    target.toFile().deleteOnExit();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path extractDir() throws IOException {
        Path d = extracted;
        if (d == null) {
            synchronized (Corpus.class) {
                d = extracted;
                if (d == null) {
                    d = Files.createTempDirectory("netproof-corpus");
                    d.toFile().deleteOnExit();
                    extracted = d;
                }
            }
        }
        return d;
    }
}
