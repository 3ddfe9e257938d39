package dev.netproof.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {
    private static Path resourceDir() throws URISyntaxException {
        return Path.of(Corpus.class.getClassLoader().getResource("corpus/index.txt").toURI()).getParent();
    }

    @Test
    void indexListsExactlyTheBundledCaptures() throws Exception {
        List<String> onDisk;
        try (Stream<Path> s = Files.list(resourceDir())) {
            onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".pcap")).sorted().toList();
        }
        assertEquals(onDisk, Corpus.bundled().stream().map(Corpus.Capture::fileName).toList());
    }

    @Test
    void onlyBsdAndMitCapturesAreBundledAndAllAreAttributed() throws Exception {
        String attribution = Files.readString(resourceDir().resolve("ATTRIBUTION.md"));
        for (Corpus.Capture c : Corpus.bundled()) {
            assertTrue(c.name().startsWith("zeek-") || c.name().startsWith("sv-"), c.name());
            assertTrue(attribution.contains("`packets/" + c.fileName() + "`"), c.fileName() + " not attributed");
        }
    }

    @Test
    void everyCaptureHasAnOracleAndAReadablePath() throws IOException {
        assertFalse(Corpus.bundled().isEmpty());
        for (Corpus.Capture c : Corpus.bundled()) {
            assertTrue(c.oracleFrames() > 0, c.name());
            assertEquals(c.fileName(), c.oracle().path("file").asText(), c.name());
            assertArrayEquals(Files.readAllBytes(c.path()), c.bytes(), c.name());
        }
    }

    @Test
    void sharedCorpusListsFlowCapturesWhenPresent() {
        List<Path> flows = Corpus.shared("flows", "ak-*.pcap");
        if (Corpus.sharedDir().isEmpty()) {
            assertTrue(flows.isEmpty());
            return;
        }
        assertFalse(flows.isEmpty());
        for (Path p : flows) assertTrue(Corpus.sharedOracle(p).path("frames").asLong() > 0, p.toString());
    }
}
