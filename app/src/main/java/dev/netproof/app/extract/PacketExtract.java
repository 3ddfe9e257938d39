package dev.netproof.app.extract;

import dev.netproof.core.model.IpAddress;
import dev.netproof.packetstore.Extraction;
import dev.netproof.packetstore.PacketMatcher;
import dev.netproof.packetstore.PacketSelector;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.packetstore.SegmentName;
import dev.netproof.query.QueryException;
import dev.netproof.query.TimeRange;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.FilterException;
import dev.netproof.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * One extraction request: exactly one of a flow uid, a host address or a flow filter, and an optional
 * time range. {@link #plan} checks it against the store (so that errors come before any output), and
 * {@link Plan#write} writes the capture.
 */
public record PacketExtract(String uid, String host, String filter, TimeRange range) {
    public PacketExtract {
        if (range == null) range = TimeRange.ALL;
    }

    /** Parses the request's text as the CLI and the API receive it. */
    public static PacketExtract parse(String uid, String host, String filter, String from, String to) throws ExtractException {
        int given = (uid != null ? 1 : 0) + (host != null ? 1 : 0) + (filter != null ? 1 : 0);
        if (given != 1) throw new ExtractException("give exactly one of uid, host or filter", false);
        try {
            return new PacketExtract(uid, host, filter, TimeRange.parse(from, to));
        } catch (QueryException e) {
            throw new ExtractException(e.getMessage(), false);
        }
    }

    /** What to read and how to check it, once the flows or the host are known. */
    public record Plan(String what, long from, long to, PacketSelector selector, PacketMatcher matcher, int flows) {
        /** Writes the capture to {@code out}. */
        public Extraction.Result write(PacketStore packets, OutputStream out) throws IOException {
            return Extraction.run(packets, from, to, selector, matcher, out);
        }
    }

    /**
     * @throws ExtractException naming the problem: no such flow, no flow matching, a bad address or filter,
     *                          nothing stored for the range (saying what range is stored)
     */
    public Plan plan(Store store, PacketStore packets) throws ExtractException, IOException {
        List<SegmentName> stored = packets.list();
        if (stored.isEmpty() && packets.evicted().isEmpty()) {
            throw new ExtractException("the packet store is empty (ingest with packets on)", true);
        }
        Plan plan;
        if (host != null) {
            IpAddress a;
            try {
                a = IpAddress.parse(host);
            } catch (IllegalArgumentException e) {
                throw new ExtractException("host '" + host + "' is not an IPv4 or IPv6 address", false);
            }
            long to = range.hasTo() ? range.toNanos() - 1 : Long.MAX_VALUE;
            plan = new Plan("host " + a, range.fromNanos(), to, PacketSelector.host(a.hi(), a.lo(), range.fromNanos(), range.toNanos()),
                    PacketMatchers.host(a), 0);
        } else {
            List<FlowKeyRow> flows = flows(store);
            long from = Long.MAX_VALUE, to = Long.MIN_VALUE;
            int[] hashes = new int[flows.size()];
            for (int i = 0; i < hashes.length; i++) {
                FlowKeyRow f = flows.get(i);
                hashes[i] = f.flowHash();
                from = Math.min(from, f.fromNanos());
                to = Math.max(to, f.toNanos());
            }
            String what = uid != null ? "flow " + uid : flows.size() + " flow(s) matching '" + filter + "'";
            plan = new Plan(what, from, to, PacketSelector.flows(hashes, from, to), PacketMatchers.flows(flows), flows.size());
        }
        checkStored(plan, stored, packets.evicted());
        return plan;
    }

    private List<FlowKeyRow> flows(Store store) throws ExtractException {
        try (Connection c = store.connect()) {
            if (uid != null) {
                List<FlowKeyRow> rows = FlowLookup.byUid(c, uid);
                if (rows.isEmpty()) throw new ExtractException("no flow with uid " + uid, true);
                if (range.hasFrom() || range.hasTo()) {
                    rows = rows.stream().filter(f -> f.toNanos() >= range.fromNanos() && f.fromNanos() < range.toNanos()).toList();
                    if (rows.isEmpty()) throw new ExtractException("flow " + uid + " has no packets in the time range given", true);
                }
                return rows;
            }
            Filter f;
            try {
                f = Filter.parse(filter);
            } catch (FilterException e) {
                throw new ExtractException(e.getMessage(), false);
            }
            List<FlowKeyRow> rows = FlowLookup.byFilter(c, f, range);
            if (rows.isEmpty()) throw new ExtractException("no flow matches '" + filter + "' in the time range", true);
            if (rows.size() > FlowLookup.MAX_FLOWS) {
                throw new ExtractException("more than " + FlowLookup.MAX_FLOWS + " flows match '" + filter
                        + "'; narrow the filter or the time range", false);
            }
            return rows;
        } catch (SQLException | QueryException e) {
            throw new ExtractException("flow lookup failed: " + e.getMessage(), false);
        }
    }

    /** Nothing stored for the plan's range is an error that says what is stored. */
    private static void checkStored(Plan plan, List<SegmentName> stored, List<SegmentName> evicted) throws ExtractException {
        long end = plan.to() == Long.MAX_VALUE ? Long.MAX_VALUE : plan.to() + 1;
        if (stored.stream().anyMatch(s -> s.overlaps(plan.from(), end))) return;
        long gone = evicted.stream().filter(s -> s.overlaps(plan.from(), end)).count();
        String range = time(plan.from()) + " to " + time(plan.to());
        if (gone > 0) {
            throw new ExtractException("the packets of " + plan.what() + " (" + range + ") were evicted by the packet budget ("
                    + gone + " segment(s))", true);
        }
        throw new ExtractException("no packets stored for " + plan.what() + " (" + range + "); the packet store holds "
                + storedRange(stored), true);
    }

    static String storedRange(List<SegmentName> stored) {
        if (stored.isEmpty()) return "nothing";
        long last = stored.stream().mapToLong(SegmentName::endNanos).max().getAsLong();
        return time(stored.getFirst().startNanos()) + " to " + time(last) + " (" + stored.size() + " segments)";
    }

    static String time(long nanos) {
        if (nanos == Long.MIN_VALUE) return "the beginning";
        if (nanos == Long.MAX_VALUE) return "the end";
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }

    /** One line on how complete an answer is, for stderr and the API's header. */
    public static String summary(Extraction.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.packets()).append(" packets, ").append(r.bytes()).append(" bytes from ").append(r.segmentsRead())
                .append(" segment(s)");
        if (r.snapped() > 0) sb.append("; ").append(r.snapped()).append(" packets shorter than on the wire (snap)");
        if (r.evicted() > 0) sb.append("; ").append(r.evicted()).append(" segment(s) of the range evicted by the packet budget: packets may be missing");
        if (!r.damaged().isEmpty()) sb.append("; ").append(r.damaged().size()).append(" damaged segment(s) skipped: ").append(r.damaged().getFirst());
        return sb.toString();
    }
}
