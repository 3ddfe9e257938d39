package dev.netproof.flow;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.flow.id.CommunityId;
import dev.netproof.flow.internal.FlowColumns;
import dev.netproof.flow.internal.FlowIndex;
import dev.netproof.flow.internal.FragmentTracker;
import dev.netproof.flow.internal.History;
import dev.netproof.flow.internal.RowBuilder;
import dev.netproof.flow.internal.SlotLists;
import dev.netproof.flow.internal.State;
import dev.netproof.flow.internal.TcpAnalysis;
import dev.netproof.flow.internal.TcpStore;
import dev.netproof.flow.internal.TcpTracker;
import java.util.Arrays;

/**
 * The bidirectional flow table: packets in, {@code Flow} rows out, with Zeek's conn.log semantics.
 *
 * <p>The originator is the side that sent the first SYN; a connection first seen by its SYN-ACK is
 * turned round (history starts with {@code ^}) because the SYN-ACK's sender is the responder; any
 * other flow's originator is the sender of its first packet. Flows leave the table on TCP close
 * (after a linger for trailing packets), idle timeout, active timeout, eviction when full, or
 * {@link #finish()}; each way is counted in the ledger (stage {@code flow}).
 *
 * <p>Memory is bounded by {@link FlowTableConfig#maxFlows()}: columns grow by doubling up to it,
 * then the least recently active flow is evicted for each new one. Time is the packets' own
 * capture time, so a file replays exactly as it was captured. Not thread-safe: one thread owns a table.
 */
public final class FlowTable {
    private static final int INITIAL_CAPACITY = 1 << 12;

    private final FlowTableConfig config;
    private final FlowSink sink;
    private final StageCounters counters;
    private final FlowColumns cols;
    private final FlowIndex index;
    private final SlotLists lists;
    private final RowBuilder rows;
    private final FragmentTracker fragments = new FragmentTracker(1 << 12);
    private final long tcpIdle, otherIdle, linger, active;
    private final boolean tcpAnalysis;
    private int[] freeSlots;
    private int freeTop;
    private int used;
    private long now = Long.MIN_VALUE;
    private long lastExpirySecond = Long.MIN_VALUE;
    /** The slot and side of the packet {@link #accept} took last, as {@link FlowIndex#find} gives them; -1 for none. */
    private int last = NO_FLOW;
    /** Per-slot objects of the analyzers (their state of a connection); allocated on first use. */
    private Object[] attachments;
    private AttachmentListener attachmentListener;

    public FlowTable(FlowTableConfig config, String source, FlowSink sink, QualitySink quality) {
        this.config = config;
        this.sink = sink;
        this.counters = new StageCounters(source, "flow", FlowCounter.class, quality);
        int cap = Math.min(INITIAL_CAPACITY, config.maxFlows());
        this.tcpAnalysis = config.tcpAnalysis();
        this.cols = new FlowColumns(cap, tcpAnalysis ? TcpAnalysis.WORDS : TcpStore.BASE_WORDS);
        this.index = new FlowIndex(cols, cap);
        this.lists = new SlotLists(cols);
        this.rows = new RowBuilder(cols, source, config.uidSeed());
        this.tcpIdle = config.tcpIdleTimeout().toNanos();
        this.otherIdle = config.otherIdleTimeout().toNanos();
        this.linger = config.closeLinger().toNanos();
        this.active = config.activeTimeout().toNanos();
        this.freeSlots = new int[cap];
        for (int i = 0; i < cap; i++) freeSlots[i] = cap - 1 - i;
        this.freeTop = cap;
    }

    public StageCounters counters() {
        return counters;
    }

    /** Flows currently held. */
    public int liveFlows() {
        return used;
    }

    /** TCP flows currently held (each has a TCP record). */
    public int liveTcpConnections() {
        return cols.tcp.used();
    }

