package dev.netproof.packetstore;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * The background half of a {@link PacketWriter}: writes buffers to the spool file in the order they
 * come, and on each segment's end puts its index, then the segment, into the object store (the index
 * first, so a visible segment always has one) and tells the store's budget. A failed write costs that
 * segment's packets ({@code packets_write_error}) and the next segment is tried afresh.
 */
final class SegmentUploader implements Runnable {
    sealed interface Work permits Chunk, Finish, Stop {}

    record Chunk(byte[] bytes, int length) implements Work {}

    record Finish(SegmentName name, SegmentIndex index) implements Work {}

    enum Stop implements Work { STOP }

    private final PacketStore store;
    private final String sourceId;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Work> queue;
    private final StageCounters counters;
    private final QualitySink quality;
    private volatile String firstError;
    private volatile Map<String, Long> totals = Map.of();
    private FileChannel spool;
    private Path spoolFile;
    private boolean failed;
    /** The open segment failed for want of disk space (counted apart from write errors). */
    private boolean noSpace;
    private int spoolSeq;

    SegmentUploader(PacketStore store, String source, String sourceId, BlockingQueue<byte[]> free,
                    BlockingQueue<Work> queue, QualitySink quality) {
        this.store = store;
        this.sourceId = sourceId;
        this.free = free;
        this.queue = queue;
        this.quality = quality;
        this.counters = new StageCounters(source, PacketStore.STAGE, PacketCounter.class, quality);
    }

    @Override
    public void run() {
        try {
            while (true) {
                Work w = queue.take();
                try {
                    switch (w) {
                        case Chunk c -> write(c);
                        case Finish f -> finish(f);
                        case Stop s -> {
                            counters.flush();
                            totals = counters.totals();
                            return;
                        }
                    }
                } catch (RuntimeException | Error e) {
                    // keep taking work whatever happens: the packet thread blocks on a full queue otherwise
                    fail("packet store: " + e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSpool();
        }
    }

    private void write(Chunk c) {
        try {
            if (failed) return;
            if (spool == null) {
                Files.createDirectories(store.config().spoolDir());
                spoolFile = store.config().spoolDir().resolve("spool-" + sourceId + "-" + (spoolSeq++) + ".pcapng.part");
                spool = FileChannel.open(spoolFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
            long free = Files.getFileStore(spoolFile).getUsableSpace();
            if (free - c.length() < store.config().reserveBytes()) {
                noSpace = true;
                fail(free + " bytes free on the disk of " + store.config().spoolDir() + ", under the "
                        + store.config().reserveBytes() + " bytes left to the flow store");
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(c.bytes(), 0, c.length());
            while (b.hasRemaining()) spool.write(b);
            // to disk now, 4 MiB at a time: the object store syncs the segment before naming it, and one
            // 64 MiB sync at the end kept this thread away long enough for the packet thread to fill every buffer
            spool.force(false);
        } catch (IOException | RuntimeException e) {
            fail("writing " + spoolFile + ": " + e.getMessage());
        } finally {
            free.offer(c.bytes());
        }
    }

    private void finish(Finish f) {
        SegmentIndex idx = f.index();
        Path indexFile = null;
        try {
            if (failed || spool == null) throw new IOException(firstError == null ? "segment has no bytes" : firstError);
            spool.close();
            spool = null;
            indexFile = store.config().spoolDir().resolve("spool-" + sourceId + "-" + spoolSeq + ".idx.part");
            Files.write(indexFile, idx.encode());
            long indexBytes = Files.size(indexFile);
            store.objects().put(f.name().index(), indexFile);
            store.objects().put(f.name().segment(), spoolFile);
            store.added(f.name(), idx.segmentBytes + indexBytes, quality);
            for (int i = 0; i < idx.packets; i++) {
                counters.at(Math.floorDiv(idx.ts[i], 1_000_000_000L));
                counters.inc(PacketCounter.PACKETS_STORED);
            }
            counters.add(PacketCounter.BYTES_STORED, idx.segmentBytes);
            counters.inc(PacketCounter.SEGMENTS_WRITTEN);
        } catch (IOException | RuntimeException e) {
            if (!failed) fail("storing segment " + f.name().segment() + ": " + e.getMessage());
            counters.at(Math.floorDiv(idx.lastTs, 1_000_000_000L));
            counters.add(noSpace ? PacketCounter.PACKETS_NO_SPACE : PacketCounter.PACKETS_WRITE_ERROR, idx.packets);
        } finally {
            closeSpool();
            deleteQuietly(spoolFile);
            deleteQuietly(indexFile);
            spoolFile = null;
            failed = false;
            noSpace = false;
        }
    }

    private void fail(String message) {
        failed = true;
        if (firstError == null) firstError = message;
    }

    private void closeSpool() {
        if (spool == null) return;
        try {
            spool.close();
        } catch (IOException e) {
            // the segment is already counted as failed or done
        }
        spool = null;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover .part file is ignored by every listing
        }
    }

    Map<String, Long> totals() {
        return totals;
    }

    String firstError() {
        return firstError;
    }
}
