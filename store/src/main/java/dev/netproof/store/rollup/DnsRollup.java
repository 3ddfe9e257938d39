package dev.netproof.store.rollup;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.store.internal.SourceTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls DNS transactions up per minute as they are stored: counts by outcome and response code,
 * response-time sketches, and the queried names with their counts. A minute keeps at most
 * {@code budget} names per source; later names go to the minute's "other" row, which still carries
 * their transactions and a distinct-name estimate, so totals always add up ({@link #overBudget()}
 * counts what went there). Names are compared without case ({@link DnsEvent#nameKey}). Not thread-safe: the store writer owns it.
 */
public final class DnsRollup {
    public static final int DEFAULT_BUDGET = 1_000;
    private static final long MINUTE = 60_000_000_000L;
    static final int NOERROR = 0, NXDOMAIN = 3, SERVFAIL = 2, REFUSED = 5;

    private static final class Minute {
        long transactions, answered, unanswered, responseOnly, noError, nxDomain, servFail, refused, otherRcode;
        final LatencyAccumulator rtt = new LatencyAccumulator();
        final Map<String, long[]> names = new LinkedHashMap<>(); // name -> {transactions, nxdomain}
        long otherTransactions, otherNx;
        HyperLogLog otherNames;
    }

    private final int budget;
    private final Map<SourceTime, Minute> minutes = new HashMap<>();
    private long overBudget;
    private int names;

    public DnsRollup(int budget) {
        if (budget < 1) throw new IllegalArgumentException("budget must be positive");
        this.budget = budget;
    }

    public void add(DnsEvent e) {
        long minute = Math.floorDiv(e.tsNanos(), MINUTE) * MINUTE;
        Minute m = minutes.computeIfAbsent(new SourceTime(minute, e.source()), k -> new Minute());
        m.transactions++;
        switch (e.status()) {
            case ANSWERED -> m.answered++;
            case UNANSWERED -> m.unanswered++;
            case RESPONSE_ONLY -> m.responseOnly++;
        }
        boolean nx = e.rcode() == NXDOMAIN;
        if (e.rcode() >= 0) {
            switch (e.rcode()) {
                case NOERROR -> m.noError++;
                case NXDOMAIN -> m.nxDomain++;
                case SERVFAIL -> m.servFail++;
                case REFUSED -> m.refused++;
                default -> m.otherRcode++;
            }
        }
        if (e.rttNanos() >= 0) m.rtt.record(e.rttNanos() / 1000, 1);
        if (e.query() == null) return;
        String name = DnsEvent.nameKey(e.query());
        long[] c = m.names.get(name);
        if (c == null && m.names.size() < budget) {
            c = new long[2];
            m.names.put(name, c);
            names++;
        }
        if (c != null) {
            c[0]++;
            if (nx) c[1]++;
        } else {
            overBudget++;
            m.otherTransactions++;
            if (nx) m.otherNx++;
            if (m.otherNames == null) m.otherNames = new HyperLogLog();
            m.otherNames.add(HyperLogLog.hash(name));
        }
    }

    /** Transactions whose name went to an "other" row. */
    public long overBudget() {
        return overBudget;
    }

    /** Name rows held (the writer drains when they get many). */
    public int size() {
        return names + minutes.size();
    }

    /** The minute rows so far, and (into {@code nameRows}) the name rows; the rollup starts empty again. */
    public List<DnsMinute> drain(List<DnsNameMinute> nameRows) {
        List<DnsMinute> out = new ArrayList<>(minutes.size());
        for (Map.Entry<SourceTime, Minute> en : minutes.entrySet()) {
            SourceTime k = en.getKey();
            Minute m = en.getValue();
            out.add(new DnsMinute(k.start(), k.source(), m.transactions, m.answered, m.unanswered, m.responseOnly,
                    m.noError, m.nxDomain, m.servFail, m.refused, m.otherRcode, m.rtt.encode()));
            for (Map.Entry<String, long[]> n : m.names.entrySet()) {
                nameRows.add(new DnsNameMinute(k.start(), k.source(), n.getKey(), n.getValue()[0], n.getValue()[1], 1));
            }
            if (m.otherTransactions > 0) {
                nameRows.add(new DnsNameMinute(k.start(), k.source(), null, m.otherTransactions, m.otherNx,
                        m.otherNames.estimate()));
            }
        }
        minutes.clear();
        names = 0;
        return out;
    }
}
