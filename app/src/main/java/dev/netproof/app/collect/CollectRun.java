package dev.netproof.app.collect;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.FlowExports;
import dev.netproof.source.flow.exporter.Exporters;
import dev.netproof.source.flow.listen.Collector;
import dev.netproof.source.flow.listen.UdpListener;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import dev.netproof.store.StoreWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flow-export collector wired to the store: listeners, decoders, the exporters' account and the
 * writer, for {@code netproof collect} and {@code netproof serve --collect}. Besides what the decoders
 * count, every port's datagrams that the kernel dropped (socket buffer full) or that found the ring full
 * go to the ledger under source {@code collect:udp/PORT}, stage {@code collect}.
 *
 * <p>Everything that writes to the store runs on the collector's decoding thread (the writer has one
 * producer); {@link #exporters()} and the counters may be read from any thread.
 */
public final class CollectRun implements AutoCloseable {
    /** The ledger source of the decoders and the {@code exporters} rows of a collector. */
    public static final String SOURCE = "collect";
    private static final long SNAPSHOT_EVERY_NANOS = 5_000_000_000L;

    /** Ledger metrics of stage {@code collect}, per listening port. */
    public enum CollectMetric { DATAGRAMS, RING_FULL, KERNEL_DROPS }

    private final StoreWriter writer;
    private final FlowExports decoders;
    private final Exporters exporters;
    private final Collector collector;
    private final List<PortAccount> ports = new ArrayList<>();
    private long lastSnapshot;
    private volatile long flows;
    private volatile long samples;

    private static final class PortAccount {
        final UdpListener listener;
        final StageCounters counters;
        long datagrams;
        long ringFull;
        long kernelDrops;

        PortAccount(UdpListener listener, QualitySink quality) {
            this.listener = listener;
            this.counters = new StageCounters("collect:udp/" + listener.port(), "collect", CollectMetric.class, quality);
        }
    }

    public CollectRun(Store store, Collector.Config config) throws StoreException, IOException {
        // two queued batches: the off-heap ring is where bursts wait, not the heap (StoreWriter's export batches)
        this.writer = new StoreWriter(store, StoreWriter.BULK_BATCH, 2, StoreWriter.DEFAULT_COMMIT_INTERVAL);
        QualitySink quality = writer::add;
        this.decoders = new FlowExports(SOURCE, quality);
        this.exporters = new Exporters(quality);
        ExportSink toStore = new ExportSink() {
            @Override
            public void header(ExportHeader header) {
            }

            @Override
            public void flow(ExportedFlow flow) {
                flows++;
                writer.add(flow);
            }

            @Override
            public void sample(Sample sample) {
                samples++;
                writer.add(sample);
            }
        };
        try {
            this.collector = new Collector(config, decoders, exporters.tracking(toStore), this::tick);
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        for (UdpListener l : collector.listeners()) ports.add(new PortAccount(l, quality));
    }

    public void start() {
        collector.start();
    }

    /** On the decoding thread: the ports' counters, then everything buffered to the writer. */
    private void tick() {
        long now = System.currentTimeMillis() / 1000;
        for (PortAccount p : ports) {
            p.counters.at(now);
            long d = p.listener.received();
            long r = p.listener.ringFull();
            long k = p.listener.kernelDrops(); // after close, the count read as the socket closed
            p.counters.add(CollectMetric.DATAGRAMS, d - p.datagrams);
            p.counters.add(CollectMetric.RING_FULL, r - p.ringFull);
            if (k >= 0) {
                p.counters.add(CollectMetric.KERNEL_DROPS, Math.max(0, k - p.kernelDrops));
                p.kernelDrops = Math.max(p.kernelDrops, k);
            }
            p.datagrams = d;
            p.ringFull = r;
            p.counters.flush();
        }
        // a live source's ledger is read while it runs: the current second's counts go out now, not when it ends
        decoders.flush();
        exporters.flush();
        long t = System.nanoTime();
        if (t - lastSnapshot >= SNAPSHOT_EVERY_NANOS) {
            decoders.reportTemplates(exporters);
            writer.exporters(SOURCE, exporters.snapshot());
            lastSnapshot = t;
        }
        writer.handPending();
    }

    public List<UdpListener> listeners() {
        return collector.listeners();
    }

    public List<dev.netproof.source.flow.listen.TcpListener> tcpListeners() {
        return collector.tcpListeners();
    }

    public List<ExporterSnapshot> exporters() {
        return exporters.snapshot();
    }

    public long flows() {
        return flows;
    }

    public long samples() {
        return samples;
    }

    public long datagrams() {
        return collector.received();
    }

    /** Datagrams refused by a full ring, and dropped by the kernel, over all ports so far. */
    public long dropped() {
        long n = 0;
        for (PortAccount p : ports) n += p.listener.ringFull() + Math.max(0, p.listener.kernelDrops());
        return n;
    }

    /** Decoder and exporter counters of the run so far, stage → metric → count. */
    public Map<String, Map<String, Long>> totals() {
        return decoders.totals();
    }

    /** Stops listening, decodes and stores what was received, writes the final account, and closes the writer. */
    @Override
    public void close() throws IOException, StoreException {
        try {
            collector.close(); // its last tick ran on the decoding thread, which has ended: this thread may write now
            decoders.flush();
            exporters.flush();
            for (PortAccount p : ports) p.counters.flush();
            decoders.reportTemplates(exporters);
            writer.exporters(SOURCE, exporters.snapshot());
            if (collector.failure() != null && collector.decoderFailures() == 0) {
                throw new StoreException("the collector stopped: " + collector.failure().getMessage(), collector.failure());
            }
        } finally {
            writer.close();
        }
    }
}
