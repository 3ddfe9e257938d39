package dev.netproof.flow.internal;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.FlowUid;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpHealth;
import dev.netproof.core.model.Transport;

/** Turns a slot of the flow table into an immutable {@link Flow} row, Zeek's conn.log semantics. */
public final class RowBuilder {
    private final FlowColumns c;
    private final String source;
    private final long uidSeed;

    public RowBuilder(FlowColumns c, String source, long uidSeed) {
        this.c = c;
        this.source = source;
        this.uidSeed = uidSeed;
    }

    public Flow build(int s, CloseReason reason) {
        int ipProto = c.ipProto(s);
        Transport proto = Transport.ofIpProto(ipProto);
        String history = history(c.get(s, FlowColumns.HIST0), c.get(s, FlowColumns.HIST1));
        long origBytes, respBytes;
        String connState;
        long end;
        TcpHealth tcp = null;
        switch (proto) {
            case TCP -> {
                origBytes = TcpTracker.size(c, s, 0);
                respBytes = TcpTracker.size(c, s, 1);
                connState = TcpTracker.connState(c, s, history);
                end = c.get(s, FlowColumns.DUR_END);
                int e = c.tcpx(s);
                if (e >= 0 && c.tcp.words > TcpStore.BASE_WORDS) tcp = health(e, connState, reason);
            }
            case UDP -> {
                origBytes = c.get(s, FlowColumns.SEQ_A);
                respBytes = c.get(s, FlowColumns.SEQ_B);
                boolean o = c.pktsA(s) > 0, r = c.pktsB(s) > 0;
                connState = o ? (r ? "SF" : "S0") : (r ? "SHR" : "OTH");
                end = c.get(s, FlowColumns.LAST);
            }
            default -> {
                origBytes = c.get(s, FlowColumns.SEQ_A);
                respBytes = c.get(s, FlowColumns.SEQ_B);
                connState = "OTH";
                end = c.get(s, FlowColumns.LAST);
            }
        }
        int ports = c.ports(s);
        int origP = ports >>> 16, respP = ports & 0xffff;
        long first = c.get(s, FlowColumns.FIRST);
        return new Flow(first, uid(s), new IpAddress(c.get(s, FlowColumns.A_HI), c.get(s, FlowColumns.A_LO)), origP,
                new IpAddress(c.get(s, FlowColumns.B_HI), c.get(s, FlowColumns.B_LO)), respP, proto, ipProto, Math.max(0, end - first),
                origBytes, respBytes, connState, history, c.pktsA(s), c.get(s, FlowColumns.IPB_A), c.pktsB(s), c.get(s, FlowColumns.IPB_B),
                c.vlan(s), c.innerVlan(s), reason, source, tcp, null, null);
    }

    /** Histories of up to ten letters (one word), by a hash of the word; strings are immutable, so rows share them. */
    private final long[] historyWords = new long[HISTORY_CACHE];
    private final String[] histories = new String[HISTORY_CACHE];
    private static final int HISTORY_CACHE = 1024;

    /**
     * The history string of a row. A capture has few distinct histories ({@code ShADadFf}, {@code D}, {@code Dd}...),
     * and making the same one for each row was about a quarter of what the packet thread allocated for a row.
     */
    String history(long w0, long w1) {
        if (w1 != 0) return History.decode(w0, w1);
        int i = (int) ((w0 * 0x9E3779B97F4A7C15L) >>> 54); // the top 10 bits: HISTORY_CACHE slots
        String h = histories[i];
        if (h != null && historyWords[i] == w0) return h;
        h = History.decode(w0, 0);
        historyWords[i] = w0;
        histories[i] = h;
        return h;
    }

    private TcpHealth health(int e, String connState, CloseReason reason) {
        TcpStore x = c.tcp;
        TcpDirection orig = direction(x, e, 0), resp = direction(x, e, 1);
        long payload = orig.payloadBytes() + resp.payloadBytes();
        long rexmitBytes = orig.retransmittedBytes() + resp.retransmittedBytes();
        long rexmits = orig.retransmissions() + resp.retransmissions();
        double rate = payload > 0 ? (double) rexmitBytes / payload : 0;
        TcpHealth.Health health = payload == 0 && rexmits > 0 ? TcpHealth.Health.SEVERE : TcpHealth.Health.of(rate);
        // Ended well: both FINs, or still open when the input ended; not: a reset, or silence after a half-close.
        boolean clean = "SF".equals(connState) || (reason == CloseReason.END_OF_INPUT || reason == CloseReason.ACTIVE)
                && !connState.startsWith("RST") && !"REJ".equals(connState);
        long hsRtt = TcpAnalysis.handshakeRttUs(x, e), initial = TcpAnalysis.initialRttUs(x, e);
        long hsAck = hsRtt >= 0 && initial >= hsRtt ? initial - hsRtt : -1;
        return new TcpHealth(hsRtt, hsAck, initial, TcpAnalysis.ttfbUs(x, e), TcpAnalysis.lifecycle(x, e, clean),
                orig, resp, rate, health);
    }

    private static TcpDirection direction(TcpStore x, int e, int side) {
        long payload = TcpAnalysis.payloadBytes(x, e, side);
        long rexmitBytes = TcpAnalysis.retransmittedBytes(x, e, side);
        long n = TcpAnalysis.rttCount(x, e, side);
        TcpDirection.Rtt rtt = n == 0 ? TcpDirection.Rtt.NONE
                : new TcpDirection.Rtt(n, TcpAnalysis.rttMinUs(x, e, side), TcpAnalysis.rttMaxUs(x, e, side),
                        tenth(TcpAnalysis.rttMeanUs(x, e, side)), tenth(TcpAnalysis.rttStddevUs(x, e, side)));
        return new TcpDirection(
                TcpAnalysis.mss(x, e, side),
                TcpAnalysis.windowScale(x, e, side),
                TcpAnalysis.sackPermitted(x, e, side),
                TcpAnalysis.timestamps(x, e, side),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.RETRANSMISSION),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.FAST_RETRANSMISSION),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.SPURIOUS_RETRANSMISSION),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.OUT_OF_ORDER),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.LOST_SEGMENT),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.DUP_ACK),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.ZERO_WINDOW),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.ZERO_WINDOW_PROBE),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.WINDOW_FULL),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.KEEP_ALIVE),
                TcpAnalysis.counter(x, e, side, TcpAnalysis.ACK_UNSEEN),
                payload, payload - rexmitBytes, rexmitBytes,
                tenth(TcpAnalysis.meanWindow(x, e, side)), rtt);
    }

    /** Means are kept in single precision: shown to a tenth, not to digits they do not have. */
    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * The flow's uid ({@link FlowUid}): its start time and a 32-bit hash of its key (the two addresses,
     * ports, protocol and VLANs: {@link FlowUid#tag}, which the store can make again on read, so it does not
     * keep it), so that it is stable across re-runs of the same input. A non-zero seed changes every hash;
     * the store then keeps them.
     */
    public String uid(int s) {
        int ports = c.ports(s);
        int tag = FlowUid.tag(c.get(s, FlowColumns.A_HI), c.get(s, FlowColumns.A_LO), c.get(s, FlowColumns.B_HI),
                c.get(s, FlowColumns.B_LO), ports >>> 16, ports & 0xffff, c.ipProto(s), c.vlan(s), c.innerVlan(s));
        if (uidSeed != 0) tag ^= (int) (mix(uidSeed) >>> 32);
        return FlowUid.of(Math.max(0, c.get(s, FlowColumns.FIRST)), tag);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