    /** Heap held by the table's columns and index, in bytes (for the memory benchmark). */
    public long memoryBytes() {
        return (long) cols.capacity() * FlowColumns.BYTES_PER_FLOW + index.memoryBytes() + (long) freeSlots.length * 4
                + cols.tcp.memoryBytes();
    }

    /**
     * Told when a flow with an attachment leaves the table for good (closed, timed out, evicted, or
     * the input ended), before its row is emitted; a row cut by the active timeout keeps it.
     */
    @FunctionalInterface
    public interface AttachmentListener {
        void released(Object attachment, long nowNanos);
    }

    /** Where attachments go when their flow leaves the table. */
    public void onRelease(AttachmentListener listener) {
        this.attachmentListener = listener;
    }

    /**
     * The flow of the packet {@link #accept} took last: its slot in the low 31 bits, bit 31 set when
     * the packet went responder → originator (so the value is negative then); {@link #NO_FLOW} when the
     * packet got no flow. Valid until the next
     * {@code accept}; slots are reused once a flow leaves, so keep it no longer.
     */
    public static final int NO_FLOW = -1;

    public int lastFlow() {
        return last;
    }

    /** The uid of the flow in {@code slot} (from {@link #lastFlow()}). */
    public String uid(int slot) {
        return rows.uid(slot);
    }

    /** Capture time of the first packet of the flow's current row in {@code slot}. */
    public long firstTs(int slot) {
        return cols.firstTs(slot);
    }

    /** Flag bit of {@link #flags}: the flow has an attachment (kept by the table itself). */
    private static final int ATTACHED = 1 << 31;

    /** The object attached to the flow in {@code slot}, or null. */
    public Object attachment(int slot) {
        return (cols.flags(slot) & ATTACHED) == 0 ? null : attachments[slot];
    }

    /**
     * Attaches {@code o} to the flow in {@code slot} until the flow leaves the table (then the
     * {@link #onRelease listener} gets it). Costs one reference per flow slot, allocated on first use.
     */
    public void attach(int slot, Object o) {
        if (attachments == null) attachments = new Object[cols.capacity()];
        attachments[slot] = o;
        int f = cols.flags(slot);
        cols.flags(slot, o == null ? f & ~ATTACHED : f | ATTACHED);
    }

    /**
     * The analyzers' own flags for the flow in {@code slot} (bits 0-30; zero for a new flow), kept in
     * the flow's record: a check on a packet's flow costs no further memory access.
     */
    public int flags(int slot) {
        return cols.flags(slot) & ~ATTACHED;
    }

    public void flags(int slot, int f) {
        if (f < 0) throw new IllegalArgumentException("bit 31 is the table's");
        cols.flags(slot, (cols.flags(slot) & ATTACHED) | f);
    }

    /** Sequence number of the first payload byte of {@code side} (0 originator, 1 responder) of the TCP flow in {@code slot}; -1 while unknown. */
    public long tcpFirstDataSeq(int slot, int side) {
        return TcpTracker.firstDataSeq(cols, slot, side);
    }

    /** Originator's and responder's addresses and ports of the flow in {@code slot}. */
    public IpAddress origH(int slot) {
        return new IpAddress(cols.aHi(slot), cols.aLo(slot));
    }

    public IpAddress respH(int slot) {
        return new IpAddress(cols.bHi(slot), cols.bLo(slot));
    }

    public int origP(int slot) {
        return cols.ports(slot) >>> 16;
    }

    public int respP(int slot) {
        return cols.ports(slot) & 0xffff;
    }

    /** The outer VLAN of the flow in {@code slot}, -1 for none. */
    public int vlan(int slot) {
        return cols.vlan(slot);
    }

    /**
     * The uid of the live flow that {@code p}, already {@link #accept accepted}, belongs to; null for
     * a packet without ports (or without a live flow). For analyzers that link records to flows.
     */
    public String uidOf(DecodedPacket p) {
        if (p.ipVersion == 0 || !p.hasPorts) return null;
        int proto = p.ipProto & 0xff;
        int dport = keyDstPort(proto, p.srcPort, p.dstPort);
        long meta = FlowColumns.meta(proto, p.vlan, p.innerVlan);
        int hash = FlowIndex.hash(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, dport, meta);
        int found = index.find(hash, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, dport, meta);
        return found == FlowIndex.NOT_FOUND ? null : rows.uid(found & 0x7fff_ffff);
    }

