package dev.netproof.app.cli;

import dev.netproof.app.Main;
import dev.netproof.app.extract.ExtractException;
import dev.netproof.app.extract.PacketExtract;
import dev.netproof.packetstore.Extraction;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netproof extract --uid UID | --host IP | --filter EXPR [--from T --to T] -o FILE}: packets from the packet store. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Write the stored packets of a flow, a host or the flows matching a filter to a capture file.",
                "Classic pcap (nanosecond timestamps) when all packets share a link type, pcapng otherwise.",
                "How complete the answer is (packets, snapped, evicted or damaged segments) goes to stderr."})
public final class ExtractCommand implements Callable<Integer> {
    @Mixin DataOption data;

    @Mixin PacketStoreLocation location;

    @Option(names = "--uid", paramLabel = "UID", description = "The flow with this uid (both directions).")
    String uid;

    @Option(names = "--host", paramLabel = "IP", description = "Every packet from or to this address.")
    String host;

    @Option(names = "--filter", paramLabel = "EXPR", description = "The flows matching this filter (as 'netproof query flows').")
    String filter;

    @Option(names = "--from", paramLabel = "T", description = "Start of the time range (RFC 3339 or epoch seconds).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "End of the time range, exclusive.")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The capture file to write ('-' for stdout).")
    Path output;

    @Override
    public Integer call() {
        PacketExtract request;
        try {
            request = PacketExtract.parse(uid, host, filter, from, to);
        } catch (ExtractException e) {
            throw new UserError(e.getMessage().replace("uid, host or filter", "--uid, --host or --filter"), 2);
        }
        try (Store store = data.open(false); PacketStore packets = location.openExisting(data.dir())) {
            PacketExtract.Plan plan = request.plan(store, packets);
            Extraction.Result r;
            if (output.toString().equals("-")) {
                r = plan.write(packets, System.out);
                System.out.flush();
            } else {
                Path part = output.resolveSibling(output.getFileName() + ".part");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                    r = plan.write(packets, out);
                }
                Files.move(part, output, StandardCopyOption.REPLACE_EXISTING);
            }
            System.err.println("netproof: " + plan.what() + ": " + PacketExtract.summary(r)
                    + (output.toString().equals("-") ? "" : " -> " + output + (r.pcapng() ? " (pcapng)" : " (pcap)")));
            return r.damaged().isEmpty() ? Main.OK : Main.FAILED;
        } catch (ExtractException e) {
            throw new UserError(e.getMessage());
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("extract: " + e.getMessage());
        }
    }
}
