package dev.netproof.packetstore;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.packetstore.objects.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The packet store over an {@link ObjectStore}: hands out {@link PacketWriter}s, keeps the segments
 * under the byte budget (oldest first), and lists what is stored. The object store's listing is the
 * catalogue (see {@link SegmentName}): it survives a crash and cannot name a segment that is not there.
 * Thread-safe: writers of several sources may finish segments at the same time.
 */
public final class PacketStore implements AutoCloseable {
    public static final String STAGE = "packets";

    private final ObjectStore objects;
    private final PacketStoreConfig config;
    /** Segments known to this process, with their bytes (segment and index), oldest first. */
    private final TreeMap<SegmentName, Long> segments = new TreeMap<>();
    private long totalBytes;

    /** Lists what the object store holds (the budget counts segments written before this process). */
    public PacketStore(ObjectStore objects, PacketStoreConfig config) throws IOException {
        this.objects = objects;
        this.config = config;
        Map<SegmentName, Long> sizes = new TreeMap<>();
        for (ObjectStore.ObjectInfo o : objects.list(SegmentName.SEGMENTS)) {
            SegmentName.parse(o.name()).ifPresent(n -> sizes.merge(n, o.size(), Long::sum));
        }
        for (var e : sizes.entrySet()) {
            segments.put(e.getKey(), e.getValue());
            totalBytes += e.getValue();
        }
    }

    public PacketStoreConfig config() {
        return config;
    }

    public ObjectStore objects() {
        return objects;
    }

    /** A writer for one source (a file, an interface); close it at the source's end. */
    public PacketWriter writer(String source, QualitySink sourceQuality) {
        return new PacketWriter(this, source, sourceQuality);
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    /**
     * Called once a segment and its index are in the object store; evicts the oldest beyond the budget,
     * counting them (under each evicted segment's own source) into {@code quality}.
     */
    synchronized void added(SegmentName name, long bytes, QualitySink quality) {
        Long old = segments.put(name, bytes);
        totalBytes += bytes - (old == null ? 0 : old);
        while (totalBytes > config.budgetBytes() && !segments.isEmpty()) {
            var oldest = segments.pollFirstEntry();
            totalBytes -= oldest.getValue();
            evict(oldest.getKey(), oldest.getValue(), quality);
        }
    }

    /**
     * Deletes a segment (first, so no listing shows a segment without its index) and its index, leaving
     * an empty tombstone that tells extractions of its time range that packets were there.
     */
    private void evict(SegmentName name, long bytes, QualitySink quality) {
        IndexHead head = head(name).orElse(new IndexHead("unknown", 0));
        try {
            Path empty = Files.createTempFile("netproof-gone", ".tmp");
            try {
                objects.put(name.tombstone(), empty);
            } finally {
                Files.deleteIfExists(empty);
            }
            objects.delete(name.segment());
            objects.delete(name.index());
        } catch (IOException e) {
            return; // counted on the next attempt; the segment is still listed by the object store
        }
        StageCounters c = new StageCounters(head.source(), STAGE, PacketCounter.class, quality);
        c.at(Math.floorDiv(name.endNanos(), 1_000_000_000L));
        c.inc(PacketCounter.SEGMENTS_EVICTED);
        c.add(PacketCounter.PACKETS_EVICTED, head.packets());
        c.add(PacketCounter.BYTES_EVICTED, bytes);
        c.flush();
    }

    /** Source and packet count from the first bytes of a segment's index; empty when unreadable. */
    private Optional<IndexHead> head(SegmentName name) {
        try (InputStream in = objects.get(name.index(), 0, 42 + 1024)) {
            byte[] b = in.readNBytes(42 + 1024);
            if (b.length < 44) return Optional.empty();
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int packets = bb.getInt(24);
            int len = bb.getShort(40) & 0xffff;
            String source = new String(b, 42, Math.min(len, b.length - 42), StandardCharsets.UTF_8);
            return Optional.of(new IndexHead(source, Math.max(0, packets)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record IndexHead(String source, int packets) {}

    /** Stored segments (listed now from the object store), oldest first. */
    public List<SegmentName> list() throws IOException {
        List<String> names = new ArrayList<>();
        for (ObjectStore.ObjectInfo o : objects.list(SegmentName.SEGMENTS)) names.add(o.name());
        return list(names);
    }

    /** The segments among object names, oldest first. */
    static List<SegmentName> list(java.util.Collection<String> objectNames) {
        TreeMap<SegmentName, Boolean> found = new TreeMap<>();
        for (String name : objectNames) {
            if (name.endsWith(SegmentName.PCAPNG)) SegmentName.parse(name).ifPresent(n -> found.put(n, true));
        }
        return new ArrayList<>(found.keySet());
    }

    /** Segments evicted by the budget (their tombstones), oldest first. */
    public List<SegmentName> evicted() throws IOException {
        List<SegmentName> out = new ArrayList<>();
        for (ObjectStore.ObjectInfo o : objects.list(SegmentName.EVICTED)) SegmentName.parse(o.name()).ifPresent(out::add);
        out.sort(null);
        return out;
    }

    /**
     * Deletes every segment and index of {@code source} (an interrupted ingest's, for crash recovery);
     * returns how many segments went.
     */
    public synchronized int deleteSource(String source) throws IOException {
        String id = SegmentName.sourceId(source);
        int n = 0;
        for (SegmentName s : list()) {
            if (!s.sourceId().equals(id)) continue;
            objects.delete(s.segment());
            objects.delete(s.index());
            Long bytes = segments.remove(s);
            if (bytes != null) totalBytes -= bytes;
            n++;
        }
        for (ObjectStore.ObjectInfo o : objects.list(SegmentName.SEGMENTS)) {
            // indexes whose segment never arrived
            Optional<SegmentName> s = SegmentName.parse(o.name());
            if (s.isPresent() && s.get().sourceId().equals(id)) objects.delete(o.name());
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        objects.close();
    }
}
