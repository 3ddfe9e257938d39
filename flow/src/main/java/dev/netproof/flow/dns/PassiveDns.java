package dev.netproof.flow.dns;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.dns.DnsMessage;
import dev.netproof.decode.dns.DnsRecord;
import java.util.Arrays;

/**
 * Passive DNS: which name each address was last resolved from, learnt from the A and AAAA answers of
 * the DNS transactions seen, so that flows can show the names of their ends ({@link #annotate}).
 *
 * <p>A flow gets a name only if the answer came by its last packet (capture time), so the result does
 * not depend on when the row happens to be emitted. An address answered for several names keeps the
 * latest; a CNAME chain's addresses get the name that was asked.
 *
 * <p>Bounded: at most {@code capacity} addresses ({@link #evicted()} counts the ones forgotten). Which
 * one goes is chosen by the clock algorithm, an approximation of least recently used: the hand passes
 * over, once, an address answered again or looked up for a flow since it last passed; an address
 * answered once and never used goes first, so a burst of one-off answers does not push out the names
 * flows are using.
 *
 * <p>Why not a {@code LinkedHashMap} in access order, as before: with 200,000 addresses it took a
 * node, a key and a value object per answer and relinked neighbours on every lookup, each a cache miss;
 * it was a third of the DNS analyzer's time on the TLS mix (async-profiler). Here an address is two longs
 * in arrays behind an open-addressing index. Not thread-safe.
 */
public final class PassiveDns {
    /** Addresses remembered at most by default: about 40 bytes each (plus the names, shared with the rows). */
    public static final int DEFAULT_CAPACITY = 200_000;
    private static final int EMPTY = -1;

    private final int capacity;
    private long evicted;
    private int size;
    /** Entries 0..size-1: the address, its name and the capture time of the answer that gave it. */
    private long[] his;
    private long[] los;
    private long[] times;
    private String[] names;
    /** Set when an entry is answered again or looked up; the clock hand clears it and evicts an entry without it. */
    private boolean[] used;
    private int hand;
    /** Open addressing, linear probing: entry number or {@link #EMPTY}; at most half full. */
    private int[] index;
    private int mask;

    public PassiveDns(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
        // grown by doubling as addresses come, so that a small capture does not pay for the bound
        allocate(Math.min(capacity, 1024));
    }

    private void allocate(int entries) {
        his = Arrays.copyOf(his == null ? new long[0] : his, entries);
        los = Arrays.copyOf(los == null ? new long[0] : los, entries);
        times = Arrays.copyOf(times == null ? new long[0] : times, entries);
        names = Arrays.copyOf(names == null ? new String[0] : names, entries);
        used = Arrays.copyOf(used == null ? new boolean[0] : used, entries);
        int slots = Integer.highestOneBit(Math.max(2, entries) * 2 - 1) * 2;
        index = new int[slots];
        Arrays.fill(index, EMPTY);
        mask = slots - 1;
        for (int e = 0; e < size; e++) index[slot(his[e], los[e])] = e;
    }

    /**
     * Learns the addresses among {@code e}'s answers (class IN, the name asked), read from their text:
     * for an event without its decoded response. The analyzer gives the decoded answers (below).
     */
    public void learn(DnsEvent e) {
        if (e.answers().isEmpty() || e.query() == null || e.qclass() > 1) return;
        long at = answeredAt(e);
        for (String answer : e.answers()) {
            IpAddress a = address(answer);
            if (a != null) put(a.hi(), a.lo(), e.query(), at);
        }
    }

    /**
     * Learns the A and AAAA answers of {@code response}, the response {@code e} was made from: their
     * addresses as decoded, with no text to parse back.
     */
    public void learn(DnsEvent e, DnsMessage response) {
        if (response == null || e.query() == null || e.qclass() > 1) return;
        long at = answeredAt(e);
        for (DnsRecord r : response.answers()) {
            IpAddress a = r.address();
            if (a != null) put(a.hi(), a.lo(), e.query(), at);
        }
    }

    private static long answeredAt(DnsEvent e) {
        return e.tsNanos() + Math.max(0, e.rttNanos());
    }

    /** The name {@code a} was last resolved from, or null. */
    public String nameOf(IpAddress a) {
        int i = find(a.hi(), a.lo());
        if (i == EMPTY) return null;
        used[i] = true;
        return names[i];
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
        int i = find(a.hi(), a.lo());
        if (i == EMPTY) return null;
        used[i] = true;
        return times[i] > ts ? null : names[i];
    }

    /** Addresses forgotten because {@code capacity} were remembered. */
    public long evicted() {
        return evicted;
    }

    public int size() {
        return size;
    }

    private void put(long hi, long lo, String name, long ts) {
        int slot = slot(hi, lo);
        int e = index[slot];
        if (e == EMPTY) {
            if (size < his.length) {
                e = size++;
            } else {
                if (size < capacity) allocate((int) Math.min(capacity, 2L * size));
                e = size < capacity ? size++ : evict();
                // growing or an eviction may have moved entries of the index: look for the free slot again
                slot = slot(hi, lo);
            }
            index[slot] = e;
            his[e] = hi;
            los[e] = lo;
            used[e] = false;
        } else {
            used[e] = true;
        }
        names[e] = name;
        times[e] = ts;
    }

    /** The entry of the address, or {@link #EMPTY}. */
    private int find(long hi, long lo) {
        return index[slot(hi, lo)];
    }

    /** The index slot holding the address, or the empty slot where it would go. */
    private int slot(long hi, long lo) {
        int s = hash(hi, lo) & mask;
        while (true) {
            int e = index[s];
            if (e == EMPTY || his[e] == hi && los[e] == lo) return s;
            s = (s + 1) & mask;
        }
    }

    private static int hash(long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ lo;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }

    /** Frees the entry the clock hand stops at (passing over, once, those used since) and returns it. */
    private int evict() {
        while (used[hand]) {
            used[hand] = false;
            hand = hand + 1 == size ? 0 : hand + 1;
        }
        int e = hand;
        hand = hand + 1 == size ? 0 : hand + 1;
        remove(slot(his[e], los[e]));
        names[e] = null;
        evicted++;
        return e;
    }

    /** Empties an index slot and moves later entries of its probe run back, so that every lookup still finds them. */
    private void remove(int s) {
        int hole = s;
        int next = (s + 1) & mask;
        while (index[next] != EMPTY) {
            int e = index[next];
            int home = hash(his[e], los[e]) & mask;
            // the entry may fill the hole if its home is not in the (cyclic) range (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                index[hole] = e;
                hole = next;
            }
            next = (next + 1) & mask;
        }
        index[hole] = EMPTY;
    }

    /** An answer's data that is an IPv4 or IPv6 address (A, AAAA), else null; cheap for the other kinds. */
    static IpAddress address(String data) {
        return data.isEmpty() || data.length() > 45 ? null : IpAddress.tryParse(data);
    }
}
