package dev.netproof.flow.dns;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passive DNS: which name each address was last resolved from, learnt from the A and AAAA answers of
 * the DNS transactions seen, so that flows can show the names of their ends ({@link #annotate}).
 *
 * <p>A flow gets a name only if the answer came by its last packet (capture time), so the result does
 * not depend on when the row happens to be emitted. Bounded: at most {@code capacity} addresses, the least recently resolved or used one going first
 * ({@link #evicted()} counts them). An address answered for several names keeps the latest; a CNAME
 * chain's addresses get the name that was asked. Not thread-safe.
 */
public final class PassiveDns {
    /** Addresses remembered at most by default: about 100 bytes each. */
    public static final int DEFAULT_CAPACITY = 200_000;

    private final int capacity;
    private long evicted;
    private final LinkedHashMap<IpAddress, Learnt> names;

    /** A name and the capture time of the answer that gave it. */
    private record Learnt(String name, long tsNanos) {}

    public PassiveDns(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
        this.names = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IpAddress, Learnt> eldest) {
                if (size() <= PassiveDns.this.capacity) return false;
                evicted++;
                return true;
            }
        };
    }

    /** Learns the addresses among {@code e}'s answers (class IN, the name asked). */
    public void learn(DnsEvent e) {
        if (e.answers().isEmpty() || e.query() == null || e.qclass() > 1) return;
        for (String answer : e.answers()) {
            IpAddress a = address(answer);
            if (a != null) names.put(a, new Learnt(e.query(), e.tsNanos() + Math.max(0, e.rttNanos())));
        }
    }

    /** The name {@code a} was last resolved from, or null. */
    public String nameOf(IpAddress a) {
        Learnt l = names.get(a);
        return l == null ? null : l.name();
    }

    /**
     * {@code f} with the names of its two ends, when an answer gave them by the flow's last packet (a
     * name learnt only later is not the flow's; the same row when neither end has one).
     */
    public Flow annotate(Flow f) {
        String o = nameBy(f.origH(), f.lastTsNanos()), r = nameBy(f.respH(), f.lastTsNanos());
        return o == null && r == null ? f : f.withNames(o, r);
    }

    private String nameBy(IpAddress a, long ts) {
        Learnt l = names.get(a);
        return l == null || l.tsNanos() > ts ? null : l.name();
    }

    /** Addresses forgotten because {@code capacity} were remembered. */
    public long evicted() {
        return evicted;
    }

    public int size() {
        return names.size();
    }

    /** An answer's data that is an IPv4 or IPv6 address (A, AAAA), else null; cheap for the other kinds. */
    static IpAddress address(String data) {
        return data.isEmpty() || data.length() > 45 ? null : IpAddress.tryParse(data);
    }
}
