package dev.netproof.source.pcap;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.source.pcap.internal.Formats;
import dev.netproof.source.pcap.internal.ReadContext;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a pcap or pcapng file and hands every packet to a {@link PacketSink} without copying it: the
 * file is memory-mapped (any size, including over 2 GiB) and the sink gets the mapping plus an offset.
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(path, path.toString(), ledger)) {
 *     ReadResult result = r.read(sink);
 *     result.fault().ifPresent(f -> System.err.println(f.message()));
 * }
 * }</pre>
 *
 * <p><b>Bad input</b> never throws from {@link #read}: the reader delivers every packet before the
 * first broken record, then stops and reports a {@link CaptureFault} in the {@link ReadResult}. No
 * allocation is sized by a length read from the file, and a captured length above {@link #MAX_CAPLEN}
 * is a fault. Only opening can fail with an exception ({@link CaptureOpenException}).
 *
 * <p><b>Ledger</b>: counts go to {@link StageCounters} of stage {@value #STAGE} under the given source,
 * per capture second, with the metrics of {@link ReadMetric}; the last second is flushed when
 * {@link #read} returns.
 *
 * <p><b>Threads</b>: one thread calls {@link #read}; any thread may call {@link #position()} and
 * {@link #size()} meanwhile, e.g. for a progress bar. {@link #close()} must not run during
 * {@link #read}. The per-packet path allocates nothing.
 */
public final class CaptureReader implements AutoCloseable {
    /** Largest captured length accepted (256 KiB, as libpcap and Wireshark use). */
    public static final int MAX_CAPLEN = ReadContext.MAX_CAPLEN;
    /** Most interfaces one pcapng section may describe. */
    public static final int MAX_INTERFACES = ReadContext.MAX_INTERFACES;
    /** The ledger stage name. */
    public static final String STAGE = "read";

    private final String file;
    private final MemorySegment data;
    private final Arena arena;
    private final StageCounters counters;
    private final CaptureFormat format;
    private volatile ReadContext context;

    private CaptureReader(String file, MemorySegment data, Arena arena, String source, QualitySink quality) {
        this.file = file;
        this.data = data;
        this.arena = arena;
        this.counters = new StageCounters(source, STAGE, ReadMetric.class, quality);
        this.format = Formats.detect(data);
    }

    /**
     * Maps {@code file} for reading.
     *
     * @param source   the ledger's source name for these counts (e.g. the path as the user gave it)
     * @param quality  receives the per-second ledger rows; {@link QualitySink#DISCARD} to ignore them
     * @throws CaptureOpenException with a one-line message if the file is missing, a directory, not
     *                              a regular file, unreadable or cannot be mapped
     */
    public static CaptureReader open(Path file, String source, QualitySink quality) throws CaptureOpenException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quality, "quality");
        if (Files.isDirectory(file)) throw new CaptureOpenException(file, "is a directory", null);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureOpenException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new CaptureOpenException(file, "permission denied", e);
        } catch (FileSystemException e) {
            throw new CaptureOpenException(file, e.getReason() == null ? "cannot open" : e.getReason(), e);
        } catch (IOException e) {
            throw new CaptureOpenException(file, "cannot open: " + e.getMessage(), e);
        }
        // A shared arena: the reader may be opened on one thread and read on another.
        Arena arena = Arena.ofShared();
        try (channel) {
            if (!Files.isRegularFile(file)) throw new CaptureOpenException(file, "not a regular file", null);
            long size = channel.size();
            MemorySegment data = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new CaptureReader(file.toString(), data, arena, source, quality);
        } catch (CaptureOpenException e) {
            arena.close();
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            arena.close();
            throw new CaptureOpenException(file, "cannot map: " + e.getMessage(), e);
        }
    }

    /** {@link #open(Path, String, QualitySink)} with the path as the source name. */
    public static CaptureReader open(Path file, QualitySink quality) throws CaptureOpenException {
        return open(file, file.toString(), quality);
    }

    /**
     * A reader over a capture already in memory (a pcap segment of the store, a test's bytes). The
     * caller keeps ownership of {@code data}, which must stay alive during {@link #read}.
     *
     * @param name  how faults name the capture
     */
    public static CaptureReader of(MemorySegment data, String name, String source, QualitySink quality) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quality, "quality");
        return new CaptureReader(name, data, null, source, quality);
    }

    /**
     * Delivers every packet to {@code sink} in file order, on this thread, until the end of the file or
     * the first fault. May be called once. Exceptions thrown by the sink propagate unchanged.
     */
    public ReadResult read(PacketSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (context != null) throw new IllegalStateException("read() already called on " + file);
        ReadContext c = new ReadContext(data, file, counters, sink);
        context = c;
        try {
            Formats.read(format, c);
        } finally {
            counters.flush();
        }
        CaptureFault fault = c.fault();
        return new ReadResult(counters.total(ReadMetric.PACKETS), counters.total(ReadMetric.BYTES),
                counters.total(ReadMetric.SKIPPED_RECORDS), c.position(), Optional.ofNullable(fault));
    }

    /** The format the first bytes announce; {@link CaptureFormat#UNKNOWN} makes {@link #read} fault. */
    public CaptureFormat format() {
        return format;
    }

    /** File size in bytes. */
    public long size() {
        return data.byteSize();
    }

    /**
     * Bytes of the file read so far, for progress: updated every few thousand records and when
     * {@link #read} returns (then the file size, or the fault's offset). Any thread.
     */
    public long position() {
        ReadContext c = context;
        return c == null ? 0 : c.position();
    }

    /**
     * The pcapng interface id, within its section, of the packet being delivered; 0 for pcap. Only
     * meaningful inside {@link PacketSink#onPacket}, on the reading thread.
     */
    public int interfaceId() {
        ReadContext c = context;
        return c == null ? 0 : c.interfaceId();
    }

    /** The ledger counters; their totals are final once {@link #read} has returned. Reading thread only. */
    public StageCounters counters() {
        return counters;
    }

    /** Unmaps the file. Segments handed to sinks become inaccessible. Idempotent. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) arena.close();
    }
}
