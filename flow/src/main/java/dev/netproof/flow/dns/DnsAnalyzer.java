package dev.netproof.flow.dns;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.dns.DnsDecoder;
import dev.netproof.decode.dns.DnsDetector;
import dev.netproof.decode.dns.DnsError;
import dev.netproof.decode.dns.DnsMessage;
import dev.netproof.decode.dns.NetbiosName;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.DatagramReassembler;
import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The DNS analyzer of one source: messages decoded and paired into {@link DnsEvent}s linked to their
 * flows. Over UDP, any packet to or from a DNS port (53; 5353 and 5355 for multicast DNS and LLMNR; 137 for the
 * NetBIOS name service, whose names are shown decoded), and on any
 * other port a flow whose first packet is a DNS query ({@link DnsDetector}); over TCP, the connections
 * {@link #tcp} is given (the selector picks them by the same rules), framed by {@link DnsTcpConnection}.
 *
 * <p>Ledger, stage {@code dns}: {@code messages} seen ({@code tcp_messages} of them over TCP),
 * {@code decoded} whole, {@code error.<reason>} for the others (what was decoded before the fault
 * still counts towards its transaction), {@code no_flow} (no flow to link it to), {@code events},
 * {@code unanswered} and {@code evicted} queries, {@code found_on_other_ports} (flows recognised by
 * their first query), {@code tcp_lost} (TCP directions given up after a gap or cut off mid-message), and
 * {@code datagrams_reassembled}/{@code datagrams_dropped}: UDP datagrams of any port that came in IP fragments,
 * put back together (and then read if DNS) or given up (incomplete after 30 s or at the end, or cut by the snap length),
 * and {@code names_evicted}: addresses passive DNS forgot because it remembered as many as it may.
 */
public final class DnsAnalyzer {
    /** Ledger metrics of stage {@code dns}. */
    public enum Metric {
        MESSAGES, TCP_MESSAGES, DECODED, ERRORS, NO_FLOW, EVENTS, UNANSWERED, EVICTED, FOUND_ON_OTHER_PORTS, TCP_LOST,
        DATAGRAMS_REASSEMBLED, DATAGRAMS_DROPPED, NAMES_EVICTED
    }

    /** UDP datagrams in fragments waiting at once, at most, and how long one may wait (Linux's ipfrag_time). */
    static final int MAX_DATAGRAMS = 4096;
    static final long DATAGRAM_TIMEOUT_NANOS = 30_000_000_000L;

    /** A query's response must come within this much capture time (Zeek's dns_max_queries timeout is similar). */
    static final long TIMEOUT_NANOS = 10_000_000_000L;
    /** Queries waiting at once, at most. */
    static final int MAX_PENDING = 100_000;

    /** Flow flag ({@link FlowTable#flags}) of a UDP flow on another port whose first packet was not DNS. */
    private static final int NOT_DNS = 2;

    /**
     * Attached to a UDP flow carrying DNS: its uid, made once per flow rather than per message, and the
     * flow's first time, which a row cut by the active timeout changes (and with it the uid).
     */
    private record FlowUid(String uid, long firstTs) {}

    private static String uid(FlowTable flows, int slot, Object attached) {
        long first = flows.firstTs(slot);
        if (attached instanceof FlowUid f && f.firstTs() == first) return f.uid();
        String uid = flows.uid(slot);
        flows.attach(slot, new FlowUid(uid, first));
        return uid;
    }

    private final DnsDecoder decoder = new DnsDecoder();
    private final DatagramReassembler datagrams = new DatagramReassembler(MAX_DATAGRAMS, DATAGRAM_TIMEOUT_NANOS);
    private final DnsTransactions transactions;
    private final StageCounters counters;
    private final StageCounters errors;
    private final DnsTcpConnection.Handler tcpHandler = new DnsTcpConnection.Handler() {
        @Override
        public void message(long ts, DnsTransactions.Endpoints from, MemorySegment data, long offset, int length) {
            at(ts);
            counters.inc(Metric.TCP_MESSAGES);
            decodeAndPair(ts, from, data, offset, length);
        }

        @Override
        public void lost(long ts, DnsTransactions.Endpoints from, DnsTcpConnection.Loss why) {
            at(ts);
            counters.inc(Metric.TCP_LOST);
        }
    };
    private long lastEvicted;

    public DnsAnalyzer(String source, QualitySink quality, Consumer<DnsEvent> sink) {
        this(source, quality, sink, null);
    }

    /** @param names learns every transaction's answers (passive DNS), or null */
    public DnsAnalyzer(String source, QualitySink quality, Consumer<DnsEvent> sink, PassiveDns names) {
        this.counters = new StageCounters(source, "dns", Metric.class, quality);
        this.errors = new StageCounters(source, "dns", "error.", DnsError.class, quality);
        this.transactions = DnsTransactions.withResponses(TIMEOUT_NANOS, MAX_PENDING, source, (e, response) -> {
            counters.inc(Metric.EVENTS);
            if (e.status() == DnsEvent.Status.UNANSWERED) counters.inc(Metric.UNANSWERED);
            if (names != null) {
                long before = names.evicted();
                names.learn(e, response);
                if (names.evicted() != before) counters.add(Metric.NAMES_EVICTED, names.evicted() - before);
            }
            sink.accept(readable(e));
        });
    }

    /**
     * Ports whose traffic is DNS (53), multicast DNS (5353), LLMNR (5355), or the NetBIOS name service
     * (137, DNS's message format with encoded names), by either side.
     */
    public static boolean dnsPort(int port) {
        return port == 53 || port == 5353 || port == 5355 || port == NETBIOS_NS;
    }

    static final int NETBIOS_NS = 137;

    /** NetBIOS name service transactions carry their names encoded: show them decoded, as Zeek does. */
    private static DnsEvent readable(DnsEvent e) {
        if (e.origP() != NETBIOS_NS && e.respP() != NETBIOS_NS) return e;
        String name = NetbiosName.decode(e.query());
        if (name == null || name.equals(e.query())) return e;
        return new DnsEvent(e.tsNanos(), e.uid(), e.origH(), e.origP(), e.respH(), e.respP(), e.proto(), e.transId(),
                e.rttNanos(), name, e.qclass(), e.qtype(), e.rcode(), e.authoritative(), e.truncated(), e.recursionDesired(),
                e.recursionAvailable(), e.answers(), e.ttls(), e.status(), e.duplicates(), e.source());
    }

    /** Looks at one packet the flow table has accepted (UDP only; TCP comes through {@link #tcp}). */
    public void accept(MemorySegment data, long offset, DecodedPacket p, FlowTable flows) {
        if (p.ipProto != 17) return;
        if (p.fragment) {
            fragment(data, offset, p, flows);
            return;
        }
        if (!p.hasPorts || p.payloadCaptured == 0) return;
        int found = flows.lastFlow();
        boolean known = dnsPort(p.srcPort) || dnsPort(p.dstPort);
        int slot = found & 0x7fff_ffff;
        Object a = found == FlowTable.NO_FLOW ? null : flows.attachment(slot);
        if (!known) {
            if (found == FlowTable.NO_FLOW || (flows.flags(slot) & NOT_DNS) != 0) return;
            if (!(a instanceof FlowUid)) {
                boolean dns = DnsDetector.looksLikeQuery(decoder, data, offset + p.payloadOffset, p.payloadCaptured);
                if (!dns) {
                    flows.flags(slot, flows.flags(slot) | NOT_DNS);
                    return;
                }
                at(p.tsNanos);
                counters.inc(Metric.FOUND_ON_OTHER_PORTS);
            }
        }
        at(p.tsNanos);
        counters.inc(Metric.MESSAGES);
        if (found == FlowTable.NO_FLOW) { // the flow table kept no flow for it: not paired, but not lost from the count
            counters.inc(Metric.NO_FLOW);
            return;
        }
        String uid = uid(flows, slot, a);
        decodeAndPair(p.tsNanos, new DnsTransactions.Endpoints(uid, new IpAddress(p.srcHi, p.srcLo),
                p.srcPort, new IpAddress(p.dstHi, p.dstLo), p.dstPort, Transport.UDP),
                data, offset + p.payloadOffset, p.payloadCaptured);
    }

    /** A UDP fragment: kept until its datagram is whole, which then goes on as DNS if it is. */
    private void fragment(MemorySegment data, long offset, DecodedPacket p, FlowTable flows) {
        int found = flows.lastFlow();
        // the first fragment carries the ports, so its flow is the datagram's flow
        String uid = p.fragOffset == 0 && found != FlowTable.NO_FLOW ? flows.uid(found & 0x7fff_ffff) : null;
        long droppedBefore = datagrams.dropped();
        DatagramReassembler.Datagram d = datagrams.offer(p, data, offset, uid);
        at(p.tsNanos);
        if (datagrams.dropped() != droppedBefore) counters.add(Metric.DATAGRAMS_DROPPED, datagrams.dropped() - droppedBefore);
        if (d == null) return;
        counters.inc(Metric.DATAGRAMS_REASSEMBLED);
        boolean dns = dnsPort(d.srcPort()) || dnsPort(d.dstPort())
                || found != FlowTable.NO_FLOW && flows.attachment(found & 0x7fff_ffff) instanceof FlowUid;
        if (!dns) return;
        counters.inc(Metric.MESSAGES);
        if (d.firstTag() == null) {
            counters.inc(Metric.NO_FLOW);
            return;
        }
        decodeAndPair(p.tsNanos, new DnsTransactions.Endpoints((String) d.firstTag(), new IpAddress(p.srcHi, p.srcLo),
                d.srcPort(), new IpAddress(p.dstHi, p.dstLo), d.dstPort(), Transport.UDP), d.payload(), 0,
                (int) d.payload().byteSize());
    }

    /**
     * Whether the first bytes a TCP client sent are a length-prefixed DNS query (DNS on a port not known
     * for it; the selector takes the known ports by themselves).
     */
    public boolean isDnsQueryStream(MemorySegment data, long offset, int length, long tsNanos) {
        if (!DnsDetector.looksLikeTcpQuery(decoder, data, offset, length)) return false;
        at(tsNanos);
        counters.inc(Metric.FOUND_ON_OTHER_PORTS);
        return true;
    }

    /** The consumer of a DNS-over-TCP connection's streams. */
    public StreamConsumer tcp(ConnectionId id) {
        return new DnsTcpConnection(id, tcpHandler);
    }

    private void decodeAndPair(long ts, DnsTransactions.Endpoints from, MemorySegment data, long offset, int length) {
        DnsMessage m = decoder.decodeAnswers(data, offset, length);
        if (m.complete()) {
            counters.inc(Metric.DECODED);
        } else {
            counters.inc(Metric.ERRORS);
            errors.inc(m.error());
            if (m.error() == DnsError.TRUNCATED_HEADER) return;
        }
        transactions.accept(ts, from, m);
        countEvicted();
    }

    private void at(long tsNanos) {
        long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
        counters.at(sec);
        errors.at(sec);
    }

    /** End of input (after the flow table's {@code finish}, which ends the TCP connections): waiting queries are unanswered. */
    public void finish() {
        long droppedBefore = datagrams.dropped();
        datagrams.finish();
        if (datagrams.dropped() != droppedBefore) counters.add(Metric.DATAGRAMS_DROPPED, datagrams.dropped() - droppedBefore);
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
