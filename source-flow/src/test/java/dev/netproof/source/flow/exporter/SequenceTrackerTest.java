package dev.netproof.source.flow.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportHeader.SequenceUnit;
import dev.netproof.source.flow.exporter.SequenceTracker.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private static final IpAddress EXPORTER = IpAddress.parse("192.0.2.1");

    static ExportHeader v9(long seq) {
        return new ExportHeader(ExportFormat.NETFLOW_V9, EXPORTER, 0, 1, 0, seq & 0xffff_ffffL,
                SequenceUnit.DATAGRAMS, 10, -1);
    }

    static ExportHeader ipfix(long seq, int records) {
        return new ExportHeader(ExportFormat.IPFIX, EXPORTER, 0, 1, 0, seq & 0xffff_ffffL,
                SequenceUnit.RECORDS, records, -1);
    }

    static ExportHeader withUptime(long seq, long uptime) {
        return new ExportHeader(ExportFormat.NETFLOW_V9, EXPORTER, 0, 1, 0, seq, SequenceUnit.DATAGRAMS, 1, uptime);
    }

    @Test
    void inOrderDatagramsLoseNothing() {
        SequenceTracker t = new SequenceTracker(1000);
        assertEquals(Verdict.FIRST, t.offer(v9(7)));
        for (int s = 8; s < 100; s++) assertEquals(Verdict.IN_ORDER, t.offer(v9(s)));
        assertEquals(0, t.lost());
        assertEquals(93, t.datagrams());
    }

    @Test
    void aGapIsCountedInTheProtocolsUnit() {
        SequenceTracker d = new SequenceTracker(1000);
        d.offer(v9(1));
        assertEquals(Verdict.GAP, d.offer(v9(5)));
        assertEquals(3, d.lost());

        SequenceTracker r = new SequenceTracker(1000);
        r.offer(ipfix(100, 30));
        assertEquals(Verdict.IN_ORDER, r.offer(ipfix(130, 25)));
        assertEquals(Verdict.GAP, r.offer(ipfix(175, 10)));
        assertEquals(20, r.lost(), "records 155..174 never came");
    }

    @Test
    void aLateDatagramGivesBackItsLossAndADuplicateIsNamed() {
        SequenceTracker t = new SequenceTracker(1000);
        t.offer(ipfix(0, 10));
        t.offer(ipfix(20, 10));
        assertEquals(10, t.lost());
        assertEquals(Verdict.REORDERED, t.offer(ipfix(10, 10)));
        assertEquals(0, t.lost());
        assertEquals(Verdict.DUPLICATE, t.offer(ipfix(20, 10)));
        assertEquals(Verdict.DUPLICATE, t.offer(ipfix(10, 10)));
        assertEquals(Verdict.IN_ORDER, t.offer(ipfix(30, 10)));
        assertEquals(0, t.lost());
        assertEquals(2, t.duplicates());
        assertEquals(1, t.reordered());
    }

    @Test
    void theSequenceWrapsAtTwoToThe32() {
        SequenceTracker t = new SequenceTracker(1000);
        t.offer(v9(0xffff_fffeL));
        assertEquals(Verdict.IN_ORDER, t.offer(v9(0xffff_ffffL)));
        assertEquals(Verdict.IN_ORDER, t.offer(v9(0)));
        assertEquals(Verdict.GAP, t.offer(v9(3)));
        assertEquals(2, t.lost());
    }

    @Test
    void aRestartIsAResetNotMillionsLost() {
        SequenceTracker t = new SequenceTracker(1000);
        t.offer(v9(5_000_000));
        assertEquals(Verdict.RESET, t.offer(v9(0)));
        assertEquals(Verdict.IN_ORDER, t.offer(v9(1)));
        assertEquals(Verdict.RESET, t.offer(v9(900_000)));
        assertEquals(0, t.lost());
        assertEquals(2, t.resets());
    }

    @Test
    void aCountStartingAgainIsOneRestartNotThousandsOfLateDatagrams() {
        // an exporter (or a replay) numbering from 0 again after 20,000 datagrams, without uptime to tell
        SequenceTracker t = new SequenceTracker(100_000);
        for (int s = 0; s < 20_000; s++) t.offer(v9(s));
        t.offer(v9(20_005)); // 5 lost
        assertEquals(5, t.lost());
        assertEquals(Verdict.RESET, t.offer(v9(0)));
        for (int s = 1; s < 1000; s++) assertEquals(Verdict.IN_ORDER, t.offer(v9(s)));
        assertEquals(5, t.lost(), "the loss counted before stays; nothing given back");
        assertEquals(0, t.reordered());

        SequenceTracker r = new SequenceTracker(10_000_000);
        for (int i = 0; i < 5_000; i++) r.offer(ipfix(i * 30L, 30));
        assertEquals(Verdict.RESET, r.offer(ipfix(0, 30)), "31k datagrams' worth behind: a restart");
        assertEquals(Verdict.IN_ORDER, r.offer(ipfix(30, 30)));
        assertEquals(0, r.lost());
    }

    @Test
    void uptimeGoingBackwardsIsARestartEvenForASmallJump() {
        SequenceTracker t = new SequenceTracker(1000);
        t.offer(withUptime(50, 90_000));
        t.offer(withUptime(51, 91_000));
        assertEquals(Verdict.RESET, t.offer(withUptime(3, 1_000)), "rebooted router numbering again from 0");
        assertEquals(Verdict.IN_ORDER, t.offer(withUptime(4, 2_000)));
        assertEquals(0, t.lost());
    }

    @Test
    void anUnknownRecordCountMakesTheNextPositionUnverifiable() {
        SequenceTracker t = new SequenceTracker(1000);
        t.offer(ipfix(0, 10));
        t.offer(ipfix(10, -1)); // data held for its template: how many records is not known yet
        assertEquals(Verdict.UNVERIFIED, t.offer(ipfix(37, 5)));
        assertEquals(Verdict.IN_ORDER, t.offer(ipfix(42, 5)));
        assertEquals(0, t.lost());
        assertEquals(1, t.unverifiable());
    }

    @Test
    void anExporterThatCountsItsOwnRecordsIsRecognisedNotCalledLossy() {
        // softflowd 1.1 over IPFIX: 23 records then sequence 23, 31 more then 54, 3 more then 57
        SequenceTracker t = new SequenceTracker(1000);
        t.offer(ipfix(23, 23));
        assertEquals(Verdict.IN_ORDER, t.offer(ipfix(54, 31)));
        assertEquals(SequenceTracker.Convention.INCLUSIVE, t.convention());
        assertEquals(Verdict.IN_ORDER, t.offer(ipfix(57, 3)));
        assertEquals(Verdict.GAP, t.offer(ipfix(70, 3)), "10 records of a lost message, then 3");
        assertEquals(10, t.lost());

        SequenceTracker rfc = new SequenceTracker(1000);
        rfc.offer(ipfix(0, 23));
        assertEquals(Verdict.IN_ORDER, rfc.offer(ipfix(23, 31)));
        assertEquals(SequenceTracker.Convention.RFC, rfc.convention());
        assertEquals(Verdict.GAP, rfc.offer(ipfix(57, 3)), "RFC numbering stays: 54 was expected");
        assertEquals(3, rfc.lost());
    }

    /** Drops, duplicates and local reordering of a datagram stream: the tracker counts exactly the drops. */
    @Property(tries = 300)
    void lossIsExactUnderDropsDuplicatesAndLocalReordering(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n,
                                                          @ForAll @IntRange(min = 0, max = 0xffff) int start) {
        Random rnd = new Random(seed);
        List<Long> sent = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            // never drop the first or last: a loss at the edges of a stream is invisible to anyone
            if (i > 0 && i < n - 1 && rnd.nextInt(10) == 0) {
                dropped++;
                continue;
            }
            sent.add((start + (long) i) & 0xffff_ffffL);
            if (rnd.nextInt(20) == 0) sent.add(sent.getLast());
        }
        // swap neighbours now and then (never the first datagram: it anchors the sequence)
        for (int i = 1; i + 1 < sent.size() - 1; i++) {
            if (rnd.nextInt(8) == 0) Collections.swap(sent, i, i + 1);
        }
        SequenceTracker t = new SequenceTracker(100_000);
        for (long s : sent) t.offer(v9(s));
        assertEquals(dropped, t.lost(), "sent " + sent);
    }
}
