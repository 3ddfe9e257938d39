package dev.netproof.store;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.store.internal.LastText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of exported records on their way to {@code export_rows}, as columns of primitives in
 * {@link ExportRowsAppender}'s order, reused batch after batch ({@link StoreWriter} keeps a few).
 *
 * <p>Why not a list of the records: at a million records a second the writer's queue held a few hundred
 * thousand of them, each record with its address objects, and every young collection copied them all:
 * 60-110 ms pauses (ParallelGC, {@code -Xlog:gc}), longer than the 4 MiB socket buffer lasts at that rate, so
 * the kernel dropped datagrams. Arrays allocated once are old after the first collections and not copied
 * again; the records themselves now die young. Not thread-safe: the producer fills a batch, hands it over,
 * and takes it back only once the writer has stored it.
 */
final class ExportColumns {
    /** Who exported a row ({@code export_keys}); an index into {@link #keys} per row. */
    record Key(ExportFormat format, IpAddress exporter, long domain) {
        // written out: the generated ones are method-handle chains the JIT may leave as calls
        @Override
        public int hashCode() {
            return (Objects.hashCode(format) * 31 + Objects.hashCode(exporter)) * 31 + Long.hashCode(domain);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.domain == domain && k.format == format
                    && Objects.equals(k.exporter, exporter);
        }
    }

    private static final IpAddress NO_ADDRESS = IpAddress.ofV6(0, 0);
    private static final long FLIP = Schema.SIGN_FLIP;

    final int capacity;
    int size;
    /** {@code end} 0 means NULL; {@code hasHop} false: no next hop. */
    final long[] ts, end, received, transport, marks, bytes, packets, rate, interfaces, asPair, hopHi, hopLo,
            origHi, origLo, respHi, respLo;
    final boolean[] hasHop;
    final int[] key;
    /** NULL (null) for most rows ({@link ExportBits#texts}). */
    final String[] texts;
    final List<Key> keys = new ArrayList<>();
    /** The index of each key in {@link #keys}, for a batch with many (a flood of exporters or domains). */
    private final Map<Key, Integer> keyIndex = new HashMap<>();
    private final LastText<List<ExportedFlow.ExtraField>> extraText = new LastText<>(ExportRowsAppender::extra);

    ExportColumns(int capacity) {
        this.capacity = capacity;
        ts = new long[capacity];
        end = new long[capacity];
        received = new long[capacity];
        transport = new long[capacity];
        marks = new long[capacity];
        bytes = new long[capacity];
        packets = new long[capacity];
        rate = new long[capacity];
        interfaces = new long[capacity];
        asPair = new long[capacity];
        hopHi = new long[capacity];
        hopLo = new long[capacity];
        origHi = new long[capacity];
        origLo = new long[capacity];
        respHi = new long[capacity];
        respLo = new long[capacity];
        hasHop = new boolean[capacity];
        key = new int[capacity];
        texts = new String[capacity];
    }

    boolean isFull() {
        return size == capacity;
    }

    /** Adds {@code f} as the next row; the batch must not be full. */
    void add(ExportedFlow f) {
        int i = size++;
        ts[i] = f.startNanos() != 0 ? f.startNanos() : f.receivedNanos();
        end[i] = f.endNanos();
        received[i] = f.receivedNanos();
        transport[i] = ExportBits.transport(f);
        marks[i] = ExportBits.marks(f);
        bytes[i] = f.bytes();
        packets[i] = f.packets();
        rate[i] = f.samplingRate();
        interfaces[i] = ExportBits.interfaces(f);
        asPair[i] = ExportBits.asPair(f);
        IpAddress hop = f.nextHop();
        hasHop[i] = hop != null;
        if (hop != null) {
            hopHi[i] = hop.hi() ^ FLIP;
            hopLo[i] = hop.lo() ^ FLIP;
        }
        IpAddress src = f.srcAddr() == null ? NO_ADDRESS : f.srcAddr();
        IpAddress dst = f.dstAddr() == null ? NO_ADDRESS : f.dstAddr();
        origHi[i] = src.hi() ^ FLIP;
        origLo[i] = src.lo() ^ FLIP;
        respHi[i] = dst.hi() ^ FLIP;
        respLo[i] = dst.lo() ^ FLIP;
        texts[i] = ExportBits.texts(f.mplsLabels(), f.extra().isEmpty() ? null : extraText.text(f.extra()));
        key[i] = keyIndex(f);
    }

    /** An exporter's records come in runs: the previous row's key, else the batch's index of keys. */
    private int keyIndex(ExportedFlow f) {
        if (size > 1) {
            Key last = keys.get(key[size - 2]);
            if (matches(last, f)) return key[size - 2];
        }
        Key k = new Key(f.format(), f.exporter(), f.domain());
        Integer known = keyIndex.get(k);
        if (known != null) return known;
        keys.add(k);
        keyIndex.put(k, keys.size() - 1);
        return keys.size() - 1;
    }

    private static boolean matches(Key k, ExportedFlow f) {
        return k.format() == f.format() && k.domain() == f.domain() && k.exporter().equals(f.exporter());
    }

    /** Empties the batch for reuse (texts dropped, so that they can be collected). */
    void clear() {
        Arrays.fill(texts, 0, size, null);
        keys.clear();
        keyIndex.clear();
        size = 0;
    }
}
