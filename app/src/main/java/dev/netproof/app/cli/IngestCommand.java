package dev.netproof.app.cli;

import dev.netproof.app.Main;
import dev.netproof.app.ingest.IngestPipeline;
import dev.netproof.app.ingest.IngestReport;
import dev.netproof.app.ingest.Progress;
import dev.netproof.source.pcap.CaptureOpenException;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import dev.netproof.store.StoreWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netproof ingest FILE...}: capture files into the store, with progress and a summary. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read pcap/pcapng files, build flows and store them with the quality ledger.",
                "A file that is damaged part-way keeps everything before the damage; the exit code is then 1."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Mixin FlowTableOptions flowOptions;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files (pcap or pcapng).")
    List<Path> files;

    @Mixin AnalyzerOptions analyzers;

    @Mixin PacketStoreOptions packetOptions;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a bar on a terminal, lines otherwise), bar, plain or none (default: ${DEFAULT-VALUE}).")
    String progress;

    @Override
    public Integer call() {
        Progress.Mode mode = switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> Progress.auto();
            case "bar" -> Progress.Mode.BAR;
            case "plain" -> Progress.Mode.PLAIN;
            case "none" -> Progress.Mode.NONE;
            default -> throw new UserError("--progress must be auto, bar, plain or none", Main.USAGE);
        };
        try (Store store = data.open(true)) {
            store.useThreads(1); // the packet path has the other core (Store.useThreads)
            List<IngestReport> reports;
            try (PacketStore packets = packetOptions.open(data.dir())) {
                reports = ingest(store, files, flowOptions, analyzers, mode, System.err, System.out, packets);
            } catch (IOException e) {
                throw new UserError("packet store: " + e.getMessage());
            }
            boolean failed = reports.size() < files.size() || reports.stream().anyMatch(IngestReport::failed);
            return failed ? Main.FAILED : Main.OK;
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Ingests each file in turn, printing a summary per file; a file that cannot be opened is reported and skipped. */
    static List<IngestReport> ingest(Store store, List<Path> files, FlowTableOptions options, AnalyzerOptions analyzers,
                                     Progress.Mode mode, PrintStream progressOut, PrintStream out) throws StoreException {
        return ingest(store, files, options, analyzers, mode, progressOut, out, null);
    }

    /** As the other, storing packets in {@code packets} too (null: not stored). */
    static List<IngestReport> ingest(Store store, List<Path> files, FlowTableOptions options, AnalyzerOptions analyzers,
                                     Progress.Mode mode, PrintStream progressOut, PrintStream out, PacketStore packets)
            throws StoreException {
        IngestPipeline pipeline = analyzers.apply(new IngestPipeline(options.config(), mode, progressOut)).packets(packets);
        List<IngestReport> reports = new ArrayList<>();
        for (Path f : files) {
            long started = System.currentTimeMillis() * 1_000_000L;
            try (StoreWriter writer = new StoreWriter(store, 32768, 4, StoreWriter.FILE_COMMIT_INTERVAL)) {
                IngestReport r;
                try {
                    r = pipeline.run(f, writer);
                } catch (CaptureOpenException e) {
                    progressOut.println("netproof: " + e.getMessage());
                    continue;
                }
                writer.recordIngest(r.source(), r.fileBytes(), started, System.currentTimeMillis() * 1_000_000L,
                        r.packets(), r.flowsEmitted(), r.failed() ? "fault" : "ok");
                printSummary(out, r);
                if (packets != null) out.println("  packets: " + nonZero(pipeline.packetTotals()));
                r.fault().ifPresent(msg -> progressOut.println("netproof: " + msg));
                reports.add(r);
            }
        }
        return reports;
    }

    static void printSummary(PrintStream out, IngestReport r) {
        out.printf(Locale.ROOT, "%s: %d packets, %d bytes in %.2f s (%.0f packets/s), %d flows stored%s%n",
                r.source(), r.packets(), r.bytesRead(), r.elapsedNanos() / 1e9, r.packetsPerSecond(),
                r.flowsEmitted(), r.failed() ? " (stopped early at a fault)" : "");
        out.println("  read:   " + nonZero(r.read()));
        out.println("  decode: " + nonZero(r.decode()));
        if (!r.decodeErrors().isEmpty()) out.println("  decode errors: " + nonZero(r.decodeErrors()));
        out.println("  flow:   " + nonZero(r.flow()));
        if (r.exportedFlows() > 0 || r.exportedSamples() > 0 || !r.exports().isEmpty()) {
            out.printf(Locale.ROOT, "  flow exports: %d records, %d metric samples%n", r.exportedFlows(), r.exportedSamples());
            r.exports().forEach((stage, m) -> out.println("    " + stage + ": " + nonZero(m)));
        }
    }

    static String nonZero(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> {
            if (v != 0) sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v);
        });
        return sb.length() == 0 ? "(nothing)" : sb.toString();
    }
}
