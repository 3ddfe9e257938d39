package dev.netproof.decode.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The corpus's real handshakes give the same calls whatever the chunking of their bytes. */
class TlsChunkingPropertiesTest {
    private static final List<CorpusStreams.Conn> ALL = load();

    private static List<CorpusStreams.Conn> load() {
        try {
            return CorpusStreams.all();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Recorder.Call> parse(byte[] stream, java.util.function.IntSupplier size) {
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r);
        MemorySegment s = MemorySegment.ofArray(stream);
        for (int at = 0; at < stream.length; ) {
            int n = Math.max(1, Math.min(size.getAsInt(), stream.length - at));
            p.accept(s, at, n, 5);
            at += n;
        }
        p.end(5);
        return r.calls;
    }

    @Test
    void oneByteAtATimeGivesTheSameCalls() {
        assertTrue(ALL.size() >= 9, "TLS connections in the corpus: " + ALL.size());
        int hellos = 0;
        for (CorpusStreams.Conn c : ALL) {
            for (byte[] stream : List.of(c.client(), c.server())) {
                List<Recorder.Call> whole = parse(stream, () -> Integer.MAX_VALUE);
                assertEquals(whole, parse(stream, () -> 1), c.name());
                hellos += (int) whole.stream().filter(x -> x.what().endsWith("_hello")).count();
            }
        }
        assertEquals(18, hellos, "client and server hellos of the corpus, as tshark counts them");
    }

    @Property(tries = 200)
    void randomChunksGiveTheSameCalls(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                      @ForAll @IntRange(min = 1, max = 3000) int maxChunk) {
        Random rnd = new Random(seed);
        CorpusStreams.Conn c = ALL.get(rnd.nextInt(ALL.size()));
        byte[] stream = rnd.nextBoolean() ? c.client() : c.server();
        assertEquals(parse(stream, () -> Integer.MAX_VALUE), parse(stream, () -> 1 + rnd.nextInt(maxChunk)), c.name());
    }
}
