package dev.netproof.source.flow.listen;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A bounded single-producer, single-consumer ring of datagrams in one off-heap block: the receive
 * thread copies each datagram in, the decoding thread reads it in place and releases it.
 *
 * <pre>
 * entry:  0       4        8           16      24      32     36
 *         +-------+--------+-----------+-------+-------+------+------+----------------+
 *         | span  | length | received  | srcHi | srcLo | port | pad  | payload...     |  (span rounded to 8)
 *         +-------+--------+-----------+-------+-------+------+------+----------------+
 * </pre>
 * A span of -1 marks the end of the block: the next entry is at offset 0. When the ring is full the
 * datagram is refused ({@link #offer} returns false) and the caller counts it: nothing waits, nothing grows.
 *
 * <p>Thread safety: one thread calls {@link #offer}, one other thread {@link #poll}; the positions are
 * published with release/acquire ordering.
 */
public final class DatagramRing implements AutoCloseable {
    static final int HEADER = 40;
    private static final int WRAP = -1;
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(DatagramRing.class, "head", long.class);
            TAIL = MethodHandles.lookup().findVarHandle(DatagramRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena;
    private final MemorySegment block;
    private final long capacity;
    /** Bytes written in all, including wrap padding; read by the consumer. */
    @SuppressWarnings("unused")
    private volatile long tail;
    /** Bytes released in all; read by the producer. */
    @SuppressWarnings("unused")
    private volatile long head;

    /** @param capacity bytes of the block, at least 128 KiB: the largest datagram must fit twice */
    public DatagramRing(long capacity) {
        if (capacity < 128 * 1024) throw new IllegalArgumentException("ring capacity below 128 KiB: " + capacity);
        this.capacity = capacity & ~7L;
        this.arena = Arena.ofShared();
        this.block = arena.allocate(this.capacity, 8);
    }

    /** What the consumer is handed for each datagram; the payload is valid only during the call. */
    @FunctionalInterface
    public interface Reader {
        void datagram(MemorySegment data, long offset, int length, long srcHi, long srcLo, int port, long receivedNanos);
    }

    /**
     * Copies {@code payload}'s remaining bytes in as one datagram.
     *
     * @return false when the ring has no room (the datagram is not stored)
     */
    public boolean offer(ByteBuffer payload, long srcHi, long srcLo, int port, long receivedNanos) {
        int length = payload.remaining();
        long span = (HEADER + length + 7) & ~7L;
        long t = (long) TAIL.getOpaque(this);
        long h = (long) HEAD.getAcquire(this);
        long pos = t % capacity;
        long pad = 0;
        if (pos + span > capacity) {
            pad = capacity - pos; // the entry does not fit before the end: skip to the block's start
        }
        if (t + pad + span - h > capacity) return false;
        if (pad > 0) {
            if (pad >= 4) block.set(ValueLayout.JAVA_INT, pos, WRAP);
            pos = 0;
        }
        block.set(ValueLayout.JAVA_INT, pos + 4, length);
        block.set(ValueLayout.JAVA_LONG, pos + 8, receivedNanos);
        block.set(ValueLayout.JAVA_LONG, pos + 16, srcHi);
        block.set(ValueLayout.JAVA_LONG, pos + 24, srcLo);
        block.set(ValueLayout.JAVA_INT, pos + 32, port);
        MemorySegment.copy(MemorySegment.ofBuffer(payload), 0, block, pos + HEADER, length);
        block.set(ValueLayout.JAVA_INT, pos, (int) span);
        TAIL.setRelease(this, t + pad + span);
        return true;
    }

    /**
     * Hands up to {@code max} waiting datagrams to {@code reader}, oldest first, releasing each after
     * the call.
     *
     * @return how many were handed over
     */
    public int poll(Reader reader, int max) {
        long h = (long) HEAD.getOpaque(this);
        long t = (long) TAIL.getAcquire(this);
        int n = 0;
        while (h < t && n < max) {
            long pos = h % capacity;
            if (capacity - pos < HEADER || block.get(ValueLayout.JAVA_INT, pos) == WRAP) {
                h += capacity - pos;
                continue;
            }
            int span = block.get(ValueLayout.JAVA_INT, pos);
            int length = block.get(ValueLayout.JAVA_INT, pos + 4);
            reader.datagram(block, pos + HEADER, length, block.get(ValueLayout.JAVA_LONG, pos + 16),
                    block.get(ValueLayout.JAVA_LONG, pos + 24), block.get(ValueLayout.JAVA_INT, pos + 32),
                    block.get(ValueLayout.JAVA_LONG, pos + 8));
            h += span;
            HEAD.setRelease(this, h);
            n++;
        }
        HEAD.setRelease(this, h);
        return n;
    }

    /** True when nothing waits. */
    public boolean isEmpty() {
        return (long) HEAD.getAcquire(this) >= (long) TAIL.getAcquire(this);
    }

    public long capacity() {
        return capacity;
    }

    /** Frees the block; neither side may use the ring afterwards. */
    @Override
    public void close() {
        arena.close();
    }
}
