package dev.netproof.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of the benchmark thread and the packets it handled, per iteration (JMH secondary results
 * {@code cpuNanos} and {@code cpuPackets}, summed, not divided by time). Their ratio is packets per
 * CPU-second of that one thread: a figure that other work on a shared machine skews far less than
 * the wall-clock score, since time spent waiting for a core is not counted. Costs one
 * {@code clock_gettime} per invocation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;
    public long cpuPackets;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        cpuPackets = 0;
    }

    /** The calling thread's CPU time, nanoseconds. */
    static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Adds {@code packets} handled since {@code start} (a value of {@link #now()}). */
    public void add(long packets, long start) {
        cpuNanos += now() - start;
        cpuPackets += packets;
    }
}
