package dev.netproof.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The binary answer of {@code /api/v1/pcap}: the capture is written to a temporary file first, so that
 * the response headers can carry how complete it is (packets, snapped, evicted segments) and an error
 * found while writing is still a JSON error with its status, not a cut download.
 */
final class PcapAnswer {
    static final String PATH = "/api/v1/pcap";

    @FunctionalInterface
    interface ErrorSender {
        void send(int status, String message) throws IOException;
    }

    private PcapAnswer() {}

    static void send(HttpExchange ex, PcapExport export, Params params, ErrorSender error) throws IOException {
        if (export == null) {
            error.send(404, "this server has no packet store");
            return;
        }
        Path tmp = Files.createTempFile("netproof-pcap", ".part");
        try {
            PcapExport.Answer a;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                a = export.export(params, out);
            } catch (PcapExport.Failure f) {
                error.send(f.status(), f.getMessage());
                return;
            }
            var h = ex.getResponseHeaders();
            h.set("Content-Type", a.mediaType());
            h.set("Content-Disposition", "attachment; filename=\"" + a.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
            h.set("Cache-Control", "no-store");
            a.headers().forEach(h::set);
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(200, head ? -1 : Files.size(tmp));
            if (!head) {
                try (OutputStream os = ex.getResponseBody()) {
                    Files.copy(tmp, os);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
