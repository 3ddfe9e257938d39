package dev.netproof.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The floor under the packet path's read stage: what walking a classic pcap file's records costs on this machine,
 * with nothing done per packet. Three walks over the mapped file, each timed by the thread's CPU time:
 * <ul>
 *   <li>{@code pages}: one load per 4 KiB page, no records: what mapping the file costs (page faults);</li>
 *   <li>{@code headers}: record to record, reading each header and two bytes of the packet (an untagged IPv4
 *       frame's protocol and TCP flags), as the reader and the decoder must;</li>
 *   <li>{@code lines}: the same, with every 64-byte line loaded 64 KiB ahead, as {@code ReadAhead} does.</li>
 * </ul>
 * The difference between the last two and the first is the memory traffic of the walk, which no decoder or flow
 * table change can remove. Little-endian files only (what {@code gen_pcap.py} writes).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.netproof.bench.RecordWalk bench/cache/synth-5000000.pcap [ROUNDS=5]</pre>
 */
public final class RecordWalk {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long FILE_HEADER = 24, RECORD_HEADER = 16, PAGE = 4096, LINE = 64, AHEAD = 64 * 1024;
    /** Where each walk's loaded bytes end up. */
    static long loaded;

    private RecordWalk() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.println("| round | pages: CPU ns a record | headers | headers and every line |");
        System.out.println("|---:|---:|---:|---:|");
        for (int r = 1; r <= rounds; r++) {
            double pages = walk(file, "pages"), headers = walk(file, "headers"), lines = walk(file, "lines");
            // the first round runs the loops interpreted and compiles them: not a figure to quote
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", r == 1 ? "warm-up" : String.valueOf(r), pages,
                    headers, lines);
        }
    }

    /** One walk of {@code mode}; CPU ns per record. */
    private static double walk(Path file, String mode) throws Exception {
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file)) {
            MemorySegment s = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            long size = s.byteSize();
            long sum = 0, records = 0;
            long start = CpuTime.now();
            long cpu;
            if (mode.equals("pages")) {
                for (long o = 0; o < size; o += PAGE) sum += s.get(ValueLayout.JAVA_BYTE, o);
                cpu = CpuTime.now() - start;
                records = countRecords(s); // after the clock: only the page loads are timed
            } else {
                boolean lines = mode.equals("lines");
                long touched = FILE_HEADER;
                for (long off = FILE_HEADER; off + RECORD_HEADER <= size; records++) {
                    int capLen = s.get(INT, off + 8);
                    if (capLen < 0 || off + RECORD_HEADER + capLen > size) break;
                    if (capLen > 47) sum += s.get(ValueLayout.JAVA_BYTE, off + RECORD_HEADER + 23) + s.get(ValueLayout.JAVA_BYTE, off + RECORD_HEADER + 47);
                    off += RECORD_HEADER + capLen;
                    if (lines) {
                        for (long target = Math.min(off + AHEAD, size); touched < target; touched += LINE) {
                            sum += s.get(ValueLayout.JAVA_BYTE, touched);
                        }
                    }
                }
                cpu = CpuTime.now() - start;
            }
            loaded = sum; // a use of every load, so the JIT keeps them
            return cpu / (double) Math.max(1, records);
        }
    }

    /** Records in the file. */
    private static long countRecords(MemorySegment s) {
        long n = 0;
        for (long off = FILE_HEADER; off + RECORD_HEADER <= s.byteSize(); n++) {
            int capLen = s.get(INT, off + 8);
            if (capLen < 0) break;
            off += RECORD_HEADER + capLen;
        }
        return n;
    }
}
