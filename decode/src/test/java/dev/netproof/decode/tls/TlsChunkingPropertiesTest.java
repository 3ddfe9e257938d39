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

    /**
     * Like {@link #parse}, but the bytes the parser says it would pass over unread are left out, as the TCP
     * reassembly leaves them out: counted, reported with {@code skipped} before the next chunk (or the end), never
     * given. Returns the calls and, last, how many bytes were left out.
     */
    static List<Object> parseSkipping(byte[] stream, int cut, java.util.function.IntSupplier size) {
        Recorder r = new Recorder();
        TlsStreamParser p = new TlsStreamParser(r);
        MemorySegment s = MemorySegment.ofArray(stream);
        int skip = 0, passed = 0, leftOut = 0;
        for (int at = 0; at < cut; ) {
            int n = Math.max(1, Math.min(size.getAsInt(), cut - at));
            int k = Math.min(skip, n);
            skip -= k;
            passed += k;
            leftOut += k;
            if (k < n) {
                if (passed > 0) p.skipped(passed, 5);
                passed = 0;
                p.accept(s, at + k, n - k, 5);
                skip = p.skippable();
            }
            at += n;
        }
        if (passed > 0) p.skipped(passed, 5);
        p.end(5);
        List<Object> out = new java.util.ArrayList<>(r.calls);
        out.add(leftOut);
        return out;
    }

    @Property(tries = 300)
    void bytesLeftOutAsTheParserAllowsGiveTheSameCalls(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                                       @ForAll @IntRange(min = 1, max = 3000) int maxChunk) {
        Random rnd = new Random(seed);
        CorpusStreams.Conn c = ALL.get(rnd.nextInt(ALL.size()));
        byte[] stream = rnd.nextBoolean() ? c.client() : c.server();
        // a capture may end anywhere, inside a record too: the parser must then say truncated either way
        int cut = rnd.nextInt(4) == 0 ? rnd.nextInt(stream.length + 1) : stream.length;
        byte[] seen = java.util.Arrays.copyOf(stream, cut);
        List<Object> skipping = parseSkipping(stream, cut, () -> 1 + rnd.nextInt(maxChunk));
        skipping.removeLast();
        assertEquals(parse(seen, () -> Integer.MAX_VALUE), skipping, c.name());
    }

    @Test
    void encryptedRecordsAreLeftOutButTheirLastByte() {
        byte[] hello = Tls.record(22, Tls.handshake(1, Tls.clientHello(new byte[32], new int[] {0x1301},
                Tls.sni("example.com"))));
        byte[] big = new byte[16_384];
        new Random(7).nextBytes(big);
        byte[] stream = Tls.concat(hello, Tls.record(20, new byte[] {1}), Tls.record(23, big), Tls.record(23, big),
                Tls.record(23, new byte[] {9}), Tls.record(21, new byte[] {1, 2}));
        List<Object> skipping = parseSkipping(stream, stream.length, () -> 1460);
        int leftOut = (int) skipping.removeLast();
        assertEquals(parse(stream, () -> 1460), skipping);
        // of each 16 KiB record all but what the chunk with its header held, and its last byte
        assertTrue(leftOut > 2 * (16_384 - 1460 - 1) && leftOut < 2 * 16_384, "left out: " + leftOut);
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
