package dev.netproof.packetstore;

import dev.netproof.packetstore.internal.Pcapng;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import dev.netproof.packetstore.objects.ObjectStore;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Reads the packets a {@link PacketSelector} and a {@link PacketMatcher} choose from the segments
 * overlapping a time range and writes them, in time order, as one capture ({@link CaptureOutput}).
 *
 * <p>Only segments whose names overlap the range are touched; of those, the whole index is read, and of
 * the segment only the blocks of matching entries (one sequential pass per segment, skipping between
 * them). Packets of several segments are merged by time; within one segment the capture's order is kept.
 * A damaged index or segment is skipped from the damage on and named in the {@link Result}, never fatal.
 */
public final class Extraction {
    private static final int MAX_BLOCK = Pcapng.epbBytes(Pcapng.SNAPLEN);

    private Extraction() {}

    /**
     * How complete an extraction is.
     *
     * @param segmentsRead   segments whose index was read
     * @param evicted        segments of the range deleted by the byte budget before this extraction
     * @param snapped        packets written shorter than their original length (snap rules or capture snaplen)
     * @param damaged        one line per damaged index or segment met
     * @param storedFrom     first packet time held by the store, ns (-1 when empty)
     * @param storedTo       last packet time held by the store, ns (-1 when empty)
     */
    public record Result(long packets, long bytes, int segmentsRead, int evicted, long snapped, List<String> damaged,
                         long storedFrom, long storedTo, boolean pcapng) {
        public Result {
            damaged = List.copyOf(damaged);
        }
    }

