package dev.netproof.app.cli;

import dev.netproof.app.collect.CollectRun;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.source.flow.listen.UdpListener;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netproof collect}: flow-export listeners into the store, until interrupted or for a duration. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Receive NetFlow v5/v9, IPFIX and sFlow v5 exports over UDP and store their records "
                + "(export_flows, metric_samples), with every exporter's loss, duplicates and clock offset "
                + "(GET /api/v1/exporters) and kernel socket drops in the quality ledger.",
                "Ctrl-C stops it: what was received is decoded and stored first."})
public final class CollectCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Mixin CollectOptions listen;
    @Mixin TierOptions tierOptions;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop after this many seconds; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    long duration;

    @Option(names = "--status-every", defaultValue = "10", paramLabel = "SECONDS",
            description = "Print a status line this often; 0 for none (default: ${DEFAULT-VALUE}).")
    long statusEvery;

    @Override
    public Integer call() throws Exception {
        if (duration < 0 || statusEvery < 0) throw new UserError("--duration and --status-every cannot be negative");
        PrintStream out = System.out;
        try (Store store = data.open(true)) {
            store.useThreads(1); // the writer's inserts on the calling thread; the decoder and receiver have the rest (Store.useThreads)
            CollectRun run = open(store, listen);
            run.start();
            TierOptions.every(store, tierOptions.policy(), 5, out); // daemon: ends with the process
            for (UdpListener l : run.listeners()) {
                out.printf(Locale.ROOT, "netproof collecting on udp %s:%d (receive buffer %d bytes)%n", listen.listen, l.port(),
                        l.receiveBuffer());
            }
            for (var l : run.tcpListeners()) {
                out.printf(Locale.ROOT, "netproof collecting IPFIX on tcp %s:%d%n", listen.listen, l.port());
            }
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stored = new CountDownLatch(1);
            // Ctrl-C: the JVM exits when its hooks return, so the hook waits until what was received is stored
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stored.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            // deadlines as durations since the start: nanoTime values may be anywhere, and adding to them can overflow
            long started = System.nanoTime();
            long runFor = duration == 0 ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(duration);
            long every = statusEvery == 0 ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(statusEvery);
            long nextStatus = every;
            while (true) {
                long elapsed = System.nanoTime() - started;
                if (elapsed >= runFor) break;
                if (stop.await(Math.min(runFor, nextStatus) - elapsed, TimeUnit.NANOSECONDS)) break;
                if (System.nanoTime() - started >= nextStatus) {
                    status(out, run);
                    nextStatus = nextStatus > Long.MAX_VALUE - every ? Long.MAX_VALUE : nextStatus + every;
                }
            }
            try {
                run.close();
                summary(out, run);
            } finally {
                stored.countDown();
            }
            return 0;
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    static CollectRun open(Store store, CollectOptions options) throws StoreException {
        try {
            return new CollectRun(store, options.config());
        } catch (IOException e) {
            throw new UserError("cannot listen on " + options.listen + " (udp " + options.udp + ", tcp " + options.tcp + "): "
                    + e.getMessage());
        }
    }

    private static void status(PrintStream out, CollectRun run) {
        out.printf(Locale.ROOT, "%d datagrams, %d flows, %d samples, %d dropped before decoding, %d exporters%n",
                run.datagrams(), run.flows(), run.samples(), run.dropped(), run.exporters().size());
        out.flush();
    }

    static void summary(PrintStream out, CollectRun run) {
        status(out, run);
        for (ExporterSnapshot x : run.exporters()) {
            out.printf(Locale.ROOT, "  %s %s domain %d: %d datagrams, %d flows, %d samples, lost %d %s, %d duplicates, "
                            + "%d reordered, %d restarts%s%n",
                    x.key().format().label(), x.key().isOther() ? "other" : x.key().exporter(), x.key().domain(), x.datagrams(),
                    x.flows(), x.samples(), x.lost(), x.lossUnit(), x.duplicates(), x.reordered(), x.resets(),
                    x.clockOffsetNanos() == null ? "" : String.format(Locale.ROOT, ", clock offset %.3f s", x.clockOffsetNanos() / 1e9));
        }
        run.totals().forEach((stage, m) -> out.println("  " + stage + ": " + IngestCommand.nonZero(m)));
        out.flush();
    }
}
