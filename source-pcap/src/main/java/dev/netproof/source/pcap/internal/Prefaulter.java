package dev.netproof.source.pcap.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Touches the pages of a mapped capture a little ahead of the reader, on its own thread, so the
 * page faults (a large part of reading a file that is in the page cache) are taken off the
 * packet thread and onto the machine's other core. It never reads further than {@link #WINDOW}
 * bytes ahead, so it does not evict what the reader is about to use, and stops when told to or
 * when the reader is done.
 */
public final class Prefaulter implements AutoCloseable {
    /** How far ahead of the reader pages are touched. */
    public static final long WINDOW = 64L << 20;
    private static final long PAGE = 4096;

    private final MemorySegment data;
    private final LongSupplier readerPosition;
    private final Thread thread;
    private volatile boolean stop;

    public Prefaulter(MemorySegment data, LongSupplier readerPosition) {
        this.data = data;
        this.readerPosition = readerPosition;
        this.thread = Thread.ofPlatform().daemon(true).name("netproof-prefault").unstarted(this::run);
        thread.start();
    }

    private void run() {
        long size = data.byteSize();
        long done = 0;
        long sink = 0;
        try {
            while (!stop && done < size) {
                long target = Math.min(size, readerPosition.getAsLong() + WINDOW);
                if (done >= target) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                for (; done < target && !stop; done += PAGE) {
                    sink += data.get(ValueLayout.JAVA_BYTE, done);
                }
            }
        } catch (IllegalStateException e) {
            // the mapping was closed under us: the reader is done
        }
        if (sink == 42) Thread.onSpinWait(); // keep the loads
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
