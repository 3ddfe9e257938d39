package dev.netproof.bench;

import dev.netproof.bench.internal.ExportDatagrams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a capture of NetFlow v9 export datagrams (softflowd's, taken with {@code dumpcap -i lo}) over
 * UDP at a target rate of flow records per second (options records left out), looping over the capture until enough records are
 * sent: a sender faster than nfreplay, which packs about 9 records in a datagram and does not offer
 * more than about a million records/s here, so that both collectors can be offered the same stream at
 * several million.
 *
 * <p>Each loop after the first shifts the header's sequence number by the capture's span of sequence
 * numbers and its uptime and clock by the capture's span of seconds, so that the exporter looks like
 * one that keeps exporting (no restart, no duplicates) and the records' own times stay those of the
 * capture.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.netproof.bench.ExportBlaster PCAP HOST PORT RECORDS_PER_S RECORDS
 * </pre>
 * {@code RECORDS_PER_S} 0 sends as fast as one thread can; it stops after the datagram that makes
 * {@code RECORDS} flow records or more. Prints one line: datagrams and flow records sent, wall seconds,
 * the offered records/s and datagrams/s, and send errors.
 */
public final class ExportBlaster {
    private ExportBlaster() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ExportBlaster PCAP HOST PORT RECORDS_PER_S RECORDS");
            System.exit(2);
        }
        ExportDatagrams d = ExportDatagrams.load(Path.of(args[0]));
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        double rate = Double.parseDouble(args[3]);
        long want = Long.parseLong(args[4]);
        System.out.println(blast(d.payloads(), target, rate, want));
    }

    static String blast(List<byte[]> payloads, InetSocketAddress target, double rate, long want) throws IOException {
        int n = payloads.size();
        int[] records = ExportDatagrams.v9Flows(payloads);
        long perLoop = 0;
        for (int i = 0; i < n; i++) {
            if (records[i] < 0) throw new IllegalArgumentException("datagram " + i + " is not NetFlow v9");
            perLoop += records[i];
        }
        if (perLoop == 0) throw new IllegalArgumentException("no data records in the capture");
        ByteBuffer first = ByteBuffer.wrap(payloads.get(0));
        ByteBuffer last = ByteBuffer.wrap(payloads.get(n - 1));
        long seqSpan = (last.getInt(12) & 0xffff_ffffL) - (first.getInt(12) & 0xffff_ffffL) + 1;
        long secSpan = (last.getInt(8) & 0xffff_ffffL) - (first.getInt(8) & 0xffff_ffffL) + 1;

        ByteBuffer buf = ByteBuffer.allocateDirect(65_535).order(ByteOrder.BIG_ENDIAN);
        long sentRecords = 0;
        long datagrams = 0;
        long errors = 0;
        double nanosPerRecord = rate > 0 ? 1e9 / rate : 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
            ch.connect(target);
            long start = System.nanoTime();
            outer:
            for (long loop = 0; ; loop++) {
                for (int i = 0; i < n; i++) {
                    if (sentRecords >= want) break outer;
                    if (rate > 0) {
                        long due = start + (long) (sentRecords * nanosPerRecord);
                        long wait;
                        // park, never spin: at 1 M records/s a datagram is due every 29 us, and spinning for it
                        // took most of a core from the collector on this 2-core machine (perf). A park that
                        // overshoots is caught up by the next datagrams, whose times have passed: short bursts.
                        while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                    }
                    byte[] p = payloads.get(i);
                    buf.clear();
                    buf.put(p).flip();
                    if (loop > 0) {
                        buf.putInt(4, (int) (buf.getInt(4) + loop * secSpan * 1000));
                        buf.putInt(8, (int) (buf.getInt(8) + loop * secSpan));
                        buf.putInt(12, (int) (buf.getInt(12) + loop * seqSpan));
                    }
                    try {
                        ch.write(buf);
                    } catch (IOException e) {
                        errors++; // e.g. connection refused: nothing listens (yet)
                    }
                    datagrams++;
                    sentRecords += records[i];
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT,
                    "sent %d datagrams, %d records in %.3f s: %.0f records/s, %.0f datagrams/s, %d send errors",
                    datagrams, sentRecords, secs, sentRecords / secs, datagrams / secs, errors);
        }
    }
}
