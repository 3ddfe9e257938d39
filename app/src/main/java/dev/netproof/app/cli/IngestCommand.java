package dev.netproof.app.cli;

import dev.netproof.app.Main;
import dev.netproof.app.ingest.IngestPipeline;
import dev.netproof.app.ingest.IngestReport;
import dev.netproof.app.ingest.Progress;
import dev.netproof.app.ingest.IngestAdmission;
import dev.netproof.app.ingest.SourceKey;
import dev.netproof.source.pcap.CaptureOpenException;
import dev.netproof.store.IngestJournal;
import dev.netproof.store.SourceOutputs;
import dev.netproof.store.SourceRemoval;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.store.tier.ColdFiles;
import dev.netproof.store.tier.HotFiles;
import dev.netproof.store.tier.TierSettings;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import dev.netproof.store.StoreWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
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
                "A file that is damaged part-way keeps everything before the damage; the exit code is then 1.",
                "A file already stored (by content, under any name) is skipped; one whose ingest was interrupted is cleaned and ingested again."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Mixin FlowTableOptions flowOptions;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files (pcap or pcapng).")
    List<Path> files;

    @Mixin AnalyzerOptions analyzers;
    @Mixin TierOptions tierOptions;

    @Mixin PacketStoreOptions packetOptions;

    @Option(names = {"--replace", "--force"},
            description = "Ingest files already in the store again, removing their earlier rows first (otherwise they are skipped).")
    boolean replace;

    @Option(names = "--commit-interval", paramLabel = "SECONDS",
            description = "Commit stored rows at least this often, so that readers see them while the ingest runs "
                    + "(default: whenever 500,000 flows wait, at least every 60 s).")
    Double commitInterval;

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
        if (commitInterval != null && !(commitInterval > 0)) throw new UserError("--commit-interval must be positive", Main.USAGE);
        StoreWriter.Commits commits = commitInterval == null ? StoreWriter.FILE_COMMITS
                : StoreWriter.Commits.every(Duration.ofMillis(Math.round(commitInterval * 1000)));
        try (Store store = data.open(true)) {
            store.useThreads(1); // the packet path has the other core (Store.useThreads)
            Outcome o;
            try (PacketStore packets = packetOptions.open(data.dir())) {
                o = ingest(store, files, flowOptions, analyzers, mode, System.err, System.out, replace, commits,
                        tierOptions, packets);
            } catch (IOException e) {
                throw new UserError("packet store: " + e.getMessage());
            }
            TierOptions.apply(store, tierOptions.policy(), System.out);
            boolean failed = o.reports().size() + o.skipped() < files.size() || o.reports().stream().anyMatch(IngestReport::failed);
            return failed ? Main.FAILED : Main.OK;
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The files ingested, and how many were skipped as already in the store. */
    record Outcome(List<IngestReport> reports, int skipped) {}

    /** Ingests each file in turn, printing a summary per file; a file that cannot be opened is reported and skipped. */
    static List<IngestReport> ingest(Store store, List<Path> files, FlowTableOptions options, AnalyzerOptions analyzers,
                                     Progress.Mode mode, PrintStream progressOut, PrintStream out) throws StoreException {
        return ingest(store, files, options, analyzers, mode, progressOut, out, null);
    }

    /** As above, storing packets in {@code packets} too (null: not stored). */
    static List<IngestReport> ingest(Store store, List<Path> files, FlowTableOptions options, AnalyzerOptions analyzers,
                                     Progress.Mode mode, PrintStream progressOut, PrintStream out, PacketStore packets)
            throws StoreException {
        return ingest(store, files, options, analyzers, mode, progressOut, out, false, StoreWriter.FILE_COMMITS,
                TierOptions.defaults(), packets).reports();
    }

    /**
     * As above; a file already ingested (by content: {@link SourceKey}) is skipped unless {@code replace},
     * and the partial rows of an interrupted earlier ingest of it are removed first ({@link IngestAdmission}).
     */
    static Outcome ingest(Store store, List<Path> files, FlowTableOptions options, AnalyzerOptions analyzers,
                          Progress.Mode mode, PrintStream progressOut, PrintStream out, boolean replace,
                          StoreWriter.Commits commits, TierOptions tierOptions) throws StoreException {
        return ingest(store, files, options, analyzers, mode, progressOut, out, replace, commits, tierOptions, null);
    }

    /** As above, storing packets in {@code packets} too (null: not stored); removing a source removes its packets. */
    static Outcome ingest(Store store, List<Path> files, FlowTableOptions options, AnalyzerOptions analyzers,
                          Progress.Mode mode, PrintStream progressOut, PrintStream out, boolean replace,
                          StoreWriter.Commits commits, TierOptions tierOptions, PacketStore packets) throws StoreException {
        TierSettings tiers = tierOptions.settings(store.dir());
        IngestPipeline pipeline = analyzers.apply(new IngestPipeline(options.config(), mode, progressOut)).packets(packets);
        List<IngestReport> reports = new ArrayList<>();
        int skipped = 0;
        // the stores outside DuckDB that keep source rows (tiers, packet store) are listed here
        List<SourceOutputs> outside = new ArrayList<>(List.of(ColdFiles.outputs(store), HotFiles.outputs(store)));
        if (packets != null) outside.add(packets::deleteSource);
        try (IngestJournal journal = new IngestJournal(store, new SourceRemoval(outside))) {
            IngestAdmission admission = new IngestAdmission(journal);
            for (Path f : files) {
                long started = System.currentTimeMillis() * 1_000_000L;
                SourceKey key;
                try {
                    key = SourceKey.of(f);
                } catch (CaptureOpenException e) {
                    progressOut.println("netproof: " + e.getMessage());
                    continue;
                }
                IngestAdmission.Decision d = admission.admit(f, key, replace, started);
                if (d instanceof IngestAdmission.Skip s) {
                    out.println(s.message());
                    skipped++;
                    continue;
                }
                if (d instanceof IngestAdmission.Refuse r) {
                    progressOut.println("netproof: " + r.message());
                    continue;
                }
                IngestAdmission.Go go = (IngestAdmission.Go) d;
                go.notes().forEach(n -> out.println(f + ": " + n));
                IngestReport r = ingestOne(store, pipeline, f, go.runId(), journal, commits, tiers, progressOut);
                if (r == null) continue;
                printSummary(out, r);
                if (packets != null) out.println("  packets: " + nonZero(pipeline.packetTotals()));
                r.fault().ifPresent(msg -> progressOut.println("netproof: " + msg));
                reports.add(r);
            }
        }
        return new Outcome(reports, skipped);
    }

    /** One file, journaled as run {@code runId}; null when it cannot be opened (reported). */
    private static IngestReport ingestOne(Store store, IngestPipeline pipeline, Path f, long runId, IngestJournal journal,
                                          StoreWriter.Commits commits, TierSettings tiers, PrintStream progressOut)
            throws StoreException {
        IngestReport r;
        // a file's rows all come in this run: each commit writes them to the hot tier's Parquet files
        try (StoreWriter writer = new StoreWriter(store, 32768, 4, commits).tiers(tiers).sealHot(true)) {
            writer.journal(runId);
            try {
                r = pipeline.run(f, writer);
            } catch (CaptureOpenException e) {
                progressOut.println("netproof: " + e.getMessage());
                journal.finish(runId, System.currentTimeMillis() * 1_000_000L, 0, 0, IngestJournal.NOT_OPENED);
                return null;
            }
            journal.finish(runId, System.currentTimeMillis() * 1_000_000L, r.packets(), r.flowsEmitted(),
                    r.failed() ? IngestJournal.FAULT : IngestJournal.OK);
        }
        return r;
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
