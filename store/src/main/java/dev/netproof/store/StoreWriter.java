package dev.netproof.store;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.Flow;
import dev.netproof.store.rollup.ServiceMinute;
import dev.netproof.store.rollup.TcpServiceRollup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes flows and ledger rows to the store in batches, on its own
 * thread, so the packet path never waits on disk unless the store falls behind.
 *
 * <p>Producers call {@link #add(Flow)} and {@link #add(QualityRow)} from one thread (the pipeline
 * thread); rows are grouped into batches of {@code batchSize} and handed over through a bounded
 * queue. A full queue blocks the producer: back-pressure, never a silent drop. Rows are committed
 * (visible to readers) at least every commit interval while batches arrive, and at
 * {@link #drain()}. {@link #close()} writes what is left, commits, and rethrows the first write failure.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Object END = new Object();
    /**
     * Rows are committed at most this often by default: fresh enough for a live source's readers.
     * Each commit costs: DuckDB writes the rows of a transaction straight into compressed row groups
     * only when they fill one (122,880 rows); the rest go through its write-ahead log and are compressed
     * again at the next checkpoint. Storing the bench capture's 312,975 flows alone took 7.2-7.5 s with
     * 1-s commits and 4.3-4.7 s with one commit at the end. So file ingests, which nobody reads until
     * they end, commit less often ({@link #FILE_COMMIT_INTERVAL}).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** For file ingests: bounds what a crash loses to about this much work. */
    public static final Duration FILE_COMMIT_INTERVAL = Duration.ofSeconds(10);

    private final Connection conn;
    private final BlockingQueue<Object> queue;
    private final int batchSize;
    private final long commitIntervalNanos;
    private final Thread thread;
    private final AtomicLong flowsWritten = new AtomicLong();
    private volatile Throwable failure;
    private List<Flow> flows;
    private List<QualityRow> quality;
    /** Owned by the writer thread. */
    private final TcpServiceRollup rollup = new TcpServiceRollup(TcpServiceRollup.DEFAULT_BUDGET);
    /** Rollup rows held before they are written (memory bound; the rest wait for the end). */
    private static final int ROLLUP_FLUSH_ROWS = 20_000;

    public StoreWriter(Store store, int batchSize, int queuedBatches) throws StoreException {
        this(store, batchSize, queuedBatches, DEFAULT_COMMIT_INTERVAL);
    }

    /** @param commitInterval rows become visible (and durable) at least this often while batches arrive */
    public StoreWriter(Store store, int batchSize, int queuedBatches, Duration commitInterval) throws StoreException {
        this.commitIntervalNanos = commitInterval.toNanos();
        try {
            this.conn = store.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to store: " + Store.firstLine(e.getMessage()), e);
        }
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queuedBatches);
        this.flows = new ArrayList<>(batchSize);
        this.quality = new ArrayList<>();
        this.thread = Thread.ofPlatform().name("netproof-store-writer").daemon(true).unstarted(this::run);
        this.thread.start();
    }

    public void add(Flow f) {
        flows.add(f);
        if (flows.size() >= batchSize) {
            hand(flows);
            flows = new ArrayList<>(batchSize);
        }
    }

    public void add(QualityRow r) {
        quality.add(r);
        if (quality.size() >= batchSize) {
            hand(new QualityBatch(quality));
            quality = new ArrayList<>();
        }
    }

    private record QualityBatch(List<QualityRow> rows) {}

    private void hand(Object batch) {
        if (failure != null) return; // the writer stopped; close() reports why
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing rows to the store", e);
        }
    }

    /** Flows written and committed so far. */
    public long flowsWritten() {
        return flowsWritten.get();
    }

    @SuppressWarnings("unchecked")
    private void run() {
        try (FlowRowsAppender flowApp = new FlowRowsAppender(conn);
             DuckDBAppender qApp = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "quality");
             DuckDBAppender sApp = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tcp_service_minutes")) {
            conn.setAutoCommit(false);
            long lastCommit = System.nanoTime();
            long uncommitted = 0;
            while (true) {
                Object b = queue.take();
                if (b == END) break;
                if (b instanceof QualityBatch qb) {
                    for (QualityRow r : qb.rows()) appendQuality(qApp, r);
                    qApp.flush();
                } else {
                    List<Flow> batch = (List<Flow>) b;
                    for (Flow f : batch) {
                        flowApp.append(f);
                        rollup.add(f);
                    }
                    flowApp.flush();
                    uncommitted += batch.size();
                    if (rollup.size() >= ROLLUP_FLUSH_ROWS) writeRollup(sApp, qApp);
                }
                if (System.nanoTime() - lastCommit >= commitIntervalNanos) {
                    qApp.flush();
                    conn.commit();
                    flowsWritten.addAndGet(uncommitted);
                    uncommitted = 0;
                    lastCommit = System.nanoTime();
                }
            }
            flowApp.flush();
            writeRollup(sApp, qApp);
            qApp.flush();
            conn.commit();
            flowsWritten.addAndGet(uncommitted);
            conn.setAutoCommit(true);
        } catch (Throwable t) {
            failure = t;
            queue.clear();
            try {
                // Leave the connection usable, so the caller can still record the failed ingest.
                conn.rollback();
                conn.setAutoCommit(true);
            } catch (SQLException | RuntimeException ignored) {
                // the original failure is what gets reported
            }
        }
    }

    /** Ledger metric: flows of a minute beyond the rollup's budget of named services (the "other" row). */
    static final String ROLLUP_STAGE = "rollup", OTHER_FLOWS = "tcp_services.other_flows";

    /**
     * Writes the rollup's rows; each "other" row's connections also go to the ledger, so an answer can
     * say how much was lumped together.
     */
    private void writeRollup(DuckDBAppender a, DuckDBAppender ledger) throws SQLException {
        for (ServiceMinute m : rollup.drain()) {
            if (m.respH() == null) {
                appendQuality(ledger, new QualityRow(m.source(), Math.floorDiv(m.minuteNanos(), 1_000_000_000L),
                        ROLLUP_STAGE, OTHER_FLOWS, m.connections()));
            }
            a.beginRow();
            a.append(m.minuteNanos());
            a.append(m.source());
            if (m.respH() == null) a.appendNull(); else a.append(m.respH().toString());
            if (m.respP() < 0) a.appendNull(); else a.append(m.respP());
            a.append(m.connections());
            a.append(m.handshakes());
            a.append(m.healthy());
            a.append(m.degraded());
            a.append(m.severe());
            a.append(m.payloadBytes());
            a.append(m.retransmittedBytes());
            a.append(m.retransmissions());
            a.append(m.zeroWindows());
            a.append(m.rttSamples());
            a.append(m.handshakeRtt());
            a.append(m.rtt());
            a.endRow();
        }
        a.flush();
        ledger.flush();
    }

    private static void appendQuality(DuckDBAppender a, QualityRow r) throws SQLException {
        a.beginRow();
        a.append(r.source());
        a.append(r.second());
        a.append(r.stage());
        a.append(r.metric());
        a.append(r.value());
        a.endRow();
    }

    /** Records one finished ingest run in the {@code ingests} table. */
    public void recordIngest(String source, long size, long startedNs, long finishedNs, long packets, long flowCount,
                             String status) throws StoreException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, source);
            ps.setLong(2, size);
            ps.setLong(3, startedNs);
            ps.setLong(4, finishedNs);
            ps.setLong(5, packets);
            ps.setLong(6, flowCount);
            ps.setString(7, status);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record ingest: " + Store.firstLine(e.getMessage()), e);
        }
    }

    /** Writes the rows still buffered and waits for the writer thread; does not close the connection. */
    public void drain() throws StoreException {
        if (!flows.isEmpty()) hand(flows);
        if (!quality.isEmpty()) hand(new QualityBatch(quality));
        flows = new ArrayList<>(batchSize);
        quality = new ArrayList<>();
        if (failure == null) hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing to the store", e);
        }
        if (failure != null) {
            throw new StoreException("writing to the store failed: " + Store.firstLine(String.valueOf(failure.getMessage())),
                    failure);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            if (thread.isAlive()) drain();
        } finally {
            try {
                conn.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close store connection: " + Store.firstLine(e.getMessage()), e);
            }
        }
    }
}
