package dev.netproof.flow.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.testkit.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The corpus's HTTP streams give the same events however their bytes are split into calls. */
class HttpSplittingTest {
    private static final Map<String, List<CaptureStreams.Connection>> STREAMS = new HashMap<>();

    static synchronized List<CaptureStreams.Connection> streams(String name) throws Exception {
        List<CaptureStreams.Connection> s = STREAMS.get(name);
        if (s == null) {
            s = CaptureStreams.read(Corpus.bundled(name).path());
            STREAMS.put(name, s);
        }
        return s;
    }

    static List<HttpEvent> events(String name, IntUnaryOperator chunk) throws Exception {
        List<HttpEvent> out = new ArrayList<>();
        HttpAnalyzers a = new HttpAnalyzers(name, QualitySink.DISCARD, out::add, true);
        for (CaptureStreams.Connection c : streams(name)) Feed.play(c.calls(), a.open(c.id(), c.firstTs()), chunk);
        return out;
    }

    @Test
    void oneByteAtATime() throws Exception {
        for (String name : HttpCorpusTest.CAPTURES) {
            List<HttpEvent> whole = events(name, n -> n);
            assertFalse(whole.isEmpty(), name);
            assertEquals(whole, events(name, n -> 1), name);
        }
    }

    @Property(tries = 60)
    void randomChunks(@ForAll @IntRange(min = 0, max = 8) int capture, @ForAll long seed,
                      @ForAll @IntRange(min = 1, max = 2000) int maxChunk) throws Exception {
        String name = HttpCorpusTest.CAPTURES.get(capture);
        Random r = new Random(seed);
        assertEquals(events(name, n -> n), events(name, n -> 1 + r.nextInt(maxChunk)), name);
    }
}
