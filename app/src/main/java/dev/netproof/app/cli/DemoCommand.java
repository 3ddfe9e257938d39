package dev.netproof.app.cli;

import dev.netproof.app.Main;
import dev.netproof.app.ingest.IngestReport;
import dev.netproof.app.ingest.Progress;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netproof demo}: ingests the bundled sample captures (real traces from the Zeek and
 * suricata-verify test suites, see {@code samples/ATTRIBUTION.md}) into a fresh store and serves it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Ingest the bundled sample traffic into a fresh store and serve the API.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "netproof-demo-data",
            description = "Store directory for the demo; its store is replaced (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", defaultValue = "8080", description = "API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-serve", description = "Ingest and print the summary, then exit.")
    boolean noServe;

    @Mixin FlowTableOptions flowOptions;

    @Override
    public Integer call() throws Exception {
        List<Path> samples = extractSamples(dir.resolve("samples"));
        Files.deleteIfExists(dir.resolve(Store.FILE_NAME));
        Files.deleteIfExists(dir.resolve(Store.FILE_NAME + ".wal"));
        System.out.println("netproof demo: ingesting " + samples.size() + " sample captures into " + dir);
        try (Store store = Store.open(dir); PacketStore packetStore = PacketStoreOptions.openDefault(dir)) {
            for (Path s : samples) packetStore.deleteSource(s.toString()); // the store was emptied above: so are the packets
            List<IngestReport> reports = IngestCommand.ingest(store, samples, flowOptions, AnalyzerOptions.defaults(), Progress.Mode.NONE,
                    System.err, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), packetStore);
            long packets = reports.stream().mapToLong(IngestReport::packets).sum();
            long flows = reports.stream().mapToLong(IngestReport::flowsEmitted).sum();
            System.out.println("netproof demo: " + packets + " packets, " + flows + " flows stored");
            System.out.println("  ./netproof query top --data " + dir + " --by id.resp_h,id.resp_p --metric bytes");
            System.out.println("  ./netproof query flows --data " + dir + " --filter 'conn_state == REJ or conn_state == S0'");
            if (noServe) return Main.OK;
            ServeCommand.serve(store, "127.0.0.1", port);
            return Main.OK;
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Copies the bundled captures out of the jar (the reader maps files) and returns their paths. */
    static List<Path> extractSamples(Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> out = new ArrayList<>();
        try (InputStream index = DemoCommand.class.getResourceAsStream("/samples/INDEX")) {
            if (index == null) throw new UserError("the bundled samples are missing from this build");
            for (String name : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                name = name.trim();
                if (name.isEmpty()) continue;
                try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/" + name)) {
                    if (in == null) throw new UserError("bundled sample missing: " + name);
                    Path p = target.resolve(name);
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                    out.add(p);
                }
            }
        }
        return out;
    }
}
