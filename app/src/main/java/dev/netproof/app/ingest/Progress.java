package dev.netproof.app.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how an ingest is going: on a terminal a bar redrawn in place four times a second,
 * elsewhere (pipes, CI logs) a plain line every five seconds. Bytes and packets per second,
 * and an ETA from the bytes still to read. Runs on its own daemon thread.
 */
public final class Progress implements AutoCloseable {
    public enum Mode { BAR, PLAIN, NONE }

    private final PrintStream out;
    private final Mode mode;
    private final String name;
    private final long totalBytes;
    private final LongSupplier bytesDone;
    private final LongSupplier packetsDone;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    public Progress(PrintStream out, Mode mode, String name, long totalBytes, LongSupplier bytesDone,
                    LongSupplier packetsDone) {
        this.out = out;
        this.mode = mode;
        this.name = name;
        this.totalBytes = totalBytes;
        this.bytesDone = bytesDone;
        this.packetsDone = packetsDone;
        this.thread = Thread.ofPlatform().daemon(true).name("netproof-progress").unstarted(this::loop);
        if (mode != Mode.NONE) thread.start();
    }

    public static Mode auto() {
        return System.console() != null && System.console().isTerminal() ? Mode.BAR : Mode.PLAIN;
    }

    private void loop() {
        long period = mode == Mode.BAR ? 250 : 5000;
        while (running) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (running) print(false);
        }
    }

    private synchronized void print(boolean last) {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long b = bytesDone.getAsLong(), p = packetsDone.getAsLong();
        double frac = totalBytes > 0 ? Math.min(1.0, (double) b / totalBytes) : 1.0;
        double bps = b / secs, pps = p / secs;
        String eta = bps > 0 && b < totalBytes ? formatSeconds((totalBytes - b) / bps) : "0s";
        String stats = String.format(Locale.ROOT, "%5.1f%% %s/s %s pkt/s %s pkts ETA %s", frac * 100,
                human(bps, "B"), human(pps, ""), human(p, ""), eta);
        if (mode == Mode.BAR) {
            int width = 30, filled = (int) Math.round(frac * width);
            out.print("\r" + name + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + stats + "  ");
            if (last) out.println();
        } else {
            out.println(name + ": " + stats);
        }
        out.flush();
    }

    static String human(double v, String unit) {
        String[] p = {"", "k", "M", "G", "T"};
        int i = 0;
        while (v >= 1000 && i < p.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f%s%s" : "%.1f%s%s", v, p[i], unit);
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? (t / 3600) + "h" + (t % 3600 / 60) + "m" : t >= 60 ? (t / 60) + "m" + (t % 60) + "s" : t + "s";
    }

    @Override
    public void close() {
        if (mode == Mode.NONE) return;
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mode == Mode.BAR) print(true);
    }
}
