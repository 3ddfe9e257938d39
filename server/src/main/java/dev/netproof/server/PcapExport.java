package dev.netproof.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/pcap}: writes the packets a request selects as a capture file. The
 * server has no packet store of its own; the application wires one in ({@link ApiServer#withPcap}).
 */
@FunctionalInterface
public interface PcapExport {
    /**
     * Writes the capture to {@code out} and says what it is.
     *
     * @throws Failure with the HTTP status (400 bad parameters, 404 nothing found) and a one-line message
     */
    Answer export(Params params, OutputStream out) throws Failure, IOException;

    /**
     * @param mediaType {@code application/vnd.tcpdump.pcap} or {@code application/x-pcapng}
     * @param fileName  suggested name for the download
     * @param headers   extra response headers: how complete the answer is
     */
    record Answer(String mediaType, String fileName, Map<String, String> headers) {}

    final class Failure extends Exception {
        private final int status;

        public Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
