package dev.netproof.store;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.core.model.Sample;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.store.internal.EventTable;
import java.util.HashMap;
import java.util.Map;
import dev.netproof.core.model.Flow;
import dev.netproof.store.internal.JsonText;
import dev.netproof.store.internal.TableFeed;
import dev.netproof.store.internal.TlsWriter;
import dev.netproof.store.rollup.DnsMinute;
import dev.netproof.store.rollup.DnsNameMinute;
import dev.netproof.store.rollup.DnsRollup;
import dev.netproof.store.rollup.ServiceMinute;
import dev.netproof.store.rollup.TcpServiceRollup;
import dev.netproof.store.tier.HotFiles;
import dev.netproof.store.tier.TierSettings;
import dev.netproof.store.tier.TierWriter;
import dev.netproof.store.talker.TalkerWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes flows and ledger rows to the store in batches, on its own
 * thread, so the packet path never waits on disk unless the store falls behind.
 *
 * <p>Producers call {@link #add(Flow)}, {@link #add(DnsEvent)} and {@link #add(QualityRow)} from one thread (the pipeline
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
     * they end, commit less often ({@link #FILE_COMMITS}).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** For file ingests: the least time between two commits (a crash re-reads the file anyway). */
    public static final Duration FILE_COMMIT_INTERVAL = Duration.ofSeconds(1);

    /**
     * When a writer commits: once {@code interval} has passed since the last commit and {@code flows} flows wait,
     * or once {@code longest} has passed whatever waits (0 flows and {@code longest == interval}: at every interval).
     */
    public record Commits(Duration interval, long flows, Duration longest) {
        public Commits {
            if (interval.isNegative() || flows < 0 || longest.compareTo(interval) < 0) {
                throw new IllegalArgumentException(
                        "commits: interval " + interval + ", flows " + flows + ", longest " + longest);
            }
        }

        /** A commit at every {@code interval}. */
        public static Commits every(Duration interval) {
            return new Commits(interval, 0, interval);
        }

        /** Whether to commit {@code waitingFlows} flows, {@code sinceNanos} after the last commit. */
        public boolean due(long sinceNanos, long waitingFlows) {
            return sinceNanos >= interval.toNanos() && (waitingFlows >= flows || sinceNanos >= longest.toNanos());
        }
    }

    /**
     * A file ingest's commits: once {@link HotFiles#SMALL_FILE_ROWS} (500,000) flows wait (and
     * {@link #FILE_COMMIT_INTERVAL} after the last), and at least every 60 s. Each commit writes the flows waiting to
     * hot files of their own, in the background while the next flows are staged ({@code Session.commit}), and the end
     * of the ingest merges the files of fewer rows again ({@link HotFiles#compact}). A TLS-mix ingest that committed
     * every 10 s whatever waited (313,000 flows) committed twice, and the end then read and rewrote every flow (0.63 s)
     * and ranked a talker part more (0.36 s); one commit at the end does neither. With 10 s between commits, an
     * ingest of 20 M packets committed 1.2 M flows at 10 s, as its packet thread was ending, and waited for them.
     * Files of fewer rows are still made by sources that send fewer than 500,000 flows a minute, and merged at the
     * end as before.
     */
    public static final Commits FILE_COMMITS =
            new Commits(FILE_COMMIT_INTERVAL, HotFiles.SMALL_FILE_ROWS, Duration.ofSeconds(60));
    /**
     * A batch size for sources of a million rows a second (the flow-export collector): each insert statement
     * costs DuckDB its planning and execution set-up: the exported-flow writer did 0.6-0.75 M rows/s with 8k-row
     * inserts and 0.65-1.16 M with 64k-row ones ({@code bench/.../ExportStoreRate}, rounds of one session).
     */
    public static final int BULK_BATCH = 65_536;

    private final Connection conn;
    private final BlockingQueue<Object> queue;
    private final int batchSize;
    private final Commits commits;
    private final Thread thread;
    private final AtomicLong flowsWritten = new AtomicLong();
    private volatile Throwable failure;
    /** The journal row updated at every commit ({@link IngestJournal}), -1 for none. */
    private volatile long ingestId = -1;
    /** Producer side: how far the input has been read, stamped on every batch handed over. */
    private java.util.function.LongSupplier inputOffset;
    /** Writer side: the input offset of the last batch written. */
    private long readOffset;
    private List<Flow> flows;
    private List<QualityRow> quality;
    /** Exported records being batched (producer side), and the batches free for reuse ({@link ExportColumns}). */
    private ExportColumns exported;
    private final BlockingQueue<ExportColumns> freeExports;
    private int exportBatchesMade;
    private final int exportBatchesMax;
    /** Transaction rows not yet handed over, one holder per event table (producer side). */
    private final Waiting dnsRows = new Waiting(EventTable.DNS), httpRows = new Waiting(EventTable.HTTP),
            tlsRows = new Waiting(EventTable.TLS), sampleRows = new Waiting(EventTable.SAMPLES);
    private final List<Waiting> events = List.of(dnsRows, httpRows, tlsRows, sampleRows);
    /**
     * Rows of a table's first batch: far fewer than {@code batchSize}, so that the branch that hands a batch over
     * is taken while the analyzers' code is still being profiled. Handed over first at {@code batchSize} rows (32,768
     * for a file ingest), it was met only after C2 had compiled the code that emits the rows with this method
     * inlined, as a branch never taken: the first full batch discarded that compiled code (JFR: the DNS
     * transactions' 42 kB, a 0.35-0.55 s compile, and the TLS rows' path). The writer also sees each table early.
     */
    static final int FIRST_EVENT_BATCH = 1024;
    /** Owned by the writer thread. */
    private final TcpServiceRollup rollup = new TcpServiceRollup(TcpServiceRollup.DEFAULT_BUDGET);
    /** Rollup rows held before they are written (memory bound; the rest wait for the end). */
    private static final int ROLLUP_FLUSH_ROWS = 20_000;
    /** Owned by the writer thread: DNS per minute and per queried name. */
    private final DnsRollup dnsRollup = new DnsRollup(DnsRollup.DEFAULT_BUDGET);
    /** The storage tiers' settings (read by the writer thread at the first flows); null for none. */
    private volatile TierSettings tierSettings;
    /** Owned by the writer thread: the 1-s series, minute and hour rollups ({@code tier} package). */
    private TierWriter tiers;
    /** Owned by the writer thread: per-host sums of the flows, for fast top talkers ({@code talker} package). */
    private TalkerWriter talkers;
    private volatile int talkerKeep = dev.netproof.store.talker.Talkers.KEEP;
    /** Whether flow and TCP rows go to the hot tier's files at each commit instead of the tables. */
    private volatile boolean sealHot;

    public StoreWriter(Store store, int batchSize, int queuedBatches) throws StoreException {
        this(store, batchSize, queuedBatches, DEFAULT_COMMIT_INTERVAL);
    }

    /**
     * Sets how many hosts per metric a closed hour's talker list keeps ({@code talker.Talkers#KEEP} by default;
     * small values make tests cut lists); call before the first flow.
     */
    public StoreWriter talkerKeep(int keep) {
        if (keep < 1) throw new IllegalArgumentException("talker keep must be positive: " + keep);
        this.talkerKeep = keep;
        return this;
    }

    /**
     * Writes flow and TCP rows to the hot tier's Parquet files ({@code tier.HotFiles}) instead of
     * {@code flow_rows} and {@code tcp_rows}: they are staged in an in-memory database and each commit writes
     * the staged rows to files and lists them in the same transaction as the journal's row. For sources
     * whose rows all come in one run, like a capture file (a long flow of a live source would end in an hour
     * already written); a store without a directory keeps them in the tables. Call before the first flow.
     */
    public StoreWriter sealHot(boolean on) {
        this.sealHot = on;
        return this;
    }

    /** @param commitInterval rows become visible (and durable) at least this often while batches arrive */
    public StoreWriter(Store store, int batchSize, int queuedBatches, Duration commitInterval) throws StoreException {
        this(store, batchSize, queuedBatches, Commits.every(commitInterval));
    }

    /** @param commits when rows become visible (and durable) while batches arrive; always at {@link #drain} and the close */
    public StoreWriter(Store store, int batchSize, int queuedBatches, Commits commits) throws StoreException {
        this.commits = commits;
        try {
            this.conn = store.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to store: " + Store.firstLine(e.getMessage()), e);
        }
        this.batchSize = batchSize;
        for (Waiting w : events) w.handAt = Math.min(FIRST_EVENT_BATCH, batchSize);
        this.tierSettings = TierSettings.defaults(store.dir());
        this.queue = new ArrayBlockingQueue<>(queuedBatches);
        this.exportBatchesMax = queuedBatches + 2; // queued, being written, being filled
        this.freeExports = new ArrayBlockingQueue<>(exportBatchesMax);
        this.flows = new ArrayList<>(batchSize);
        this.quality = new ArrayList<>();
        this.thread = Thread.ofPlatform().name("netproof-store-writer").daemon(true).unstarted(this::run);
        this.thread.start();
    }

    /**
     * Sets what the tiers roll up (null: no 1-s series and rollups); call before the first flow.
     * The default is {@link TierSettings#defaults} in the store's directory.
     */
    public StoreWriter tiers(TierSettings settings) {
        this.tierSettings = settings;
        return this;
    }

    public void add(Flow f) {
        flows.add(f);
        if (flows.size() >= batchSize) {
            hand(flows);
            flows = new ArrayList<>(batchSize);
        }
    }

    public void add(DnsEvent e) {
        event(dnsRows, e);
    }

    public void add(HttpEvent e) {
        event(httpRows, e);
    }

    public void add(TlsEvent e) {
        event(tlsRows, e);
    }

    public void add(ExportedFlow f) {
        if (exported == null) exported = freeExportBatch();
        exported.add(f);
        if (exported.isFull()) handExports();
    }

    public void add(Sample s) {
        event(sampleRows, s);
    }

    /**
     * Replaces the stored account of {@code source}'s exporters with {@code exporters} (a snapshot of the
     * collector's registry), in the writer's order: after the rows handed over before it.
     */
    public void exporters(String source, List<ExporterSnapshot> exporters) {
        handPending();
        hand(new ExportersBatch(source, List.copyOf(exporters)));
    }

    /**
     * Hands every row buffered so far to the writer thread, full batches or not: a live source calls it
     * now and then so that its rows reach the store (and readers) without waiting for a batch to fill.
     */
    public void handPending() {
        if (!flows.isEmpty()) {
            hand(flows);
            flows = new ArrayList<>(batchSize);
        }
        if (!quality.isEmpty()) {
            hand(new QualityBatch(quality));
            quality = new ArrayList<>();
        }
        if (exported != null && exported.size > 0) handExports();
        handEvents();
    }

    /** Hands every event table's waiting rows over, each table's as one batch. */
    private void handEvents() {
        for (Waiting w : events) {
            if (!w.rows.isEmpty()) {
                hand(new EventBatch(w.table, w.rows));
                w.rows = new ArrayList<>();
            }
        }
    }

    /**
     * Journals this writer's commits in run {@code id} of {@link IngestJournal}: every commit also records,
     * in the same transaction, the flows committed and the input offset read when the last batch was
     * handed over (see {@link #inputOffset}). Call before adding rows.
     */
    public void journal(long id) {
        this.ingestId = id;
    }

    /** Where the producer's input stands (e.g. a capture reader's position), read on the producer thread at each hand-over. */
    public void inputOffset(java.util.function.LongSupplier offset) {
        this.inputOffset = offset;
    }

    /** A batch with the input offset read when it was handed over. */
    private record AtOffset(Object batch, long offset) {}

    private record ExportersBatch(String source, List<ExporterSnapshot> rows) {}

    private void event(Waiting w, Object row) {
        w.rows.add(row);
        if (w.rows.size() >= w.handAt) {
            hand(new EventBatch(w.table, w.rows));
            w.rows = new ArrayList<>();
            w.handAt = batchSize;
        }
    }

    /** One event table's rows not yet handed over, and at how many rows they are. */
    private static final class Waiting {
        final EventTable<?> table;
        List<Object> rows = new ArrayList<>();
        /** Rows at which they are handed over: the first batch's size, then the writer's batch size. */
        int handAt;

        Waiting(EventTable<?> table) {
            this.table = table;
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

    private record ExportBatch(ExportColumns rows) {}

    /** Hands the exported records batched so far to the writer, which gives the batch back once stored. */
    private void handExports() {
        if (hand(new ExportBatch(exported))) {
            exported = null;
        } else {
            exported.clear(); // the writer stopped: the rows are dropped like every batch handed after that
        }
    }

    /**
     * A batch for exported records: one the writer gave back, a new one while fewer than the queue's length + 2
     * exist, else the next one the writer gives back (back-pressure, as a full queue is).
     */
    private ExportColumns freeExportBatch() {
        ExportColumns b = freeExports.poll();
        if (b != null) return b;
        if (exportBatchesMade < exportBatchesMax) {
            exportBatchesMade++;
            return new ExportColumns(batchSize);
        }
        try {
            while ((b = freeExports.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                if (failure != null) return new ExportColumns(batchSize); // nothing comes back from a stopped writer
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing rows to the store", e);
        }
    }

    private record EventBatch(EventTable<?> table, List<Object> rows) {}

    /** Thrown to the producer, when it asked for it ({@link #stopProducerOnFailure}), once the writer has failed. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("the store writer stopped", null, false, false);
        }
    }

    private volatile boolean stopProducer;

    /**
     * After a write failure (a full disk), the next hand-over throws {@link Stopped} instead of dropping the
     * batch, so that a file ingest stops reading at once rather than reading the rest of its file for
     * nothing; {@link #drain()} then reports the failure.
     */
    public void stopProducerOnFailure() {
        this.stopProducer = true;
    }

    /** Queues {@code batch} for the writer; false when the writer has stopped (the batch is dropped). */
    private boolean hand(Object batch) {
        if (failure != null) { // the writer stopped; drain() and close() report why
            if (stopProducer) throw new Stopped();
            return false;
        }
        try {
            java.util.function.LongSupplier at = inputOffset;
            queue.put(at == null ? batch : new AtOffset(batch, at.getAsLong()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing rows to the store", e);
        }
    }

    /** Flows written and committed so far. */
    public long flowsWritten() {
        return flowsWritten.get();
    }

    private static final List<TableFeed.Column<QualityRow>> QUALITY_COLUMNS = List.of(
            TableFeed.varchar("source", QualityRow::source),
            TableFeed.bigint("second", QualityRow::second),
            TableFeed.varchar("stage", QualityRow::stage),
            TableFeed.varchar("metric", QualityRow::metric),
            TableFeed.bigint("value", QualityRow::value));

    /** The sketches go over as base64 text (the feed writes scalars and text) and are decoded by the insert. */
    private static final List<TableFeed.Column<ServiceMinute>> ROLLUP_COLUMNS = List.of(
            TableFeed.bigint("minute_ns", ServiceMinute::minuteNanos),
            TableFeed.varchar("source", ServiceMinute::source),
            TableFeed.varchar("resp_h", m -> m.respH() == null ? null : m.respH().toString()),
            TableFeed.integerOrNull("resp_p", ServiceMinute::respP),
            TableFeed.bigint("connections", ServiceMinute::connections),
            TableFeed.bigint("handshakes", ServiceMinute::handshakes),
            TableFeed.bigint("healthy", ServiceMinute::healthy),
            TableFeed.bigint("degraded", ServiceMinute::degraded),
            TableFeed.bigint("severe", ServiceMinute::severe),
            TableFeed.bigint("payload_bytes", ServiceMinute::payloadBytes),
            TableFeed.bigint("retransmitted_bytes", ServiceMinute::retransmittedBytes),
            TableFeed.bigint("retransmissions", ServiceMinute::retransmissions),
            TableFeed.bigint("zero_windows", ServiceMinute::zeroWindows),
            TableFeed.bigint("rtt_samples", ServiceMinute::rttSamples),
            TableFeed.varchar("hs_rtt", m -> Base64.getEncoder().encodeToString(m.handshakeRtt())),
            TableFeed.varchar("rtt", m -> Base64.getEncoder().encodeToString(m.rtt())));
    private static final String ROLLUP_SELECT = ROLLUP_COLUMNS.stream().map(TableFeed.Column::name)
            .map(n -> n.equals("hs_rtt") || n.equals("rtt") ? "from_base64(" + n + ")" : n)
            .collect(java.util.stream.Collectors.joining(", "));

    /**
     * The writer thread's feeds and transaction state. The loop in {@link #run} only takes batches and hands
     * each to a method of its kind: C2 compiled the loop with every kind inlined as one 50 kB on-stack
     * replacement, three times in an ingest (0.5 s each on a core the packet thread needs), and a batch of
     * a kind not seen before (the first DNS rollup, the end) made it start over.
     */
    private final class Session {
        final TableFeed<QualityRow> ledger;
        final TableFeed<ServiceMinute> services;
        final Map<EventTable<?>, TableFeed<Object>> eventFeeds = new HashMap<>();
        final TableFeed<DnsMinute> dnsMinutes;
        final TableFeed<DnsNameMinute> dnsNames;
        final TlsWriter tls = new TlsWriter();
        final ExportRowsAppender exportRows;
        long lastCommit = System.nanoTime();
        long uncommitted;
        /** Where flow rows go: the store's tables, or {@link #stage}; made at the first flows after a commit. */
        FlowRowsAppender flowApp;
        /** The in-memory database of flow and TCP rows not yet in hot files (when sealing), and their directory. */
        Connection stage;
        java.nio.file.Path hotDir;
        /** The sources of the flows written (whose hot files {@link #finish} compacts). */
        final java.util.Set<Integer> sourcesWritten = new java.util.TreeSet<>();
        int lastSourceId = -1;

        Session() throws SQLException {
            ledger = new TableFeed<>(conn, "quality", QUALITY_COLUMNS, null);
            services = new TableFeed<>(conn, "tcp_service_minutes", ROLLUP_COLUMNS, ROLLUP_SELECT);
            dnsMinutes = new TableFeed<>(conn, "dns_minutes", DNS_MINUTE_COLUMNS, DNS_MINUTE_SELECT);
            dnsNames = new TableFeed<>(conn, "dns_name_minutes", DNS_NAME_COLUMNS, null);
            exportRows = new ExportRowsAppender(conn);
        }

        void write(Object b) throws SQLException, IOException {
            // every kind but flows writes to the store's transaction, which holds a background commit's rows:
            // ledger rows and events wait with the staged flows' share, the other kinds end the commit first
            if (!(b instanceof List) && pending != null) {
                int rows = b instanceof QualityBatch qb ? qb.rows().size() : b instanceof EventBatch eb ? eb.rows().size() : -1;
                if (rows >= 0 && !pending.done() && deferredRows + rows <= deferredRowsMax()) {
                    deferred.add(b);
                    deferredRows += rows;
                    return;
                }
                settle();
            }
            writeNow(b);
            if (commits.due(System.nanoTime() - lastCommit, uncommitted)) commit();
        }

        @SuppressWarnings("unchecked")
        private void writeNow(Object b) throws SQLException, IOException {
            if (b instanceof QualityBatch qb) {
                ledger.insert(conn, qb.rows());
            } else if (b instanceof ExportersBatch xb) {
                writeExporters(xb);
            } else if (b instanceof ExportBatch eb) {
                exportRows.write(eb.rows());
                eb.rows().clear();
                freeExports.offer(eb.rows());
            } else if (b instanceof EventBatch eb) {
                writeEvents(eb);
            } else {
                writeFlows((List<Flow>) b);
            }
        }

        @SuppressWarnings("unchecked")
        private void writeEvents(EventBatch eb) throws SQLException {
            if (eb.table() == EventTable.TLS) {
                tls.write(conn, (List<TlsEvent>) (List<?>) eb.rows());
                return;
            }
            TableFeed<Object> feed = eventFeeds.get(eb.table());
            if (feed == null) {
                EventTable<Object> t = (EventTable<Object>) eb.table();
                feed = new TableFeed<>(conn, t.name(), t.columns(), t.select());
                eventFeeds.put(eb.table(), feed);
            }
            feed.insert(conn, eb.rows());
            if (eb.table() == EventTable.DNS) {
                for (Object r : eb.rows()) dnsRollup.add((DnsEvent) r);
                if (dnsRollup.size() >= ROLLUP_FLUSH_ROWS) writeDnsRollup(dnsMinutes, dnsNames, ledger);
            }
        }

        private void writeFlows(List<Flow> batch) throws SQLException, IOException {
            if (tiers == null && tierSettings != null) tiers = new TierWriter(conn, tierSettings);
            if (talkers == null) talkers = new TalkerWriter(conn, talkerKeep);
            if (pending != null && (pending.done() || deferredRows + batch.size() > deferredRowsMax()))
                settle();
            FlowRowsAppender flowApp = flowApp();
            int[] sourceIds = new int[batch.size()];
            for (int i = 0; i < sourceIds.length; i++) sourceIds[i] = flowApp.append(batch.get(i));
            flowApp.flush();
            uncommitted += batch.size();
            if (pending != null) {
                // staged; what goes into the store's transaction waits for the background commit
                deferred.add(new StagedBatch(batch, sourceIds));
                deferredRows += batch.size();
            } else {
                account(batch, sourceIds);
            }
        }

        /** The flows' share of the store's transaction: talker sums, rollups, tiers. */
        private void account(List<Flow> batch, int[] sourceIds) throws SQLException {
            for (int i = 0; i < sourceIds.length; i++) {
                Flow f = batch.get(i);
                int sourceId = sourceIds[i];
                if (sourceId != lastSourceId) {
                    sourcesWritten.add(sourceId);
                    lastSourceId = sourceId;
                }
                talkers.add(sourceId, f);
                rollup.add(f);
                if (tiers != null) tiers.add(f);
            }
            if (tiers != null) ledger.insert(conn, tiers.flushClosed());
            if (rollup.size() >= ROLLUP_FLUSH_ROWS) writeRollup(services, ledger);
        }

        /** Flows in the stage whose {@link #account} waits for the background commit to end. */
        private record StagedBatch(List<Flow> flows, int[] sourceIds) {}

        /**
         * What waits for the background commit to end, in the order it came: staged flows' {@link StagedBatch share},
         * ledger and event batches; and their rows.
         */
        private final List<Object> deferred = new ArrayList<>();
        private long deferredRows;

        /**
         * The background commit, if one runs: its files are written on a thread of their own while this thread
         * stages the flows after it ({@link #commit}).
         */
        private BackgroundFiles pending;

        /** Whether a background commit is running. */
        boolean committing() {
            return pending != null;
        }

        /**
         * Ends the background commit, if one runs: waits for its files, lists them and commits them with the journal's
         * row in the store's transaction, which holds nothing of the flows staged since; then does those flows'
         * {@link #account} in the next one.
         */
        void settle() throws SQLException, IOException {
            BackgroundFiles p = pending;
            if (p == null) return;
            pending = null;
            List<HotFiles.NewFile> files = p.await();
            try {
                HotFiles.list(conn, hotDir, files);
                journalCommit(flowsWritten.get() + p.flows, p.readOffset);
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                HotFiles.delete(files);
                throw e;
            }
            if (tiers != null) tiers.afterCommit();
            flowsWritten.addAndGet(p.flows);
            List<Object> waiting = new ArrayList<>(deferred);
            deferred.clear();
            deferredRows = 0;
            for (Object b : waiting) {
                if (b instanceof StagedBatch sb) account(sb.flows(), sb.sourceIds());
                else writeNow(b);
            }
        }

        /** After a failure: the background commit's thread ends, its files go, its stage closes. */
        void abandon() {
            BackgroundFiles p = pending;
            pending = null;
            deferred.clear();
            deferredRows = 0;
            if (p == null) return;
            try {
                HotFiles.delete(p.await());
            } catch (Exception | Error ignored) {
                // its own failure, or this one's: the files it made are deleted either way
            }
        }

        /**
         * A commit. With a stage, its files are written in the background ({@link BackgroundFiles}): this thread goes
         * on staging the next flows in a new stage, and the store's transaction (talker part, rollups, journal row)
         * waits, untouched, for the files to be listed with it ({@link #settle}).
         */
        private void commit() throws SQLException, IOException {
            settle();
            if (talkers != null) talkers.writePart();
            if (stage == null) {
                commitWritten();
                return;
            }
            pending = new BackgroundFiles(stage, hotDir, uncommitted, readOffset);
            stage = null;
            flowApp = null;
            uncommitted = 0;
            lastCommit = System.nanoTime();
        }

        void finish() throws SQLException, IOException {
            settle();
            if (flowApp != null) flowApp.flush();
            writeRollup(services, ledger);
            writeDnsRollup(dnsMinutes, dnsNames, ledger);
            if (tiers != null) ledger.insert(conn, tiers.flushAll());
            commitWritten(talkers);
            // each commit wrote its own files: merge the small ones, now that the run has written them all
            if (sealHot && hotDir != null) {
                for (int id : sourcesWritten) HotFiles.compact(conn, id);
            }
        }

        /**
         * Writes the staged flow and TCP rows to hot files and commits what was written, those files' listing and
         * the journal's row in one transaction; then the cold tier's hour files of the committed windows.
         */
        private void commitWritten() throws SQLException, IOException {
            commitWritten(null);
        }

        /**
         * {@link #commitWritten()}, with the talker lists' last part written and ranked ({@link TalkerWriter#finish})
         * on a thread of its own, on the store's connection, while this thread writes the staged rows to files from
         * the stage's: at the end of an ingest the packet thread is done and its core free. Both finish before the
         * commit. Measured on the bench capture with the foundation's options: the ranking took 0.30 s and the files
         * 0.48 s of the writer's last 0.84 s, one after the other.
         */
        private void commitWritten(TalkerWriter last) throws SQLException, IOException {
            Thread ranking = null;
            Throwable[] rankingFailure = new Throwable[1];
            if (last != null) {
                ranking = Thread.ofPlatform().name("netproof-talkers").start(() -> {
                    try {
                        last.finish();
                    } catch (Throwable e) {
                        rankingFailure[0] = e;
                    }
                });
            }
            List<HotFiles.NewFile> files = List.of();
            try {
                files = stage == null ? List.of() : HotFiles.write(stage, hotDir, "true", true);
            } finally {
                if (ranking != null) joinUninterruptibly(ranking);
            }
            if (rankingFailure[0] != null) {
                HotFiles.delete(files);
                if (rankingFailure[0] instanceof SQLException e) throw e;
                if (rankingFailure[0] instanceof RuntimeException e) throw e;
                if (rankingFailure[0] instanceof Error e) throw e;
                throw new SQLException("ranking the talker lists: " + rankingFailure[0], rankingFailure[0]);
            }
            try {
                HotFiles.list(conn, hotDir, files);
                journalCommit(flowsWritten.get() + uncommitted, readOffset);
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                HotFiles.delete(files);
                throw e;
            }
            closeStage();
            if (tiers != null) tiers.afterCommit();
            flowsWritten.addAndGet(uncommitted);
            uncommitted = 0;
            lastCommit = System.nanoTime();
        }

        private FlowRowsAppender flowApp() throws SQLException {
            if (flowApp != null) return flowApp;
            if (sealHot && hotDir == null) hotDir = HotFiles.dataDir(conn);
            if (sealHot && hotDir != null) {
                stage = HotFiles.stage();
                flowApp = new FlowRowsAppender(conn, stage);
            } else {
                flowApp = new FlowRowsAppender(conn);
            }
            return flowApp;
        }

        /** Drops the stage (its memory with it); the next flows open a new one. */
        void closeStage() {
            if (stage == null) return;
            try {
                stage.close();
            } catch (SQLException ignored) {
                // an in-memory database: nothing is lost
            }
            stage = null;
            flowApp = null;
        }
    }

    /** How often the writer looks whether a background commit's files are written, while no batch comes. */
    private static final long SETTLE_POLL_MS = 5;

    /**
     * Rows that wait for a background commit, at most (staged flows, ledger rows and events): beyond them the writer
     * waits for it, as it did for every commit before, so what memory holds stays bounded (with the queue's batches).
     */
    private int deferredRowsMax() {
        return 8 * batchSize;
    }

    /**
     * Waits for {@code t} to end even if this thread is interrupted meanwhile (the interrupt is kept): {@code t} works
     * on what this thread uses next (the store's connection, a commit's files).
     */
    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * One commit's hot files, written from its stage on a thread of its own ({@code netproof-commit}): the writer
     * thread meanwhile stages the next flows. The stage is this object's alone once handed over, and closed when
     * its files are written (or failed).
     *
     * <p>Why: a commit of 1.2 M flows took the writer 3.5 s of Parquet writing, while the queue in front of it holds
     * four batches (131,072 flows, about 1 s of the packet thread's output at 20 M packets): the packet thread waited
     * 3.8 s of a 15-s ingest of 20 M packets in {@link #hand} (async-profiler, wall clock).
     */
    static final class BackgroundFiles {
        final long flows;
        final long readOffset;
        private final Thread thread;
        private volatile boolean done;
        private List<HotFiles.NewFile> files = List.of();
        private Throwable failure;

        BackgroundFiles(Connection stage, java.nio.file.Path dir, long flows, long readOffset) {
            this.flows = flows;
            this.readOffset = readOffset;
            this.thread = Thread.ofPlatform().name("netproof-commit").start(() -> {
                try (stage) {
                    files = HotFiles.write(stage, dir, "true", true);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done = true;
                }
            });
        }

        boolean done() {
            return done;
        }

        /** The files written; throws what writing them threw (HotFiles.write has deleted them then). */
        List<HotFiles.NewFile> await() throws SQLException, IOException {
            joinUninterruptibly(thread);
            if (failure == null) return files;
            if (failure instanceof SQLException e) throw e;
            if (failure instanceof IOException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            throw new IOException("writing hot files: " + failure, failure);
        }
    }

    private void run() {
        Session session = null;
        try {
            session = new Session();
            conn.setAutoCommit(false);
            while (true) {
                Object b;
                if (session.committing()) {
                    // a background commit ends when its files are written, batches or not: readers wait for it
                    b = queue.poll(SETTLE_POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (b == null) {
                        if (session.pending.done()) session.settle();
                        continue;
                    }
                } else {
                    b = queue.take();
                }
                if (b instanceof AtOffset a) {
                    readOffset = a.offset();
                    b = a.batch();
                }
                if (b == END) break;
                session.write(b);
            }
            session.finish();
            conn.setAutoCommit(true);
        } catch (Throwable t) {
            failure = t;
            queue.clear();
            if (session != null) {
                session.abandon();
                session.closeStage();
            }
            try {
                // Leave the connection usable, so the caller can still record the failed ingest.
                conn.rollback();
                conn.setAutoCommit(true);
            } catch (SQLException | RuntimeException ignored) {
                // the original failure is what gets reported
            }
        }
    }

    /** Records in the journal's row, in the store's transaction, the flows committed with it and how far the input was read. */
    private void journalCommit(long flowsCommitted, long inputOffset) throws SQLException {
        long id = ingestId;
        if (id >= 0) IngestJournal.committed(conn, id, inputOffset, flowsCommitted);
    }

    /** Ledger metric: flows of a minute beyond the rollup's budget of named services (the "other" row). */
    static final String ROLLUP_STAGE = "rollup", OTHER_FLOWS = "tcp_services.other_flows";

    /**
     * Writes the rollup's rows; each "other" row's connections also go to the ledger, so an answer can
     * say how much was lumped together.
     */
    private void writeRollup(TableFeed<ServiceMinute> services, TableFeed<QualityRow> ledger) throws SQLException {
        List<ServiceMinute> rows = rollup.drain();
        List<QualityRow> lumped = new ArrayList<>();
        for (ServiceMinute m : rows) {
            if (m.respH() == null) {
                lumped.add(new QualityRow(m.source(), Math.floorDiv(m.minuteNanos(), 1_000_000_000L),
                        ROLLUP_STAGE, OTHER_FLOWS, m.connections()));
            }
        }
        services.insert(conn, rows);
        ledger.insert(conn, lumped);
    }

    /** Ledger metric: DNS transactions of a minute whose name went to the "other" row (beyond the budget of names). */
    static final String OTHER_DNS_NAMES = "dns_names.other_transactions";

    private static final List<TableFeed.Column<DnsMinute>> DNS_MINUTE_COLUMNS = List.of(
            TableFeed.bigint("minute_ns", DnsMinute::minuteNanos),
            TableFeed.varchar("source", DnsMinute::source),
            TableFeed.bigint("transactions", DnsMinute::transactions),
            TableFeed.bigint("answered", DnsMinute::answered),
            TableFeed.bigint("unanswered", DnsMinute::unanswered),
            TableFeed.bigint("response_only", DnsMinute::responseOnly),
            TableFeed.bigint("noerror", DnsMinute::noError),
            TableFeed.bigint("nxdomain", DnsMinute::nxDomain),
            TableFeed.bigint("servfail", DnsMinute::servFail),
            TableFeed.bigint("refused", DnsMinute::refused),
            TableFeed.bigint("other_rcode", DnsMinute::otherRcode),
            TableFeed.varchar("rtt", m -> Base64.getEncoder().encodeToString(m.rtt())));
    private static final String DNS_MINUTE_SELECT = DNS_MINUTE_COLUMNS.stream().map(TableFeed.Column::name)
            .map(n -> n.equals("rtt") ? "from_base64(rtt)" : n).collect(java.util.stream.Collectors.joining(", "));
    private static final List<TableFeed.Column<DnsNameMinute>> DNS_NAME_COLUMNS = List.of(
            TableFeed.bigint("minute_ns", DnsNameMinute::minuteNanos),
            TableFeed.varchar("source", DnsNameMinute::source),
            TableFeed.varchar("query", DnsNameMinute::query),
            TableFeed.bigint("transactions", DnsNameMinute::transactions),
            TableFeed.bigint("nxdomain", DnsNameMinute::nxDomain),
            TableFeed.bigint("distinct_names", DnsNameMinute::distinctNames));

    /** Writes the DNS rollup's rows; each "other" row's transactions also go to the ledger. */
    private void writeDnsRollup(TableFeed<DnsMinute> minutes, TableFeed<DnsNameMinute> names, TableFeed<QualityRow> ledger)
            throws SQLException {
        List<DnsNameMinute> nameRows = new ArrayList<>();
        List<DnsMinute> rows = dnsRollup.drain(nameRows);
        List<QualityRow> lumped = new ArrayList<>();
        for (DnsNameMinute n : nameRows) {
            if (n.query() == null) {
                lumped.add(new QualityRow(n.source(), Math.floorDiv(n.minuteNanos(), 1_000_000_000L), ROLLUP_STAGE,
                        OTHER_DNS_NAMES, n.transactions()));
            }
        }
        minutes.insert(conn, rows);
        names.insert(conn, nameRows);
        ledger.insert(conn, lumped);
    }

    private void writeExporters(ExportersBatch b) throws SQLException {
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM exporters WHERE source = ?")) {
            del.setString(1, b.source());
            del.executeUpdate();
        }
        String sql = "INSERT INTO exporters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "COALESCE(CAST(string_split(NULLIF(?, ''), ',') AS BIGINT[]), CAST([] AS BIGINT[])), ?)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (ExporterSnapshot x : b.rows()) {
                int i = 1;
                ps.setString(i++, b.source());
                ps.setString(i++, x.key().format().label());
                ps.setString(i++, x.key().isOther() ? "other" : x.key().exporter().toString());
                ps.setLong(i++, x.key().domain());
                ps.setLong(i++, x.firstSeenNanos());
                ps.setLong(i++, x.lastSeenNanos());
                ps.setLong(i++, x.datagrams());
                ps.setLong(i++, x.records());
                ps.setLong(i++, x.flows());
                ps.setLong(i++, x.samples());
                ps.setLong(i++, x.lost());
                ps.setString(i++, x.lossUnit());
                ps.setLong(i++, x.duplicates());
                ps.setLong(i++, x.reordered());
                ps.setLong(i++, x.resets());
                ps.setLong(i++, x.unverifiable());
                ps.setString(i++, x.numbering());
                if (x.clockOffsetNanos() == null) ps.setNull(i++, java.sql.Types.BIGINT);
                else ps.setLong(i++, x.clockOffsetNanos());
                ps.setLong(i++, x.clockResolutionNanos());
                ps.setString(i++, x.samplingRates().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")));
                ps.setInt(i, x.templates());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Writes the rows still buffered and waits for the writer thread; does not close the connection. */
    public void drain() throws StoreException {
        stopProducer = false; // from here on, the failure is reported below
        if (!flows.isEmpty()) hand(flows);
        if (!quality.isEmpty()) hand(new QualityBatch(quality));
        if (exported != null && exported.size > 0) handExports();
        exported = null;
        handEvents();
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
            throw new StoreException("writing to the store failed: "
                    + Store.withHint(Store.firstLine(String.valueOf(failure.getMessage()))), failure);
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
