package dev.netproof.flow.tcp;

import static dev.netproof.testkit.TcpConversation.CLIENT;
import static dev.netproof.testkit.TcpConversation.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpHealth;
import dev.netproof.testkit.TcpConversation;
import dev.netproof.testkit.TcpOptions;
import dev.netproof.testkit.Tshark;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hand-made segment sequence per rule of the TCP analysis. Each test states the counts it
 * expects and checks netproof against them and against tshark on the same frames (tshark is
 * installed by {@code .ci/run}; without it only the expected counts are checked).
 */
class TcpAnalysisRulesTest {
    @TempDir
    Path dir;

    private static TcpConversation conversation() {
        return TcpConversation.between("10.0.0.1", 40000, "10.0.0.2", 80);
    }

    /** Asserts the expected non-zero counts (all others zero) for netproof and for tshark. */
    private Analysed expect(TcpConversation c, Object... flagCounts) {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (String k : Analysed.FLAGS.keySet()) expected.put(k, 0L);
        for (int i = 0; i < flagCounts.length; i += 2) {
            String k = (String) flagCounts[i];
            if (!expected.containsKey(k)) throw new IllegalArgumentException("no flag " + k);
            expected.put(k, ((Number) flagCounts[i + 1]).longValue());
        }
        Analysed a = Analysed.of(c, dir);
        if (Tshark.available()) assertEquals(a.tshark(), a.netproof(), "netproof against tshark on the same frames");
        assertEquals(expected, a.netproof(), "netproof against the counts the rule predicts");
        return a;
    }

    @Test
    void cleanConnectionHasNoFlags() {
        TcpConversation c = conversation().handshake(2_000).send(CLIENT, 200).ack(SERVER).send(SERVER, 1400)
                .send(SERVER, 1400).ack(CLIENT).close();
        Analysed a = expect(c);
        TcpHealth h = a.row().tcp();
        assertEquals(TcpHealth.Health.HEALTHY, h.health());
        assertEquals(200, h.orig().payloadBytes());
        assertEquals(2800, h.resp().goodputBytes());
        assertTrue(TcpHealth.Lifecycle.HANDSHAKE_COMPLETE.in(h.lifecycle()), TcpHealth.lifecycleLabels(h.lifecycle()));
        assertTrue(TcpHealth.Lifecycle.FIN.in(h.lifecycle()));
    }

    @Test
    void handshakeTimesAddUpToWiresharksInitialRtt() {
        TcpConversation c = conversation().syn().pause(2_900).synAck().pause(400).ack(CLIENT).send(CLIENT, 10);
        Analysed a = expect(c);
        TcpHealth h = a.row().tcp();
        assertEquals(3_000, h.handshakeRttUs()); // 2 900 µs wait + 100 µs gap
        assertEquals(500, h.handshakeAckUs());
        assertEquals(3_500, h.initialRttUs());
        if (Tshark.available()) assertEquals(a.tsharkInitialRttUs(), h.initialRttUs());
    }

    @Test
    void retransmissionAfterTimeoutIsAPlainRetransmission() {
        TcpConversation c = conversation().handshake(1_000);
        long seq = c.next(CLIENT);
        c.send(CLIENT, 500).pause(300_000).resend(CLIENT, seq, 500).ack(SERVER);
        Analysed a = expect(c, "retransmission", 1);
        assertEquals(500, a.row().tcp().orig().retransmittedBytes());
        assertEquals(500, a.row().tcp().orig().goodputBytes());
    }

    @Test
    void retransmissionAfterThreeDuplicateAcksIsFast() {
        TcpConversation c = conversation().handshake(1_000);
        long hole = c.next(CLIENT);
        c.lose(CLIENT, 1000);
        c.send(CLIENT, 1000).ackAt(SERVER, hole);
        c.send(CLIENT, 1000).ackAt(SERVER, hole);
        c.send(CLIENT, 1000).ackAt(SERVER, hole);
        c.resend(CLIENT, hole, 1000).ack(SERVER);
        // all three ACKs repeat the SYN-ACK's acknowledgement, window and sequence: three duplicates
        expect(c, "lost_segment", 1, "duplicate_ack", 3, "retransmission", 1, "fast_retransmission", 1);
    }

