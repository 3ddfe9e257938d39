package dev.netproof.flow.http;

import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Plays recorded stream calls into a consumer, each data call cut into chunks of the sizes asked for. */
final class Feed {
    private Feed() {}

    /** Whole calls, as recorded. */
    static void play(List<CaptureStreams.Call> calls, StreamConsumer c) {
        play(calls, c, remaining -> remaining);
    }

    /**
     * @param chunk given the bytes left of a call, how many to pass next (at least 1); each chunk
     *              sits at a non-zero offset of a segment that ends with it, so reads outside it fail
     */
    static void play(List<CaptureStreams.Call> calls, StreamConsumer c, IntUnaryOperator chunk) {
        for (CaptureStreams.Call call : calls) {
            switch (call) {
                case CaptureStreams.Data d -> {
                    int p = 0;
                    while (p < d.bytes().length) {
                        int n = Math.max(1, Math.min(d.bytes().length - p, chunk.applyAsInt(d.bytes().length - p)));
                        byte[] b = new byte[n + 3];
                        System.arraycopy(d.bytes(), p, b, 3, n);
                        c.data(d.fromOrig(), MemorySegment.ofArray(b), 3, n, d.ts());
                        p += n;
                    }
                }
                case CaptureStreams.Gap g -> c.gap(g.fromOrig(), g.bytes(), g.ts());
                case CaptureStreams.End e -> c.end(e.ts());
            }
        }
    }
}
