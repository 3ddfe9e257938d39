package dev.netproof.app.ingest;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.dns.DnsDecoder;
import dev.netproof.decode.dns.DnsError;
import dev.netproof.decode.dns.DnsMessage;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.dns.DnsTransactions;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The DNS step of the pipeline: DNS over UDP port 53 (either side), decoded and paired into
 * {@link DnsEvent}s linked to their flows, with its ledger: stage {@code dns}, {@code messages}
 * seen, {@code decoded} whole, {@code no_flow} (no flow to link it to), {@code error.<reason>} for the others (what was decoded before the
 * fault still counts towards its transaction), {@code unanswered} and {@code evicted} queries.
 * DNS over TCP and on other ports is the next step (issue 4).
 */
public final class DnsStage {
    /** Ledger metrics of stage {@code dns}. */
    public enum Metric { MESSAGES, DECODED, ERRORS, NO_FLOW, EVENTS, UNANSWERED, EVICTED }

    /** A query's response must come within this much capture time (Zeek's dns_max_queries timeout is similar). */
    static final long TIMEOUT_NANOS = 10_000_000_000L;
    /** Queries waiting at once, at most. */
    static final int MAX_PENDING = 100_000;

    private final DnsDecoder decoder = new DnsDecoder();
    private final DnsTransactions transactions;
    private final StageCounters counters;
    private final StageCounters errors;
    private long lastEvicted;

    public DnsStage(String source, QualitySink quality, Consumer<DnsEvent> sink) {
        this.counters = new StageCounters(source, "dns", Metric.class, quality);
        this.errors = new StageCounters(source, "dns", "error.", DnsError.class, quality);
        this.transactions = new DnsTransactions(TIMEOUT_NANOS, MAX_PENDING, source, e -> {
            counters.inc(Metric.EVENTS);
            if (e.status() == DnsEvent.Status.UNANSWERED) counters.inc(Metric.UNANSWERED);
            sink.accept(e);
        });
    }

    /** Looks at one packet the flow table has accepted. */
    public void accept(MemorySegment data, long offset, DecodedPacket p, FlowTable flows) {
        if (p.ipProto != 17 || !p.hasPorts || p.fragment || p.payloadCaptured == 0 || (p.srcPort != 53 && p.dstPort != 53)) {
            return;
        }
        long sec = Math.floorDiv(p.tsNanos, 1_000_000_000L);
        counters.at(sec);
        errors.at(sec);
        counters.inc(Metric.MESSAGES);
        String uid = flows.uidOf(p);
        if (uid == null) { // the flow table kept no flow for it: not paired, but not lost from the count
            counters.inc(Metric.NO_FLOW);
            return;
        }
        DnsMessage m = decoder.decode(data, offset + p.payloadOffset, p.payloadCaptured);
        if (m.complete()) {
            counters.inc(Metric.DECODED);
        } else {
            counters.inc(Metric.ERRORS);
            errors.inc(m.error());
            if (m.error() == DnsError.TRUNCATED_HEADER) return;
        }
        transactions.accept(p.tsNanos, new DnsTransactions.Endpoints(uid, new IpAddress(p.srcHi, p.srcLo), p.srcPort,
                new IpAddress(p.dstHi, p.dstLo), p.dstPort, Transport.UDP), m);
        countEvicted();
    }

    /** End of input: waiting queries are unanswered. */
    public void finish() {
        transactions.finish();
        countEvicted();
        counters.flush();
        errors.flush();
    }

    private void countEvicted() {
        long e = transactions.evicted();
        if (e != lastEvicted) {
            counters.add(Metric.EVICTED, e - lastEvicted);
            lastEvicted = e;
        }
    }
}
