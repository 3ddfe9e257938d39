package dev.netproof.source.pcap.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.LockSupport;

/**
 * Faults the pages of a mapped capture in on its own thread, at most {@link #WINDOW} ahead of the
 * reader, so the reading thread finds them mapped.
 *
 * <p>Why: a file in the page cache still costs a page fault per 64 KiB the first time a mapping
 * touches it (the kernel maps 16 pages per fault). On the benchmark capture (2.7 GB) those faults were
 * about a fifth of the reading thread's time ({@link ReadAhead#upTo} was its hottest frame), while
 * the other core waited for flows to store. Page tables belong to the process, so a fault taken here
 * serves the reader. The window bounds how much of the file is mapped ahead of use.
 *
 * <p>The thread stops at the end of the file, at {@link #close()} (which waits for it, so the mapping
 * can be unmapped after), or at the first page it cannot read (a file truncated while mapped: the
 * reader meets the hole itself and reports it).
 */
public final class PageWarmer implements AutoCloseable {
    /** Smallest mapped capture worth a thread. */
    public static final long MIN_SIZE = 64L << 20;
    static final long WINDOW = 64L << 20;
    private static final long PAGE = 4096;
    private static final long STEP = 1L << 20;

    private final MemorySegment data;
    private final ReadContext reader;
    private final Thread thread;
    private volatile boolean stop;
    /** Bytes touched; published so the loads have a use. */
    private volatile long sum;
    /** Offset up to which pages have been touched. */
    private volatile long warmedTo;

    private PageWarmer(MemorySegment data, ReadContext reader) {
        this.data = data;
        this.reader = reader;
        this.thread = Thread.ofPlatform().name("netproof-page-warmer").daemon(true).unstarted(this::run);
    }

    /** Starts warming {@code reader}'s mapped data from its current position. */
    public static PageWarmer start(MemorySegment data, ReadContext reader) {
        PageWarmer w = new PageWarmer(data, reader);
        w.thread.start();
        return w;
    }

    private void run() {
        long size = data.byteSize();
        long p = reader.position() & -PAGE;
        long s = 0;
        try {
            while (!stop && p < size) {
                long at = reader.position();
                if (p < at) p = at & -PAGE; // pages behind the reader are of no use (a skipped block)
                if (p >= at + WINDOW) {
                    LockSupport.parkNanos(200_000); // the reader moves about 1 MiB in that time
                    continue;
                }
                long end = Math.min(p + STEP, size);
                for (; p < end; p += PAGE) s += data.get(ValueLayout.JAVA_BYTE, p);
                warmedTo = Math.min(p, size);
            }
        } catch (InternalError | IllegalStateException e) {
            // a page that went away, or the mapping closed: the reader reports what it meets
        }
        sum = s;
    }

    /** Stops the thread and waits for it. */
    @Override
    public void close() {
        stop = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    long sum() {
        return sum;
    }

    /** Offset up to which the pages have been touched (any thread). */
    long warmedTo() {
        return warmedTo;
    }

    boolean running() {
        return thread.isAlive();
    }
}
