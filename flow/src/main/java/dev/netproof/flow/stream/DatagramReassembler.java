package dev.netproof.flow.stream;

import dev.netproof.decode.DecodedPacket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts fragmented UDP datagrams (IPv4 or IPv6 fragments) back together for the analyzers that
 * read UDP payloads, such as DNS, whose large answers (DNSSEC, EDNS) often travel in fragments.
 *
 * <p>Fragments are keyed by addresses, protocol and identification and copied until they cover the
 * datagram from its first byte to the end the last fragment (more-fragments clear) gives. Bounded:
 * at most {@code maxPending} datagrams wait (past that the oldest is dropped), a datagram is at most
 * 65,535 bytes, and one that waits longer than {@code timeoutNanos} of capture time is dropped (Linux
 * keeps fragments 30 s). Overlapping fragments: the first copy of a byte wins. Each datagram given up
 * is counted in {@link #dropped()}; a late copy of a fragment of a datagram completed within the timeout
 * is ignored. Not thread-safe.
 */
public final class DatagramReassembler {
    /** Largest datagram (IP payload) put back together. */
    public static final int MAX_DATAGRAM = 65_535;

    /** A whole UDP datagram: its ports and payload (after the UDP header), and what the first fragment said. */
    public record Datagram(int srcPort, int dstPort, MemorySegment payload, Object firstTag) {}

    private record Key(long srcHi, long srcLo, long dstHi, long dstLo, int proto, long id) {
        // written out: the generated ones are method-handle chains the JIT may leave as calls
        @Override
        public int hashCode() {
            long h = ((srcHi * 31 + srcLo) * 31 + dstHi) * 31 + dstLo;
            return Long.hashCode((h * 31 + proto) * 31 + id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id && k.srcLo == srcLo && k.dstLo == dstLo && k.srcHi == srcHi
                    && k.dstHi == dstHi && k.proto == proto;
        }
    }

    private static final class Pending {
        final long firstSeen;
        final List<int[]> spans = new ArrayList<>(); // {offset, length} of each piece, in arrival order
        final List<byte[]> pieces = new ArrayList<>();
        int end = -1; // the datagram's length, once the last fragment came
        int bytes;
        Object firstTag;
        boolean broken;

        Pending(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final int maxPending;
    private final long timeoutNanos;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    /** Datagrams completed lately (key → time), so that a late copy of one of their fragments starts nothing. */
    private final LinkedHashMap<Key, Long> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > RECENT;
        }
    };
    private static final int RECENT = 1024;
    private long dropped;
    private long completed;

    public DatagramReassembler(int maxPending, long timeoutNanos) {
        if (maxPending < 1 || timeoutNanos <= 0) throw new IllegalArgumentException("bounds must be positive");
        this.maxPending = maxPending;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Offers one UDP fragment, decoded from {@code data} at {@code offset}.
     *
     * @param tag kept from the first fragment (offset 0) and handed back with the datagram, e.g. its flow's uid
     * @return the whole datagram when this fragment completed it, else null
     */
    public Datagram offer(DecodedPacket p, MemorySegment data, long offset, Object tag) {
        if (!p.fragment) throw new IllegalArgumentException("not a fragment");
        expire(p.tsNanos);
        Key key = new Key(p.srcHi, p.srcLo, p.dstHi, p.dstLo, p.ipProto & 0xff, p.fragId);
        Pending d = pending.get(key);
        if (d == null) {
            Long done = recent.get(key);
            if (done != null && p.tsNanos - done < timeoutNanos) return null; // a copy of a fragment already used
            recent.remove(key);
            if (pending.size() >= maxPending) dropOldest();
            d = new Pending(p.tsNanos);
            pending.put(key, d);
        }
        // the first fragment's payload starts after the UDP header: take the header too
        int at = p.fragOffset == 0 ? 0 : p.fragOffset;
        long from = offset + p.payloadOffset - (p.fragOffset == 0 ? 8 : 0);
        int captured = Math.max(0, p.payloadCaptured) + (p.fragOffset == 0 ? 8 : 0);
        if (p.fragOffset == 0) {
            d.firstTag = tag;
            if (!p.hasPorts || p.payloadCaptured < 0) d.broken = true;
        }
        // a fragment cut by the snap length can never complete its datagram; nor can one repeated without end
        if (p.truncated || d.bytes > 2 * MAX_DATAGRAM) d.broken = true;
        if (from < 0 || from + captured > data.byteSize() || at + (long) captured > MAX_DATAGRAM || d.broken) {
            d.broken = true;
        } else if (captured > 0) {
            d.spans.add(new int[] {at, captured});
            d.pieces.add(data.asSlice(from, captured).toArray(ValueLayout.JAVA_BYTE));
            d.bytes += captured;
        }
        if (!p.moreFragments) d.end = at + captured;
        if (d.broken) {
            pending.remove(key);
            dropped++;
            return null;
        }
        Datagram whole = complete(d);
        if (whole != null) {
            pending.remove(key);
            recent.put(key, p.tsNanos);
            completed++;
        }
        return whole;
    }

    private static Datagram complete(Pending d) {
        if (d.end < 8 || !hasStart(d)) return null;
        byte[] out = new byte[d.end];
        boolean[] have = new boolean[d.end];
        for (int i = 0; i < d.spans.size(); i++) {
            int[] s = d.spans.get(i);
            byte[] piece = d.pieces.get(i);
            for (int j = 0; j < s[1] && s[0] + j < d.end; j++) {
                if (!have[s[0] + j]) {
                    have[s[0] + j] = true;
                    out[s[0] + j] = piece[j];
                }
            }
        }
        for (boolean h : have) {
            if (!h) return null;
        }
        int srcPort = (out[0] & 0xff) << 8 | out[1] & 0xff, dstPort = (out[2] & 0xff) << 8 | out[3] & 0xff;
        int udpLen = Math.min((out[4] & 0xff) << 8 | out[5] & 0xff, d.end);
        if (udpLen < 8) return null;
        return new Datagram(srcPort, dstPort, MemorySegment.ofArray(out).asSlice(8, udpLen - 8), d.firstTag);
    }

    private static boolean hasStart(Pending d) {
        for (int[] s : d.spans) {
            if (s[0] == 0) return true;
        }
        return false;
    }

    /** Drops the datagrams that waited longer than the timeout before {@code now}. */
    public void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending d = it.next();
            if (now - d.firstSeen < timeoutNanos) break;
            it.remove();
            dropped++;
        }
    }

    private void dropOldest() {
        Iterator<Pending> it = pending.values().iterator();
        it.next();
        it.remove();
        dropped++;
    }

    /** End of input: whatever still waits is dropped. */
    public void finish() {
        dropped += pending.size();
        pending.clear();
    }

    /** Datagrams given up (incomplete at the timeout or the end, pushed out, or cut by the snap length). */
    public long dropped() {
        return dropped;
    }

    /** Datagrams put back together. */
    public long completed() {
        return completed;
    }

    public int pending() {
        return pending.size();
    }

    @Override
    public String toString() {
        return "DatagramReassembler[" + pending.size() + " pending, " + completed + " completed, " + dropped + " dropped]";
    }
}
