package dev.netproof.flow.dns;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.decode.dns.DnsMessage;
import dev.netproof.decode.dns.DnsQuestion;
import dev.netproof.decode.dns.DnsRecord;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Pairs DNS queries with their responses, per flow, into {@link DnsEvent}s.
 *
 * <p>A query waits for the response with its transaction id and question in the same flow. A copy
 * of a waiting query counts as a duplicate; a query without a response for {@code timeoutNanos} of
 * capture time, or still waiting at {@link #finish()}, is emitted unanswered; a response whose
 * query was not seen is emitted alone. At most {@code maxPending} queries wait: past that the
 * oldest is emitted unanswered and counted in {@link #evicted()}, so memory is bounded whatever
 * the traffic. Events come out in the order they complete. Not thread-safe.
 */
public final class DnsTransactions {
    /** Where a message was seen: its flow, and who sent it. */
    public record Endpoints(String uid, IpAddress srcH, int srcP, IpAddress dstH, int dstP, Transport proto) {}

    private record Key(String uid, int id, String name, int type) {
        @Override
        public int hashCode() {
            return ((uid.hashCode() * 31 + id) * 31 + name.hashCode()) * 31 + type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id && k.type == type && k.uid.equals(uid) && k.name.equals(name);
        }
    }

    private static final class Pending {
        final long ts;
        final Endpoints where;
        final DnsMessage query;
        int duplicates;

        Pending(long ts, Endpoints where, DnsMessage query) {
            this.ts = ts;
            this.where = where;
            this.query = query;
        }
    }

    private final long timeoutNanos;
    private final int maxPending;
    private final String source;
    /** Each event with the response it was made from (null when unanswered). */
    private final BiConsumer<DnsEvent, DnsMessage> sink;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long evicted;

    public DnsTransactions(long timeoutNanos, int maxPending, String source, Consumer<DnsEvent> sink) {
        this(timeoutNanos, maxPending, source, (e, response) -> sink.accept(e));
    }

    /** As the constructor, the sink also given the response each event was made from (null when unanswered). */
    public static DnsTransactions withResponses(long timeoutNanos, int maxPending, String source,
                                                BiConsumer<DnsEvent, DnsMessage> sink) {
        return new DnsTransactions(timeoutNanos, maxPending, source, sink);
    }

    private DnsTransactions(long timeoutNanos, int maxPending, String source, BiConsumer<DnsEvent, DnsMessage> sink) {
        if (timeoutNanos <= 0 || maxPending < 1) throw new IllegalArgumentException("timeout and capacity must be positive");
        this.timeoutNanos = timeoutNanos;
        this.maxPending = maxPending;
        this.source = source;
        this.sink = sink;
    }

    /** One decoded message sent from {@code where.src} at {@code ts}. */
    public void accept(long ts, Endpoints where, DnsMessage m) {
        expire(ts);
        DnsQuestion q = m.question();
        Key key = new Key(where.uid(), m.id(), q == null ? "" : DnsEvent.nameKey(q.name()),
                q == null ? -1 : q.type());
        if (!m.response()) {
            Pending p = pending.get(key);
            if (p != null) {
                p.duplicates++;
                return;
            }
            if (pending.size() >= maxPending) {
                Iterator<Pending> oldest = pending.values().iterator();
                Pending gone = oldest.next();
                oldest.remove();
                evicted++;
                sink.accept(event(gone.ts, gone.where, gone.query, null, -1, DnsEvent.Status.UNANSWERED, gone.duplicates), null);
            }
            pending.put(key, new Pending(ts, where, m));
            return;
        }
        Pending p = pending.remove(key);
        if (p == null) {
            Endpoints asker = new Endpoints(where.uid(), where.dstH(), where.dstP(), where.srcH(), where.srcP(), where.proto());
            sink.accept(event(ts, asker, m, m, -1, DnsEvent.Status.RESPONSE_ONLY, 0), m);
        } else {
            sink.accept(event(p.ts, p.where, p.query, m, ts - p.ts, DnsEvent.Status.ANSWERED, p.duplicates), m);
        }
    }

    /** Emits the queries that waited longer than the timeout before {@code now}. */
    public void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.ts < timeoutNanos) break; // insertion order is time order, near enough
            it.remove();
            sink.accept(event(p.ts, p.where, p.query, null, -1, DnsEvent.Status.UNANSWERED, p.duplicates), null);
        }
    }

    /** End of input: every waiting query is unanswered. */
    public void finish() {
        expire(Long.MAX_VALUE);
    }

    /** Queries emitted unanswered early because {@code maxPending} were waiting. */
    public long evicted() {
        return evicted;
    }

    public int pending() {
        return pending.size();
    }

    /**
     * What a response without a question is about: its first answer's owner name (multicast DNS
     * answers carry no question), as Zeek's dns.log takes it; null when there is none.
     */
    private static String subject(DnsMessage response) {
        return response == null || response.answers().isEmpty() ? null : response.answers().getFirst().name();
    }

    private DnsEvent event(long ts, Endpoints asker, DnsMessage query, DnsMessage response, long rtt,
                           DnsEvent.Status status, int duplicates) {
        DnsQuestion q = query.question();
        // unmodifiable lists, which DnsEvent keeps as they are
        List<String> answers = List.of();
        List<Long> ttls = List.of();
        if (response != null && !response.answers().isEmpty()) {
            List<DnsRecord> records = response.answers();
            String[] data = new String[records.size()];
            Long[] ttl = new Long[data.length];
            int i = 0;
            for (DnsRecord r : records) {
                data[i] = r.data();
                ttl[i++] = r.ttl();
            }
            answers = List.of(data);
            ttls = List.of(ttl);
        }
        DnsMessage flags = response != null ? response : query;
        return new DnsEvent(ts, asker.uid(), asker.srcH(), asker.srcP(), asker.dstH(), asker.dstP(), asker.proto(),
                query.id(), rtt, q != null ? q.name() : subject(response), q == null ? -1 : q.dnsClass(), q == null ? -1 : q.type(),
                response == null ? -1 : response.rcode(), flags.authoritative(), flags.truncated(),
                query.recursionDesired(), flags.recursionAvailable(), answers, ttls, status, duplicates, source);
    }
}