    /** The destination port of the flow key: for ICMP, the counterpart of the type (as Community ID pairs them). */
    private static int keyDstPort(int proto, int sport, int dport) {
        if (proto != 1 && proto != 58) return dport;
        int counterpart = CommunityId.icmpCounterpart(sport, proto == 58);
        return counterpart >= 0 ? counterpart : dport;
    }

    /**
     * Adds one decoded packet. Packets without an IP layer are counted as unkeyed. Expiry runs
     * whenever capture time enters a new second.
     */
    public void accept(DecodedPacket p) {
        last = NO_FLOW;
        long ts = p.tsNanos;
        long sec = Math.floorDiv(ts, 1_000_000_000L);
        counters.at(sec);
        if (now != Long.MIN_VALUE && now - ts > 1_000_000_000L) counters.inc(FlowCounter.TIME_BACKWARDS);
        if (ts > now) now = ts;
        if (sec != lastExpirySecond) {
            lastExpirySecond = sec;
            expire(now);
        }
        if (p.ipVersion == 0) {
            counters.inc(FlowCounter.PACKETS_UNKEYED);
            return;
        }
        int proto = p.ipProto & 0xff;
        int sport, dport;
        if (p.hasPorts) {
            sport = p.srcPort;
            dport = keyDstPort(proto, sport, p.dstPort);
            if (p.fragment) fragments.remember(p.srcHi, p.srcLo, p.dstHi, p.dstLo, proto, p.fragId, sport, dport);
        } else if (p.fragment && p.fragOffset > 0) {
            int ports = fragments.lookup(p.srcHi, p.srcLo, p.dstHi, p.dstLo, proto, p.fragId);
            if (ports >= 0) {
                counters.inc(FlowCounter.FRAGMENTS_ATTRIBUTED);
                sport = ports >>> 16;
                dport = ports & 0xffff;
            } else {
                counters.inc(FlowCounter.FRAGMENTS_UNATTRIBUTED);
                sport = dport = 0;
            }
        } else {
            sport = dport = 0;
        }
        counters.inc(FlowCounter.PACKETS);
        long meta = FlowColumns.meta(proto, p.vlan, p.innerVlan);
        int hash = FlowIndex.hash(p.srcHi, p.srcLo, sport, p.dstHi, p.dstLo, dport, meta);
        int found = index.find(hash, p.srcHi, p.srcLo, sport, p.dstHi, p.dstLo, dport, meta);
        int s;
        int side;
        if (found == FlowIndex.NOT_FOUND) {
            s = newSlot(hash, p, sport, dport, meta);
            side = 0;
            if (proto == 6 && p.hasPorts && (p.tcpFlags & 0x16) == 0x12) {
                // first seen by its SYN-ACK: the sender is the responder
                cols.flip(s);
                cols.state(s, cols.state(s) | (1L << 50));
                appendFlip(s);
                side = 1;
            }
        } else {
            s = found & 0x7fff_ffff;
            side = found >>> 31;
            if (active > 0 && ts - cols.firstTs(s) >= active) {
                emit(s, CloseReason.ACTIVE, FlowCounter.ACTIVE);
                clearRow(s);
                cols.set(s, FlowColumns.FIRST, ts);
                cols.set(s, FlowColumns.DUR_END, ts);
            }
        }
        update(s, side, p, proto, ts, sec);
        last = s | (side << 31);
    }

    /** Starts a new row for a flow that goes on: the counters go, the TCP analysis state stays. */
    private void clearRow(int s) {
        cols.clearCounters(s);
        int e = cols.tcpx(s);
        if (e >= 0 && tcpAnalysis) TcpAnalysis.clearRow(cols.tcp, e);
    }