    /**
     * @param from first nanosecond of interest (segments ending before it are not read)
     * @param to   last nanosecond of interest, inclusive
     */
    public static Result run(PacketStore store, long from, long to, PacketSelector selector, PacketMatcher matcher,
                             OutputStream rawOut) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        for (ObjectStore.ObjectInfo o : store.objects().list(SegmentName.SEGMENTS)) sizes.put(o.name(), o.size());
        List<SegmentName> all = store.list(sizes.keySet());
        long storedFrom = all.isEmpty() ? -1 : all.getFirst().startNanos();
        long storedTo = all.stream().mapToLong(SegmentName::endNanos).max().orElse(-1);
        int evicted = (int) store.evicted().stream().filter(s -> s.overlaps(from, to == Long.MAX_VALUE ? to : to + 1)).count();
        List<String> damaged = new ArrayList<>();
        List<Cursor> cursors = new ArrayList<>();
        TreeSet<Integer> linkTypes = new TreeSet<>();
        int read = 0;
        for (SegmentName s : all) {
            if (!s.overlaps(from, to == Long.MAX_VALUE ? to : to + 1)) continue;
            SegmentIndex idx;
            try {
                idx = readIndex(store, s, sizes);
            } catch (SegmentIndex.DamagedException | IOException e) {
                damaged.add(s.index() + ": " + e.getMessage());
                continue;
            }
            read++;
            if (!selector.segment(idx)) continue;
            Cursor c = Cursor.of(store, s, idx, selector);
            if (c == null) continue;
            cursors.add(c);
            for (int lt : idx.linkTypes) linkTypes.add(lt);
        }
        OutputStream out = new BufferedOutputStream(rawOut, 1 << 16);
        CaptureOutput capture = new CaptureOutput(out, linkTypes.stream().mapToInt(Integer::intValue).toArray());
        PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) -> {
            int c = Long.compare(a.nextTs(), b.nextTs());
            return c != 0 ? c : a.name.compareTo(b.name);
        });
        queue.addAll(cursors);
        long packets = 0, bytes = 0, snapped = 0;
        byte[] buf = new byte[MAX_BLOCK];
        MemorySegment view = MemorySegment.ofArray(buf);
        while (!queue.isEmpty()) {
            Cursor c = queue.poll();
            try {
                c.readNext(buf);
                if (matcher.matches(view, c.capLen, c.origLen, c.packetTs, c.linkType)) {
                    capture.packet(c.packetTs, buf, c.capLen, c.origLen, c.linkType);
                    packets++;
                    bytes += c.capLen;
                    if (c.capLen < c.origLen) snapped++;
                }
                if (c.hasNext()) queue.add(c);
                else c.close();
            } catch (SegmentIndex.DamagedException | IOException e) {
                damaged.add(c.name.segment() + ": " + e.getMessage());
                c.close();
            }
        }
        out.flush();
        return new Result(packets, bytes, read, evicted, snapped, damaged, storedFrom, storedTo, capture.isPcapng());
    }

    static SegmentIndex readIndex(PacketStore store, SegmentName s) throws IOException, SegmentIndex.DamagedException {
        Map<String, Long> sizes = new HashMap<>();
        for (ObjectStore.ObjectInfo o : store.objects().list(SegmentName.SEGMENTS)) sizes.put(o.name(), o.size());
        return readIndex(store, s, sizes);
    }

    /**
     * Reads an index whole, after checking its size against what its segment can need (20 bytes for each
     * 32-byte block at most, plus the fixed part): a hostile or damaged size costs no allocation.
     */
    static SegmentIndex readIndex(PacketStore store, SegmentName s, Map<String, Long> sizes)
            throws IOException, SegmentIndex.DamagedException {
        Long size = sizes.get(s.index());
        Long segment = sizes.get(s.segment());
        if (size == null) throw new SegmentIndex.DamagedException("index is missing");
        long most = 42 + 65_535 + 2 * 256 + SegmentIndex.BLOOM_BYTES + (segment == null ? 0 : segment / Pcapng.EPB_OVERHEAD)
                * (long) SegmentIndex.ENTRY_BYTES + 4;
        if (size > most || size > Integer.MAX_VALUE - 16) {
            throw new SegmentIndex.DamagedException("index of " + size + " bytes is larger than its segment can need");
        }
        try (InputStream in = store.objects().get(s.index())) {
            return SegmentIndex.decode(in.readNBytes((int) (long) size));
        }
    }

    /** The matching entries of one segment and a sequential reader over its blocks. */
    private static final class Cursor {
        final SegmentName name;
        final PacketStore store;
        final int[] linkTypes;
        final long segmentBytes;
        final long[] ts;
        final int[] off;
        int next;
        InputStream in;
        long pos;
        // the packet read last
        int capLen, origLen, linkType;
        long packetTs;
        final byte[] head = new byte[28];

        private Cursor(PacketStore store, SegmentName name, SegmentIndex idx, long[] ts, int[] off) {
            this.store = store;
            this.name = name;
            this.linkTypes = idx.linkTypes;
            this.segmentBytes = idx.segmentBytes;
            this.ts = ts;
            this.off = off;
        }

        static Cursor of(PacketStore store, SegmentName name, SegmentIndex idx, PacketSelector sel) {
            int n = 0;
            long[] ts = new long[16];
            int[] off = new int[16];
            for (int i = 0; i < idx.packets; i++) {
                if (!sel.entry(idx.ts[i], idx.flow[i], idx.hosts[i])) continue;
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, n * 2);
                    off = Arrays.copyOf(off, n * 2);
                }
                ts[n] = idx.ts[i];
                off[n++] = idx.offset[i];
            }
            return n == 0 ? null : new Cursor(store, name, idx, Arrays.copyOf(ts, n), Arrays.copyOf(off, n));
        }

        long nextTs() {
            return ts[next];
        }

        boolean hasNext() {
            return next < ts.length;
        }

        void readNext(byte[] buf) throws IOException, SegmentIndex.DamagedException {
            long target = off[next];
            long expectTs = ts[next];
            next++;
            if (in == null) {
                in = new BufferedInputStream(store.objects().get(name.segment()), 1 << 16);
                pos = 0;
            }
            if (target < pos) throw new SegmentIndex.DamagedException("index entries out of order at offset " + target);
            in.skipNBytes(target - pos);
            pos = target;
            if (in.readNBytes(head, 0, 28) != 28) throw new SegmentIndex.DamagedException("segment ends inside a block at offset " + target);
            int type = Pcapng.u32(head, 0), total = Pcapng.u32(head, 4), iface = Pcapng.u32(head, 8);
            long t = ((long) Pcapng.u32(head, 12) << 32) | (Pcapng.u32(head, 16) & 0xffffffffL);
            int cap = Pcapng.u32(head, 20), orig = Pcapng.u32(head, 24);
            if (type != Pcapng.EPB) throw new SegmentIndex.DamagedException("no packet block at offset " + target);
            if (total < Pcapng.EPB_OVERHEAD || total > MAX_BLOCK || (total & 3) != 0 || cap < 0
                    || Pcapng.epbBytes(cap) != total || target + total > segmentBytes) {
                throw new SegmentIndex.DamagedException("packet block at offset " + target + " has impossible lengths");
            }
            if (iface < 0 || iface >= linkTypes.length) throw new SegmentIndex.DamagedException("packet block at offset " + target + " names interface " + iface);
            if (t != expectTs) throw new SegmentIndex.DamagedException("packet at offset " + target + " does not match its index entry");
            int rest = total - 28;
            if (in.readNBytes(buf, 0, rest) != rest) throw new SegmentIndex.DamagedException("segment ends inside a block at offset " + target);
            pos += total;
            packetTs = t;
            capLen = cap;
            origLen = Math.max(orig, cap);
            linkType = linkTypes[iface];
        }

        void close() {
            if (in == null) return;
            try {
                in.close();
            } catch (IOException e) {
                // reading is over
            }
            in = null;
        }
    }
}
