package dev.netproof.decode.http;

import static dev.netproof.decode.http.Recorder.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken peer can make the parser do: a named error and a stop, memory within
 * the caps, never an exception; and the same result however the bytes are split.
 */
class HttpHostileInputTest {
    static final HttpLimits SMALL = new HttpLimits(256, 10, 1024);

    /** Real-looking messages to mutate: both directions, all framings. */
    static final List<String> REQUESTS = List.of(
            "GET /index.html?q=1&token=abc HTTP/1.1\r\nHost: example.org\r\nUser-Agent: x\r\nCookie: a=b\r\n\r\n",
            "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world"
                    + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n",
            "PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n5;a=b\r\nhello\r\n0\r\nT: 1\r\n\r\n");
    static final List<String> RESPONSES = List.of(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Type: text/html\r\n\r\nbody",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n",
            "HTTP/1.0 404 Not Found\r\nSet-Cookie: s=1\r\n\r\nuntil close");

    @Test
    void endlessHeaderLine() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r);
        feed(p, "GET / HTTP/1.1\r\nX-Long: ", 1);
        byte[] chunk = new byte[1000];
        Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 1000; i++) feed(p, chunk, 2); // 1 MB without a line end
        assertEquals(HttpError.LINE_TOO_LONG, p.error());
        assertEquals(List.of("error LINE_TOO_LONG"), r.out);
        assertTrue(p.retainedBytes() <= HttpLimits.DEFAULTS.maxLineBytes() + 1, "retained " + p.retainedBytes());
    }

    @Test
    void endlessHeadersAndEndlessHead() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r);
        feed(p, "GET / HTTP/1.1\r\n", 1);
        for (int i = 0; i < 10_000; i++) feed(p, "X: " + i + "\r\n", 2);
        assertEquals(List.of("error TOO_MANY_HEADERS"), r.out);

        Recorder r2 = new Recorder();
        HttpParser p2 = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r2);
        feed(p2, "GET / HTTP/1.1\r\n", 1);
        for (int i = 0; i < 99; i++) feed(p2, "X: " + "v".repeat(1000) + "\r\n", 2);
        assertEquals(List.of("error HEAD_TOO_LARGE"), r2.out);

        Recorder r3 = new Recorder(); // a request that never starts: empty lines forever
        HttpParser p3 = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r3);
        for (int i = 0; i < 100_000; i++) feed(p3, "\r\n", 1);
        assertEquals(List.of("error HEAD_TOO_LARGE"), r3.out);
    }

    @Test
    void endlessTrailers() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r);
        feed(p, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n", 1);
        for (int i = 0; i < 1000; i++) feed(p, "T: 1\r\n", 2);
        assertEquals(List.of("request POST / 1.1 host=null cl=-1 chunked", "body 0 incomplete", "error TOO_MANY_HEADERS"), r.out);
    }

    @Test
    void nothingIsParsedAfterAnError() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r);
        feed(p, "BAD LINE\r\n\r\nGET / HTTP/1.1\r\n\r\n", 1);
        p.gap(10, 2);
        p.end(3);
        assertEquals(List.of("error BAD_REQUEST_LINE"), r.out);
        assertTrue(p.done());
    }

    @Property(tries = 3000)
    void randomBytesNeverEscape(@ForAll @Size(max = 600) byte[] bytes, @ForAll boolean responses,
                                @ForAll @IntRange(min = 1, max = 64) int chunk) {
        check(bytes, responses, chunk);
    }

    @Property(tries = 3000)
    void mutatedMessagesNeverEscape(@ForAll("mutated") byte[] bytes, @ForAll boolean responses,
                                    @ForAll @IntRange(min = 1, max = 64) int chunk) {
        check(bytes, responses, chunk);
    }

    /** Splitting anywhere: one call, one byte at a time and chunks give the same calls. */
    @Property(tries = 1000)
    void splittingDoesNotMatter(@ForAll("mutated") byte[] bytes, @ForAll boolean responses,
                                @ForAll @IntRange(min = 1, max = 40) int chunk) {
        assertEquals(run(bytes, responses, bytes.length + 1), run(bytes, responses, 1));
        assertEquals(run(bytes, responses, bytes.length + 1), run(bytes, responses, chunk));
    }

    private static void check(byte[] bytes, boolean responses, int chunk) {
        List<String> out = run(bytes, responses, chunk);
        out = out.subList(0, out.size() - 1); // without the message count
        long errors = out.stream().filter(s -> s.startsWith("error ")).count();
        assertTrue(errors <= 1, out.toString());
        if (errors == 1) assertTrue(out.getLast().startsWith("error "), "an error is the last call: " + out);
    }

    /** The parser's calls, plus its state at the end; fails if memory exceeds the caps. */
    static List<String> run(byte[] bytes, boolean responses, int chunk) {
        Recorder r = new Recorder();
        HttpParser p = responses
                ? HttpParser.responses(SMALL, HttpRedaction.ON, r, () -> Recorder.Pending.of("GET", "1.1"))
                : HttpParser.requests(SMALL, HttpRedaction.ON, r);
        for (int i = 0; i < bytes.length; i += chunk) {
            feed(p, Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)), i);
            assertTrue(p.retainedBytes() <= SMALL.maxLineBytes() + 1, "retained " + p.retainedBytes());
        }
        p.end(bytes.length);
        if (p.error() != null) assertNotNull(HttpError.valueOf(p.error().name()));
        List<String> out = new ArrayList<>(r.out);
        out.add("messages " + p.messages());
        // times differ with the split: compare what was parsed, not when
        return out;
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> source = Arbitraries.integers().between(0, REQUESTS.size() + RESPONSES.size() - 1)
                .map(i -> (i < REQUESTS.size() ? REQUESTS.get(i) : RESPONSES.get(i - REQUESTS.size()))
                        .getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 255))
                .as((kind, at, value) -> new int[] {kind, at, value}).list().ofMaxSize(4);
        return Combinators.combine(source, edits).as(HttpHostileInputTest::apply);
    }

    /** Replaces, inserts or deletes single bytes. */
    static byte[] apply(byte[] b, List<int[]> edits) {
        List<Byte> out = new ArrayList<>();
        for (byte x : b) out.add(x);
        for (int[] e : edits) {
            if (out.isEmpty()) break;
            int at = e[1] % out.size();
            switch (e[0]) {
                case 0 -> out.set(at, (byte) e[2]);
                case 1 -> out.add(at, (byte) e[2]);
                default -> out.remove(at);
            }
        }
        byte[] r = new byte[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }
}
