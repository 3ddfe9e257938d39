package dev.netproof.app.corpus;

import dev.netproof.app.ingest.IngestPipeline;
import dev.netproof.app.ingest.IngestReport;
import dev.netproof.app.ingest.Progress;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.Flow;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.source.pcap.CaptureOpenException;
import dev.netproof.testkit.Corpus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * netproof's rows for a corpus capture: the whole ingest pipeline with default settings, into a list.
 * Each capture is ingested once per JVM and shared by the differential tests. Thread-safe.
 */
final class NetproofRun {
    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();

    private NetproofRun() {
    }

    /** The rows and DNS transactions, in emission order, and the ingest report. */
    record Result(List<Flow> flows, List<DnsEvent> dns, IngestReport report) {
    }

    static Result of(Corpus.Capture capture) {
        return CACHE.computeIfAbsent(capture.name(), n -> run(capture));
    }

    private static Result run(Corpus.Capture capture) {
        List<Flow> flows = Collections.synchronizedList(new ArrayList<>());
        List<DnsEvent> dns = Collections.synchronizedList(new ArrayList<>());
        try {
            IngestReport report = new IngestPipeline(FlowTableConfig.defaults(), Progress.Mode.NONE, System.err)
                    .run(capture.path(), flows::add, QualitySink.DISCARD, dns::add);
            if (report.failed()) {
                throw new AssertionError(capture.fileName() + ": netproof stopped reading: " + report.fault().orElseThrow());
            }
            return new Result(List.copyOf(flows), List.copyOf(dns), report);
        } catch (CaptureOpenException e) {
            throw new AssertionError(capture.fileName() + ": netproof cannot open it: " + e.getMessage(), e);
        }
    }
}
