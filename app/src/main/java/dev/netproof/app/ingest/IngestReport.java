package dev.netproof.app.ingest;

import java.util.Map;
import java.util.Optional;

/**
 * What one ingest of one file did: counts per stage (the same numbers the ledger stored, as run
 * totals) and the fault that stopped the reader early, if any; {@code exportedFlows}/{@code exportedSamples}
 * are the records and metric points decoded from flow-export datagrams in the capture, {@code exports}
 * the export decoders' counters (stage → metric → count, zeros left out).
 */
public record IngestReport(
        String source,
        long fileBytes,
        long packets,
        long bytesRead,
        long flowsEmitted,
        Map<String, Long> read,
        Map<String, Long> decode,
        Map<String, Long> decodeErrors,
        Map<String, Long> flow,
        Optional<String> fault,
        long elapsedNanos,
        long exportedFlows,
        long exportedSamples,
        Map<String, Map<String, Long>> exports) {

    public IngestReport withElapsed(long nanos) {
        return new IngestReport(source, fileBytes, packets, bytesRead, flowsEmitted, read, decode, decodeErrors, flow,
                fault, nanos, exportedFlows, exportedSamples, exports);
    }

    public double packetsPerSecond() {
        return elapsedNanos > 0 ? packets / (elapsedNanos / 1e9) : 0;
    }

    public boolean failed() {
        return fault.isPresent();
    }
}
