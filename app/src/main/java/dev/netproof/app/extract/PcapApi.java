package dev.netproof.app.extract;

import dev.netproof.packetstore.CaptureOutput;
import dev.netproof.packetstore.Extraction;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.packetstore.PacketStoreConfig;
import dev.netproof.packetstore.objects.LocalObjectStore;
import dev.netproof.server.Params;
import dev.netproof.server.PcapExport;
import dev.netproof.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/pcap?uid=…|host=…|filter=…&from=…&to=…} over the local packet store of a data
 * directory. Completeness goes in headers: {@code X-Netproof-Packets}, {@code X-Netproof-Snapped},
 * {@code X-Netproof-Evicted-Segments}, {@code X-Netproof-Damaged-Segments} and a one-line
 * {@code X-Netproof-Completeness}.
 */
public final class PcapApi implements PcapExport {
    private final Store store;
    private final Path packetDir;

    /** @param packetDir the local packet store ({@code DATA/packets}); it may appear after the server starts */
    public PcapApi(Store store, Path packetDir) {
        this.store = store;
        this.packetDir = packetDir;
    }

    @Override
    public Answer export(Params p, OutputStream out) throws Failure, IOException {
        PacketExtract request;
        try {
            request = PacketExtract.parse(p.get("uid"), p.get("host"), p.get("filter"), p.get("from"), p.get("to"));
        } catch (ExtractException e) {
            throw new Failure(400, e.getMessage());
        }
        if (!Files.isDirectory(packetDir)) throw new Failure(404, "no packet store in " + packetDir);
        try (PacketStore packets = new PacketStore(new LocalObjectStore(packetDir),
                PacketStoreConfig.defaults(packetDir.resolve("segments")))) {
            PacketExtract.Plan plan = request.plan(store, packets);
            Extraction.Result r = plan.write(packets, out);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("X-Netproof-Packets", Long.toString(r.packets()));
            h.put("X-Netproof-Snapped", Long.toString(r.snapped()));
            h.put("X-Netproof-Evicted-Segments", Integer.toString(r.evicted()));
            h.put("X-Netproof-Damaged-Segments", Integer.toString(r.damaged().size()));
            h.put("X-Netproof-Completeness", PacketExtract.summary(r).replaceAll("[^\\x20-\\x7e]", "?"));
            String name = (request.uid() != null ? request.uid() : request.host() != null ? "host-" + request.host() : "filter")
                    + (r.pcapng() ? ".pcapng" : ".pcap");
            return new Answer(CaptureOutput.mediaType(r.pcapng()), name, h);
        } catch (ExtractException e) {
            throw new Failure(e.notFound() ? 404 : 400, e.getMessage());
        }
    }
}