    @Test
    void spuriousRetransmissionResendsAcknowledgedData() {
        TcpConversation c = conversation().handshake(1_000);
        long seq = c.next(CLIENT);
        c.send(CLIENT, 300).ack(SERVER).pause(200_000).resend(CLIENT, seq, 300);
        expect(c, "retransmission", 1, "spurious_retransmission", 1);
    }

    @Test
    void outOfOrderSegmentInsideTheWindowArrivesRightAfterTheNextOne() {
        TcpConversation c = conversation().handshake(10_000);
        long first = c.next(CLIENT);
        c.lose(CLIENT, 700).send(CLIENT, 700); // the second segment overtakes the first
        c.gap(50).resend(CLIENT, first, 700).gap(100).ack(SERVER);
        expect(c, "lost_segment", 1, "out_of_order", 1);
    }

    @Test
    void sequenceNumbersWrapAroundTwoToTheThirtyTwo() {
        TcpConversation c = conversation().isn(0xffff_ff00L, 7).handshake(1_000);
        long before = c.next(CLIENT);
        c.send(CLIENT, 200).ack(SERVER).send(CLIENT, 200).ack(SERVER); // crosses 2^32
        assertTrue(before + 400 > 0xffff_ffffL);
        c.pause(300_000).resend(CLIENT, (before + 200) & 0xffff_ffffL, 200).close();
        Analysed a = expect(c, "retransmission", 1, "spurious_retransmission", 1);
        assertEquals(400, a.row().tcp().orig().goodputBytes());
    }

    @Test
    void zeroWindowProbeIsOneByteAtTheNextSequenceNumber() {
        TcpConversation c = conversation().handshake(1_000).send(CLIENT, 1000);
        c.window(SERVER, 0).ack(SERVER); // receiver full
        long next = c.next(CLIENT);
        c.pause(200_000).segment(CLIENT, next, c.next(SERVER), 0x10, 1); // probe: one byte, not taken
        c.ackAt(SERVER, next); // still zero: the probe's ACK repeats the zero window
        c.window(SERVER, 8192).ackAt(SERVER, next); // window update
        expect(c, "zero_window", 2, "zero_window_probe", 1);
    }

    @Test
    void keepAliveWithOneByteRepeatsTheLastByte() {
        TcpConversation c = conversation().handshake(1_000).send(CLIENT, 100).ack(SERVER);
        long last = c.next(CLIENT) - 1;
        c.pause(60_000_000).segment(CLIENT, last, c.next(SERVER), 0x10, 1).ack(SERVER);
        c.pause(60_000_000).segment(CLIENT, last, c.next(SERVER), 0x10, 0).ack(SERVER);
        expect(c, "keep_alive", 2);
    }

    @Test
    void windowFullWhenTheSegmentEndsAtTheReceiversWindowEdge() {
        TcpConversation c = conversation().window(SERVER, 2000).handshake(1_000);
        c.send(CLIENT, 1000).send(CLIENT, 1000); // ends exactly at the SYN-ACK's ack + 2000
        c.ack(SERVER);
        expect(c, "window_full", 1);
    }

    @Test
    void sackBlocksDoNotChangeTheCounts() {
        TcpConversation c = conversation();
        c.options(TcpOptions.of().mss(1460).sackPermitted().windowScale(7)).syn().pause(900);
        c.options(TcpOptions.of().mss(1400).sackPermitted().windowScale(8)).synAck().ack(CLIENT);
        long hole = c.next(CLIENT);
        c.lose(CLIENT, 1000).send(CLIENT, 1000);
        c.options(TcpOptions.of().nop().nop().sack(hole + 1000, hole + 2000)).ackAt(SERVER, hole);
        c.send(CLIENT, 1000);
        c.options(TcpOptions.of().nop().nop().sack(hole + 1000, hole + 3000)).ackAt(SERVER, hole);
        c.resend(CLIENT, hole, 1000).ack(SERVER);
        // both ACKs for the hole repeat the SYN-ACK's: two duplicates, then a fast retransmission
        Analysed a = expect(c, "lost_segment", 1, "duplicate_ack", 2, "retransmission", 1, "fast_retransmission", 1);
        TcpDirection o = a.row().tcp().orig(), r = a.row().tcp().resp();
        assertEquals(1460, o.mss());
        assertEquals(7, o.windowScale());
        assertTrue(o.sackPermitted() && r.sackPermitted());
        assertEquals(8, r.windowScale());
    }

