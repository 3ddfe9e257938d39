package dev.netproof.source.flow.exporter;

import dev.netproof.source.flow.ExportHeader.SequenceUnit;
import dev.netproof.source.flow.ExportHeader;

/**
 * Follows the sequence numbers of one exporter's domain and says, datagram by datagram, what was lost,
 * duplicated or reordered on the way.
 *
 * <p>The next datagram is expected at {@code sequence + 1} ({@link SequenceUnit#DATAGRAMS}) or at
 * {@code sequence + records} ({@link SequenceUnit#RECORDS}). A datagram ahead of that means the units
 * between were lost; one behind it was either already seen (a duplicate, recognised by a window of the
 * last {@value #WINDOW} sequence numbers) or comes late (reordered), in which case what it carries is
 * taken back from the loss counted when it was skipped. A datagram can only be late by a little: one
 * more than {@value #MAX_LATE_DATAGRAMS} datagrams' worth behind (in records, at the exporter's usual
 * records per datagram) is the sequence starting again, as is a jump of more than {@code maxGap} units
 * ahead; otherwise an exporter that restarts its count would have each of its next datagrams taken for
 * a late one, each giving back loss that was never counted. A jump of more than {@code maxGap} units ahead
 * way, or an exporter uptime that went backwards, is an exporter restart (or a sequence we cannot
 * trust): the tracker starts again from there and counts a reset instead of a loss, since claiming
 * millions of lost records on a router reboot would be the opposite of honest. A header whose record
 * count is unknown (negative: data waiting for its template) makes the next datagram's position
 * unverifiable: the tracker resynchronises on it and counts that instead.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class SequenceTracker {
    static final int WINDOW = 64;
    /** How far behind the expected number a datagram may still be late, in datagrams. */
    static final int MAX_LATE_DATAGRAMS = 1024;
    private static final long MASK = 0xffff_ffffL;

    private final long maxGap;
    private final long[] recent = new long[WINDOW];
    private int recentCount;
    private int recentNext;
    private boolean started;
    private boolean unverified;
    private long expected;
    private long lastUptime = -1;
    private long lastStep = -1;
    /** The most records a datagram of this exporter has carried (capped at what a datagram can hold). */
    private long largestStep = 1;
    private Convention convention = Convention.UNKNOWN;

    private long datagrams;
    private long lost;
    private long duplicates;
    private long reordered;
    private long resets;
    private long unverifiable;

    /** @param maxGap the largest jump, in the sequence's own units, still read as loss rather than a restart */
    public SequenceTracker(long maxGap) {
        if (maxGap < 1) throw new IllegalArgumentException("maxGap must be positive: " + maxGap);
        this.maxGap = maxGap;
    }

    /** What one datagram's sequence number meant. */
    public enum Verdict { FIRST, IN_ORDER, GAP, DUPLICATE, REORDERED, RESET, UNVERIFIED }

    /** Takes one datagram's header into account; see the class comment for the verdicts. */
    public Verdict offer(ExportHeader h) {
        long seq = h.sequence();
        long step = h.unit() == SequenceUnit.DATAGRAMS ? 1 : h.records();
        datagrams++;
        if (h.unit() == SequenceUnit.RECORDS && started && !unverified && step >= 0 && lastStep >= 0) {
            seq = normalise(seq, step);
        }
        Verdict v;
        if (!started) {
            v = Verdict.FIRST;
            started = true;
            expected = next(seq, step);
        } else if (h.uptimeMillis() >= 0 && lastUptime >= 0 && h.uptimeMillis() < lastUptime
                && (int) (seq - expected) != 0) {
            v = restart(seq, step);
        } else if (unverified) {
            unverifiable++;
            v = Verdict.UNVERIFIED;
            clearWindow();
            expected = next(seq, step);
        } else {
            int diff = (int) ((seq - expected) & MASK);
            if (diff == 0) {
                v = Verdict.IN_ORDER;
                expected = next(seq, step);
            } else if (diff > 0 && diff <= maxGap) {
                v = Verdict.GAP;
                lost += diff;
                expected = next(seq, step);
            } else if (diff < 0 && -(long) diff <= maxLate(h.unit())) {
                if (seen(seq)) {
                    v = Verdict.DUPLICATE;
                    duplicates++;
                } else {
                    v = Verdict.REORDERED;
                    reordered++;
                    // its units were counted lost when the datagram after it came first
                    lost = Math.max(0, lost - Math.max(step, 0));
                }
            } else {
                v = restart(seq, step);
            }
        }
        if (h.uptimeMillis() >= 0) lastUptime = Math.max(lastUptime, h.uptimeMillis());
        if (v == Verdict.RESET) lastUptime = h.uptimeMillis();
        unverified = step < 0;
        lastStep = step;
        if (step > largestStep) largestStep = Math.min(step, 65_535);
        if (v != Verdict.DUPLICATE) remember(seq);
        return v;
    }

    /**
     * RFC 7011 numbers a message by the records sent before it; some exporters (softflowd 1.1's IPFIX)
     * count the message's own records too. The second datagram whose counts tell the two apart settles
     * which one this exporter follows; an inclusive number is turned into the RFC's by taking this
     * message's records off, so that loss is counted the same way for both.
     */
    private long normalise(long seq, long step) {
        if (convention == Convention.UNKNOWN) {
            boolean rfc = (int) (seq - expected) == 0;
            boolean inclusive = (int) ((seq - step) - (expected - lastStep)) == 0;
            if (inclusive && !rfc) {
                convention = Convention.INCLUSIVE;
                expected = (expected - lastStep) & MASK;
                clearWindow();
            } else if (rfc && !inclusive) {
                convention = Convention.RFC;
            }
        }
        return convention == Convention.INCLUSIVE ? (seq - step) & MASK : seq;
    }

    /** How an exporter of record-numbered sequences counts: see {@link #normalise}. */
    public enum Convention { UNKNOWN, RFC, INCLUSIVE }

    /** The numbering this exporter was found to follow (record-numbered protocols only). */
    public Convention convention() {
        return convention;
    }

    /** The farthest behind a late datagram can be: {@link #MAX_LATE_DATAGRAMS} of them, in the sequence's unit. */
    private long maxLate(SequenceUnit unit) {
        if (unit == SequenceUnit.DATAGRAMS) return MAX_LATE_DATAGRAMS;
        return MAX_LATE_DATAGRAMS * Math.max(1, largestStep);
    }

    private Verdict restart(long seq, long step) {
        resets++;
        clearWindow();
        expected = next(seq, step);
        return Verdict.RESET;
    }

    private static long next(long seq, long step) {
        return (seq + Math.max(step, 0)) & MASK;
    }

    private boolean seen(long seq) {
        for (int i = 0; i < recentCount; i++) {
            if (recent[i] == seq) return true;
        }
        return false;
    }

    private void remember(long seq) {
        recent[recentNext] = seq;
        recentNext = (recentNext + 1) % WINDOW;
        if (recentCount < WINDOW) recentCount++;
    }

    private void clearWindow() {
        recentCount = 0;
        recentNext = 0;
    }

    public long datagrams() {
        return datagrams;
    }

    /** Units (datagrams or records, as the protocol numbers them) missing from the sequence. */
    public long lost() {
        return lost;
    }

    public long duplicates() {
        return duplicates;
    }

    public long reordered() {
        return reordered;
    }

    /** Restarts (and jumps too large to read as loss): the sequence started again there. */
    public long resets() {
        return resets;
    }

    /** Datagrams whose position could not be checked, after one whose record count was unknown. */
    public long unverifiable() {
        return unverifiable;
    }
}