    private void appendFlip(int s) {
        History.append(cols, s, '^');
    }

    private void update(int s, int side, DecodedPacket p, int proto, long ts, long sec) {
        final FlowColumns c = cols;
        long last = c.lastTs(s);
        // Lists are kept in order of the second of last activity: a flow moves to the tail at most
        // once per second of capture time, which is all the precision expiry needs.
        boolean newSecond = sec != Math.floorDiv(last, 1_000_000_000L);
        if (ts > last) c.set(s, FlowColumns.LAST, ts);
        if (!c.countPacket(s, side)) {
            // 2^32 packets one way in one row: close the row and go on in a new one, as the active timeout does
            emit(s, CloseReason.ACTIVE, FlowCounter.ACTIVE);
            clearRow(s);
            c.set(s, FlowColumns.FIRST, ts);
            c.set(s, FlowColumns.DUR_END, ts);
            c.countPacket(s, side);
        }
        c.add(s, side == 0 ? FlowColumns.IPB_A : FlowColumns.IPB_B, p.ipLen);
        int list;
        if (proto == 6 && p.hasPorts) {
            int r = TcpTracker.process(c, s, side, p.tcpFlags, (int) p.seq, (int) p.ack, p.payloadLen, p.window, ts);
            if (tcpAnalysis) {
                TcpAnalysis.process(c.tcp, c.tcpx(s), side, p.tcpFlags, (int) p.seq, (int) p.ack, p.payloadLen, p.window,
                        p.windowScale, p.mss, p.sackPermitted, p.hasTimestamps ? p.tsVal : -1, p.tsEcr, ts,
                        side == 0 ? c.pktsA(s) : c.pktsB(s));
            }
            long w = c.state(s);
            if (r == TcpTracker.CLOSE_COMPLETE || State.list(w) == State.LIST_CLOSED) {
                list = State.LIST_CLOSED;
            } else if (State.st(w, 0) == State.SYN_SENT && State.st(w, 1) == State.INACTIVE) {
                list = State.LIST_OTHER; // an unanswered attempt times out like UDP
            } else {
                list = State.LIST_TCP;
            }
        } else {
            if (proto == 6 || p.fragOffset > 0) {
                // TCP fragment or header cut short: counted, no state change
            } else if (side == 0) {
                c.add(s, FlowColumns.SEQ_A, Math.max(0, p.payloadLen));
            } else {
                c.add(s, FlowColumns.SEQ_B, Math.max(0, p.payloadLen));
            }
            if (proto == 17) {
                long w = c.state(s);
                if (!State.seen(w, side, State.SEEN_DATA)) {
                    c.state(s, State.setSeen(w, side, State.SEEN_DATA));
                    History.append(c, s, side == 0 ? 'D' : 'd');
                }
            }
            list = State.LIST_OTHER;
        }
        if (newSecond || list != State.list(c.state(s))) lists.touch(s, list);
    }

    private int newSlot(int hash, DecodedPacket p, int sport, int dport, long meta) {
        if (freeTop == 0) {
            if (cols.capacity() < config.maxFlows()) grow();
            else evictOne();
        }
        int s = freeSlots[--freeTop];
        used++;
        final FlowColumns c = cols;
        c.set(s, FlowColumns.A_HI, p.srcHi);
        c.set(s, FlowColumns.A_LO, p.srcLo);
        c.set(s, FlowColumns.B_HI, p.dstHi);
        c.set(s, FlowColumns.B_LO, p.dstLo);
        c.set(s, FlowColumns.KEY, FlowColumns.key(meta, sport, dport));
        c.state(s, 0);
        c.clearCounters(s);
        c.set(s, FlowColumns.FIRST, p.tsNanos);
        c.set(s, FlowColumns.LAST, p.tsNanos);
        c.set(s, FlowColumns.DUR_END, p.tsNanos);
        c.set(s, FlowColumns.LINKS, -1L);
        c.set(s, FlowColumns.TCPX, 0L);
        if ((meta >>> 32 & 0xff) == 6) c.tcpx(s, c.tcp.allocate());
        index.insert(hash, s);
        counters.inc(FlowCounter.CREATED);
        return s;
    }

