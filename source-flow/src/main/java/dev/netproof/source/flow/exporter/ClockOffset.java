package dev.netproof.source.flow.exporter;

/**
 * Estimates how far an exporter's clock is from ours: {@code received - exported} for each datagram
 * whose header carries a time. Network and queueing delay only ever add to that difference, so the
 * smallest of the recent ones is the best estimate (the same reasoning as NTP's minimum-delay filter);
 * it keeps the last {@value #WINDOW}. The export header's own resolution bounds the estimate: whole
 * seconds for NetFlow v9 and IPFIX, nanoseconds for v5.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class ClockOffset {
    static final int WINDOW = 64;

    private final long[] offsets = new long[WINDOW];
    private int count;
    private int next;
    private long last;

    public void add(long receivedNanos, long exportNanos) {
        if (exportNanos <= 0) return;
        long o = receivedNanos - exportNanos;
        offsets[next] = o;
        next = (next + 1) % WINDOW;
        if (count < WINDOW) count++;
        last = o;
    }

    public boolean known() {
        return count > 0;
    }

    /** Our clock minus the exporter's, nanoseconds: positive when the exporter is behind. 0 when unknown. */
    public long estimateNanos() {
        if (count == 0) return 0;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) min = Math.min(min, offsets[i]);
        return min;
    }

    /** The latest datagram's difference, delay included. 0 when unknown. */
    public long lastNanos() {
        return last;
    }
}