    @Test
    void ackForDataTheCaptureNeverSawIsCountedAsCaptureLoss() {
        TcpConversation c = conversation().handshake(1_000).send(CLIENT, 100);
        c.lose(CLIENT, 500).ack(SERVER); // the server acknowledges 500 bytes we never saw
        expect(c, "ack_lost_segment", 1);
    }

    @Test
    void rttSamplesTimeOneSegmentUntilItIsAcknowledged() {
        TcpConversation c = conversation().handshake(1_000).gap(0);
        c.send(CLIENT, 100).pause(5_000).ack(SERVER); // 5 ms
        c.send(CLIENT, 100).pause(7_000).ack(SERVER); // 7 ms
        c.send(CLIENT, 100).send(CLIENT, 100).pause(9_000).ack(SERVER); // one sample, first segment timed
        TcpDirection.Rtt rtt = Analysed.of(c, dir).row().tcp().orig().rtt();
        assertEquals(3, rtt.count());
        assertEquals(5_000, rtt.minUs());
        assertEquals(9_000, rtt.maxUs());
        assertEquals(7_000, rtt.meanUs(), 0.01);
        assertEquals(Math.sqrt(8_000_000.0 / 3), rtt.stddevUs(), 0.5);
    }

    @Test
    void aRetransmittedTimedSegmentGivesNoRttSample() {
        TcpConversation c = conversation().handshake(1_000).gap(0);
        long seq = c.next(CLIENT);
        c.send(CLIENT, 100).pause(200_000).resend(CLIENT, seq, 100).pause(3_000).ack(SERVER);
        assertEquals(0, Analysed.of(c, dir).row().tcp().orig().rtt().count());
    }

    @Test
    void timeToFirstByteRunsFromRequestToResponse() {
        TcpConversation c = conversation().handshake(1_000).send(CLIENT, 300).pause(40_000).send(SERVER, 1000);
        assertEquals(40_100, Analysed.of(c, dir).row().tcp().ttfbUs());
    }

    @Test
    void retransmissionRateGivesTheHealthClass() {
        TcpConversation c = conversation().handshake(1_000);
        long seq = c.next(CLIENT);
        c.send(CLIENT, 1000).send(CLIENT, 1000).pause(300_000).resend(CLIENT, seq, 1000).ack(SERVER);
        TcpHealth h = Analysed.of(c, dir).row().tcp();
        assertEquals(1000.0 / 3000, h.retransmissionRate(), 1e-9);
        assertEquals(TcpHealth.Health.SEVERE, h.health());
        assertEquals(TcpHealth.Health.DEGRADED, TcpHealth.Health.of(0.03));
        assertEquals(TcpHealth.Health.HEALTHY, TcpHealth.Health.of(0.009));
    }

    @Test
    void resetConnectionEndsAbnormally() {
        TcpConversation c = conversation().handshake(1_000).send(CLIENT, 10).rst(SERVER);
        TcpHealth h = expect(c).row().tcp();
        assertTrue(TcpHealth.Lifecycle.RESET.in(h.lifecycle()));
        assertTrue(TcpHealth.Lifecycle.ABNORMAL_END.in(h.lifecycle()), TcpHealth.lifecycleLabels(h.lifecycle()));
    }

    @Test
    void unansweredSynIsHalfOpen() {
        TcpConversation c = conversation().syn().pause(1_000_000).syn();
        // netproof's builder moved the client's sequence on after the first SYN: resend the same one
        TcpHealth h = Analysed.of(conversation().syn(), dir).row().tcp();
        assertTrue(TcpHealth.Lifecycle.HALF_OPEN.in(h.lifecycle()));
        assertEquals(-1, h.handshakeRttUs());
        assertTrue(c.frames().size() == 2);
    }
}