    private void grow() {
        int oldCap = cols.capacity();
        int newCap = (int) Math.min((long) oldCap * 2, config.maxFlows());
        cols.grow(newCap);
        if (attachments != null) attachments = Arrays.copyOf(attachments, newCap);
        index.resize(newCap);
        for (int list = 1; list <= 3; list++) {
            for (int s = lists.head(list); s >= 0; s = cols.next(s)) {
                index.insert(index.hashOf(s), s);
            }
        }
        int[] nf = new int[newCap];
        System.arraycopy(freeSlots, 0, nf, 0, freeTop);
        for (int i = newCap - 1; i >= oldCap; i--) nf[freeTop++] = i;
        freeSlots = nf;
    }

    /** Evicts the least recently active flow among the heads of the three lists (closed ones first). */
    private void evictOne() {
        int closed = lists.head(State.LIST_CLOSED);
        if (closed >= 0) {
            emitAndFree(closed, closeReason(closed), FlowCounter.CLOSED);
            return;
        }
        int a = lists.head(State.LIST_OTHER), b = lists.head(State.LIST_TCP);
        int victim = a < 0 ? b : b < 0 ? a : (cols.lastTs(a) <= cols.lastTs(b) ? a : b);
        emitAndFree(victim, CloseReason.EVICTED, FlowCounter.EVICTED);
    }

    private CloseReason closeReason(int s) {
        long w = cols.state(s);
        return State.st(w, 0) == State.RESET || State.st(w, 1) == State.RESET ? CloseReason.RST : CloseReason.FIN;
    }

    /** Emits every flow whose timeout has passed at capture time {@code nowNanos}. */
    public void expire(long nowNanos) {
        expireList(State.LIST_CLOSED, nowNanos, linger);
        expireList(State.LIST_OTHER, nowNanos, otherIdle);
        expireList(State.LIST_TCP, nowNanos, tcpIdle);
    }

    private void expireList(int list, long nowNanos, long timeout) {
        for (int s = lists.head(list); s >= 0 && nowNanos - cols.lastTs(s) > timeout; s = lists.head(list)) {
            if (list == State.LIST_CLOSED) emitAndFree(s, closeReason(s), FlowCounter.CLOSED);
            else emitAndFree(s, CloseReason.IDLE, FlowCounter.IDLE);
        }
    }

    private void emit(int s, CloseReason reason, FlowCounter counter) {
        counters.inc(counter);
        sink.accept(rows.build(s, reason));
    }

    private void emitAndFree(int s, CloseReason reason, FlowCounter counter) {
        if ((cols.flags(s) & ATTACHED) != 0) {
            Object a = attachments[s];
            attachments[s] = null;
            if (attachmentListener != null && a != null) attachmentListener.released(a, now);
        }
        emit(s, reason, counter);
        int e = cols.tcpx(s);
        if (e >= 0) cols.tcp.release(e);
        lists.remove(s);
        index.remove(s);
        freeSlots[freeTop++] = s;
        used--;
    }

    /** Emits every remaining flow (closed ones as closed, the rest as end of input) and flushes the ledger. */
    public void finish() {
        for (int s = lists.head(State.LIST_CLOSED); s >= 0; s = lists.head(State.LIST_CLOSED)) {
            emitAndFree(s, closeReason(s), FlowCounter.CLOSED);
        }
        for (int list : new int[] {State.LIST_OTHER, State.LIST_TCP}) {
            for (int s = lists.head(list); s >= 0; s = lists.head(list)) {
                emitAndFree(s, CloseReason.END_OF_INPUT, FlowCounter.END_OF_INPUT);
            }
        }
        counters.flush();
    }
}
