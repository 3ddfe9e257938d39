package dev.netproof.packetstore;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.packetstore.internal.IndexBuilder;
import dev.netproof.packetstore.internal.Pcapng;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes one source's packets into segments. {@link #accept} runs on the packet thread and costs one
 * copy of the packet's bytes into a 4 MiB buffer and one index entry; full buffers go through a bounded
 * queue to a background thread ({@link SegmentUploader}) that writes them to the spool file and hands
 * each closed segment and its index to the object store. The queue blocks when full: back-pressure, so
 * no packet is lost and none reordered. Not thread-safe: one packet thread calls {@link #accept}, then
 * {@link #close} once.
 */
public final class PacketWriter implements AutoCloseable {
    static final int CHUNK_BYTES = 4 << 20;
    /** Buffers in flight per writer (16 MiB): enough to ride over an fsync or an upload. */
    static final int CHUNKS = 4;

    private final PacketStoreConfig config;
    private final String source;
    private final String sourceId;
    private final StageCounters counters;
    private final QualitySink quality;
    /**
     * Ledger rows of the background thread (stored, written, evicted, errors), handed to {@code quality} by
     * the packet thread: sinks such as the store writer take rows from one thread only.
     */
    private final Queue<QualityRow> backgroundRows = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<SegmentUploader.Work> queue = new ArrayBlockingQueue<>(CHUNKS + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final SegmentUploader uploader;
    private final Thread thread;
    private int allocated;

    private byte[] buf;
    private int pos;
    private boolean open;
    private int seq;
    private long segBytes, segFirstTs, segMinTs, segMaxTs;
    private int segSnapped;
    private int[] linkTypes = new int[4];
    private int linkTypeCount;
    private IndexBuilder index;
    private boolean closed;

    PacketWriter(PacketStore store, String source, QualitySink quality) {
        this.config = store.config();
        this.source = source;
        this.sourceId = SegmentName.sourceId(source);
        this.quality = quality;
        this.counters = new StageCounters(source, PacketStore.STAGE, PacketCounter.class, quality);
        this.uploader = new SegmentUploader(store, source, sourceId, free, queue, backgroundRows::add);
        this.thread = Thread.ofPlatform().name("packet-store " + sourceId).daemon().start(uploader);
        this.buf = nextBuffer();
    }

    public String source() {
        return source;
    }

    /**
     * Stores one packet: {@code data[offset, offset + capLen)} as captured. May block while the
     * background thread catches up.
     */
    public void accept(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType, PacketFacts f) {
        counters.at(Math.floorDiv(tsNanos, 1_000_000_000L));
        int keep = config.snap().keepsAll() ? capLen : config.snap().keep(f, capLen);
        int blockBytes = Pcapng.epbBytes(keep);
        if (blockBytes + Pcapng.SHB_BYTES + Pcapng.IDB_BYTES > CHUNK_BYTES) {
            counters.inc(PacketCounter.PACKETS_TOO_BIG);
            return;
        }
        if (open && (segBytes + blockBytes + Pcapng.IDB_BYTES > config.segmentBytes()
                || tsNanos - segFirstTs >= config.segmentNanos() || tsNanos < segFirstTs - config.segmentNanos())) {
            finishSegment();
        }
        if (!open) startSegment(tsNanos);
        int iface = interfaceOf(linkType);
        ensure(blockBytes);
        int start = pos;
        pos = Pcapng.epbHead(buf, pos, iface, tsNanos, keep, Math.max(wireLen, capLen));
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, buf, pos, keep);
        pos = Pcapng.epbTail(buf, pos + keep, keep);
        int hosts = 0;
        if (f.ip) {
            SegmentIndex.addHost(index.bloom, f.srcHi, f.srcLo);
            SegmentIndex.addHost(index.bloom, f.dstHi, f.dstLo);
            hosts = SegmentIndex.hosts(FlowHash.host16(f.srcHi, f.srcLo), FlowHash.host16(f.dstHi, f.dstLo));
        }
        index.add(tsNanos, (int) segBytes, f.flowHash, hosts);
        segBytes += pos - start;
        if (tsNanos < segMinTs) segMinTs = tsNanos;
        if (tsNanos > segMaxTs) segMaxTs = tsNanos;
        if (keep < capLen) {
            segSnapped++;
            counters.inc(PacketCounter.PACKETS_SNAPPED);
            counters.add(PacketCounter.BYTES_SNAPPED, capLen - keep);
        }
    }

    private int interfaceOf(int linkType) {
        for (int i = 0; i < linkTypeCount; i++) if (linkTypes[i] == linkType) return i;
        if (linkTypeCount == linkTypes.length) linkTypes = Arrays.copyOf(linkTypes, linkTypeCount * 2);
        ensure(Pcapng.IDB_BYTES);
        pos = Pcapng.idb(buf, pos, linkType);
        segBytes += Pcapng.IDB_BYTES;
        linkTypes[linkTypeCount] = linkType;
        return linkTypeCount++;
    }

    private void startSegment(long ts) {
        open = true;
        segFirstTs = segMinTs = segMaxTs = ts;
        segBytes = 0;
        segSnapped = 0;
        linkTypeCount = 0;
        index = new IndexBuilder(SegmentIndex.BLOOM_BYTES);
        ensure(Pcapng.SHB_BYTES);
        pos = Pcapng.shb(buf, pos);
        segBytes = Pcapng.SHB_BYTES;
    }

    private void finishSegment() {
        sendBuffer();
        IndexBuilder b = index;
        SegmentName name = new SegmentName(Math.max(0, segMinTs), Math.max(0, segMaxTs), sourceId, seq++);
        SegmentIndex idx = new SegmentIndex(source, segMinTs, segMaxTs, b.count, segSnapped, segBytes,
                Arrays.copyOf(linkTypes, linkTypeCount), b.bloom, b.ts, b.offset, b.flow, b.hosts);
        put(new SegmentUploader.Finish(name, idx));
        open = false;
        index = null;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) sendBuffer();
    }

    private void sendBuffer() {
        if (pos == 0) return;
        put(new SegmentUploader.Chunk(buf, pos));
        buf = nextBuffer();
        pos = 0;
        drainBackgroundRows();
    }

    private byte[] nextBuffer() {
        byte[] b = free.poll();
        if (b != null) return b;
        if (allocated < CHUNKS) {
            allocated++;
            return new byte[CHUNK_BYTES];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the packet store", e);
        }
    }

    private void put(SegmentUploader.Work w) {
        try {
            queue.put(w);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the packet store", e);
        }
    }

    /** Closes the open segment, waits until every segment is in the object store, and flushes the ledger. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (open) finishSegment();
        put(SegmentUploader.Stop.STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        counters.flush();
        drainBackgroundRows();
    }

    private void drainBackgroundRows() {
        for (QualityRow r; (r = backgroundRows.poll()) != null; ) quality.accept(r);
    }

    /** Ledger totals of this writer (stored, snapped, evicted, errors), after {@link #close}. */
    public Map<String, Long> totals() {
        Map<String, Long> m = new LinkedHashMap<>(counters.totals());
        uploader.totals().forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    /** The first write or upload error, if any (segments after it are still attempted). */
    public String firstError() {
        return uploader.firstError();
    }
}
