package dev.netproof.flow.stream;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.flow.FlowTable;
import java.lang.foreign.MemorySegment;

/**
 * Reassembles the TCP connections of a {@link FlowTable} for the analyzers a {@link StreamSelector}
 * picks: feed it every packet right after the table took it.
 *
 * <p>A connection's reassembly state is attached to its flow, so it lives exactly as long as the
 * flow does (the table's bound on flows bounds it too) and ends, with its consumer, when the flow
 * leaves the table. The selector sees the first payload of each connection; a connection it declines
 * keeps nothing. Held out-of-order bytes are bounded per direction ({@code maxHeldPerDirection}) and
 * in all ({@code maxHeldTotal}); past either, the oldest hole of the connection at hand becomes a gap.
 *
 * <p>Ledger, stage {@value #STAGE}: {@code connections} given to an analyzer, {@code declined},
 * {@code segments} and {@code bytes} of payload seen on analyzed connections, {@code delivered} bytes,
 * {@code held} (bytes that arrived ahead of a hole), {@code repeated} (bytes seen twice),
 * {@code gaps}/{@code gap_bytes} (bytes lost to the analyzers), {@code finished_early} (connections
 * no longer followed because their analyzer had all it wanted) and {@code overflows} (holes given up
 * because the buffers were full). Not thread-safe: the table's thread calls it.
 */
public final class TcpStreams {
    public static final String STAGE = "stream";
    /** Default bound on held bytes per direction of a connection. */
    public static final int DEFAULT_MAX_HELD = 256 * 1024;
    /** Default bound on held bytes of all connections together. */
    public static final long DEFAULT_MAX_HELD_TOTAL = 64L * 1024 * 1024;

    public enum Metric { CONNECTIONS, DECLINED, FINISHED_EARLY, SEGMENTS, BYTES, DELIVERED, HELD, REPEATED, GAPS, GAP_BYTES, OVERFLOWS }

    /** Flag of a flow whose first payload the selector declined ({@link FlowTable#flags}). */
    private static final int DECLINED = 1;

    private final FlowTable table;
    private final StreamSelector selector;
    private final int maxHeld;
    private final long maxHeldTotal;
    private final StageCounters counters;
    private final Counts counts = new Counts();
    private final SlotCandidate candidate = new SlotCandidate();
    private long heldTotal;

    public TcpStreams(FlowTable table, StreamSelector selector, int maxHeldPerDirection, long maxHeldTotal,
                      String source, QualitySink quality) {
        if (maxHeldPerDirection < 0 || maxHeldTotal < 0) throw new IllegalArgumentException("buffer bounds must not be negative");
        this.table = table;
        this.selector = selector;
        this.maxHeld = maxHeldPerDirection;
        this.maxHeldTotal = maxHeldTotal;
        this.counters = new StageCounters(source, STAGE, Metric.class, quality);
        table.onRelease((attachment, now) -> {
            if (attachment instanceof TcpReassembler r) release(r, now);
        });
    }

    public StageCounters counters() {
        return counters;
    }

    /** The packet {@link FlowTable#accept} just took, with the bytes it was decoded from. */
    public void accept(MemorySegment data, long offset, DecodedPacket p) {
        if (p.ipProto != 6 || !p.hasPorts || p.fragment) return;
        int found = table.lastFlow();
        if (found == FlowTable.NO_FLOW) return;
        int slot = found & 0x7fff_ffff;
        boolean fromOrig = (found >>> 31) == 0;
        if ((table.flags(slot) & DECLINED) != 0) return; // the common case, read from the flow's own record
        TcpReassembler r = (TcpReassembler) table.attachment(slot);
        counters.at(Math.floorDiv(p.tsNanos, 1_000_000_000L));
        if (r == null) {
            // nothing is kept before the first payload: the flow table knows where each side's bytes start
            if (p.payloadCaptured <= 0) return;
            candidate.slot = slot;
            StreamConsumer c = selector.select(candidate, fromOrig, data, offset + p.payloadOffset, p.payloadCaptured, p.tsNanos);
            if (c == null) {
                counters.inc(Metric.DECLINED);
                table.flags(slot, table.flags(slot) | DECLINED);
                return;
            }
            counters.inc(Metric.CONNECTIONS);
            r = new TcpReassembler(maxHeld, counts);
            r.consumer(c);
            for (int side = 0; side < 2; side++) {
                long first = table.tcpFirstDataSeq(slot, side); // e.g. one past the SYN: a lost first segment is a hole
                if (first >= 0) r.startAt(side == 0, (int) first);
            }
            table.attach(slot, r);
        }
        if (r.consumer() != null && p.payloadLen > 0) {
            counters.inc(Metric.SEGMENTS);
            counters.add(Metric.BYTES, p.payloadLen);
        }
        int before = r.heldBytes();
        boolean called = r.segment(fromOrig, p.tcpFlags, (int) p.seq, (int) p.ack, data, offset + p.payloadOffset,
                Math.max(0, p.payloadCaptured), Math.max(0, p.payloadLen), p.tsNanos);
        heldTotal += r.heldBytes() - before;
        // the analyzer has all it wants: stop following the connection. Asked only when it was called: a bare
        // acknowledgement cannot change its mind, and asking touched its object (a cache miss) on every packet
        if (called && r.consumer().done()) {
            heldTotal -= r.heldBytes();
            r.end(p.tsNanos);
            table.attach(slot, null);
            table.flags(slot, table.flags(slot) | DECLINED);
            counters.inc(Metric.FINISHED_EARLY);
            return;
        }
        if (heldTotal > maxHeldTotal && r.heldBytes() > 0) {
            before = r.heldBytes();
            r.flushHeld(p.tsNanos);
            heldTotal += r.heldBytes() - before;
        }
    }

    private void release(TcpReassembler r, long now) {
        heldTotal -= r.heldBytes();
        r.end(now);
    }

    /** Flushes the ledger; call after the flow table's {@code finish()}, which ends every connection. */
    public void finish() {
        counters.flush();
    }

    /** Bytes held in all, for tests and the ledger's sake. */
    public long heldBytes() {
        return heldTotal;
    }

    /** The connection in a slot, as the selector sees it; its id is made only when asked for. */
    private final class SlotCandidate implements StreamSelector.Candidate {
        int slot;

        @Override
        public int origP() {
            return table.origP(slot);
        }

        @Override
        public int respP() {
            return table.respP(slot);
        }

        @Override
        public ConnectionId id() {
            return new ConnectionId(table.uid(slot), table.origH(slot), table.origP(slot), table.respH(slot),
                    table.respP(slot), table.vlan(slot));
        }
    }

    private final class Counts implements TcpReassembler.Counts {
        @Override
        public void delivered(int bytes) {
            counters.add(Metric.DELIVERED, bytes);
        }

        @Override
        public void held(int bytes) {
            counters.add(Metric.HELD, bytes);
        }

        @Override
        public void gap(long bytes) {
            counters.inc(Metric.GAPS);
            counters.add(Metric.GAP_BYTES, bytes);
        }

        @Override
        public void overflow() {
            counters.inc(Metric.OVERFLOWS);
        }

        @Override
        public void repeated(int bytes) {
            counters.add(Metric.REPEATED, bytes);
        }
    }
}
