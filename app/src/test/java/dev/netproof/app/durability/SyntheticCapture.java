package dev.netproof.app.durability;

import dev.netproof.testkit.Frames;
import dev.netproof.testkit.PcapWriter;
import java.nio.file.Path;

/**
 * A capture big enough for an ingest to run a few seconds, made in the test so it stands alone: UDP
 * request/response pairs, 100 new flows per second of capture time, so that flows end (idle timeout)
 * and reach the store all along the read, not only at its end.
 */
final class SyntheticCapture {
    private SyntheticCapture() {}

    /** Writes {@code flows} two-packet UDP flows to {@code file}. */
    static void write(Path file, int flows) {
        long t0 = 1_700_000_000_000_000_000L;
        byte[] payload = new byte[48];
        try (PcapWriter w = PcapWriter.toFile(file, PcapWriter.Header.ethernet())) {
            for (int i = 0; i < flows; i++) {
                String client = "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
                String server = "192.0.2." + (1 + i % 200);
                int cport = 1024 + (i % 60_000);
                int sport = 7000 + (i % 97);
                payload[0] = (byte) i;
                long ts = t0 + i * 10_000_000L;
                w.packet(ts, Frames.ethernet().ipv4(client, server).udp(cport, sport).payload(payload).build());
                w.packet(ts + 1_000_000L, Frames.ethernet().ipv4(server, client).udp(sport, cport).payload(payload).build());
            }
        }
    }
}
