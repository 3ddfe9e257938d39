package dev.netproof.flow.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TcpStreamsTest {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    static final String C = "10.0.0.1", S = "10.0.0.2";

    /** What one connection's consumer was told, per direction: bytes at their stream offsets, gaps as runs of '?'. */
    static final class Recording implements StreamConsumer {
        final ConnectionId id;
        final ByteArrayOutputStream[] bytes = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        final List<Long>[] gaps = new List[] {new ArrayList<Long>(), new ArrayList<Long>()};
        int ends;
        boolean afterEnd;

        Recording(ConnectionId id) {
            this.id = id;
        }

        @Override
        public void data(boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
            if (ends > 0) afterEnd = true;
            bytes[fromOrig ? 0 : 1].writeBytes(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
        }

        @Override
        public void gap(boolean fromOrig, long n, long tsNanos) {
            if (ends > 0) afterEnd = true;
            gaps[fromOrig ? 0 : 1].add(n);
            for (long i = 0; i < n; i++) bytes[fromOrig ? 0 : 1].write('?');
        }

        @Override
        public void end(long tsNanos) {
            ends++;
        }

        String text(boolean fromOrig) {
            return bytes[fromOrig ? 0 : 1].toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** A flow table, its streams and every connection's recording. */
    static final class Rig {
        final List<QualityRow> ledger = new ArrayList<>();
        final FlowTable table = new FlowTable(FlowTableConfig.defaults(), "test", f -> {}, ledger::add);
        final List<Recording> recordings = new ArrayList<>();
        final TcpStreams streams;
        long ts = 1_000_000;

        /** With {@code selector} instead of the recording one. */
        Rig(StreamSelector selector) {
            streams = new TcpStreams(table, selector, 1024, 1 << 20, "test", ledger::add);
        }

        Rig(int maxHeld, long maxHeldTotal, boolean accept) {
            streams = new TcpStreams(table, (c, fromOrig, data, offset, length, t) -> {
                ConnectionId id = c.id();
                if (!accept) return null;
                Recording r = new Recording(id);
                recordings.add(r);
                return r;
            }, maxHeld, maxHeldTotal, "test", ledger::add);
        }

        Rig() {
            this(TcpStreams.DEFAULT_MAX_HELD, TcpStreams.DEFAULT_MAX_HELD_TOTAL, true);
        }

        void send(boolean fromClient, int flags, long seq, long ack, String payload) {
            send(fromClient, flags, seq, ack, payload.getBytes(StandardCharsets.ISO_8859_1), -1);
        }

        /** @param wireLen payload length by the headers; -1: all of {@code payload} was captured */
        void send(boolean fromClient, int flags, long seq, long ack, byte[] payload, int wireLen) {
            DecodedPacket p = new DecodedPacket();
            p.tsNanos = (ts += 1000) * 1000;
            IpAddress s = IpAddress.parse(fromClient ? C : S), d = IpAddress.parse(fromClient ? S : C);
            p.ipVersion = 4;
            p.srcHi = s.hi();
            p.srcLo = s.lo();
            p.dstHi = d.hi();
            p.dstLo = d.lo();
            p.ipProto = 6;
            p.hasPorts = true;
            p.srcPort = fromClient ? 40000 : 443;
            p.dstPort = fromClient ? 443 : 40000;
            p.tcpFlags = flags;
            p.seq = seq & 0xffff_ffffL;
            p.ack = ack & 0xffff_ffffL;
            p.window = 65535;
            p.payloadLen = wireLen < 0 ? payload.length : wireLen;
            p.payloadCaptured = payload.length;
            p.payloadOffset = 0;
            p.ipLen = 40 + p.payloadLen;
            p.wireLen = p.capLen = p.ipLen + 14;
            table.accept(p);
            streams.accept(MemorySegment.ofArray(payload), 0, p);
        }

        void finish() {
            table.finish();
            streams.finish();
        }

        long metric(TcpStreams.Metric m) {
            return streams.counters().totals().getOrDefault(dev.netproof.core.ledger.StageCounters.metricName(m), 0L);
        }

        Recording only() {
            assertEquals(1, recordings.size(), "connections given to the analyzer");
            return recordings.getFirst();
        }
    }

    static final long CI = 1000, SI = 5000; // initial sequence numbers

    @Test
    void inOrderBytesArriveAsSentAndTheConnectionEndsOnce() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(true, ACK, CI + 1, SI + 1, "");
        r.send(true, ACK | PSH, CI + 1, SI + 1, "hello ");
        r.send(true, ACK | PSH, CI + 7, SI + 1, "world");
        r.send(false, ACK | PSH, SI + 1, CI + 12, "HTTP");
        r.send(true, ACK | FIN, CI + 12, SI + 5, "");
        r.send(false, ACK | FIN, SI + 5, CI + 13, "");
        r.send(true, ACK, CI + 13, SI + 6, "");
        r.finish();
        Recording c = r.only();
        assertEquals("hello world", c.text(true));
        assertEquals("HTTP", c.text(false));
        assertTrue(c.gaps[0].isEmpty() && c.gaps[1].isEmpty(), "no gaps");
        assertEquals(1, c.ends);
        assertFalse(c.afterEnd);
        assertEquals(40000, c.id.origP());
        assertEquals(443, c.id.respP());
        assertEquals(IpAddress.parse(C), c.id.origH());
        assertEquals(15, r.metric(TcpStreams.Metric.DELIVERED));
        assertEquals(0, r.metric(TcpStreams.Metric.GAPS));
        assertEquals(1, r.metric(TcpStreams.Metric.CONNECTIONS));
    }

    @Test
    void outOfOrderSegmentsAreHeldAndDeliveredInOrder() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(true, ACK | PSH, CI + 6, SI + 1, "BBBBB");
        r.send(true, ACK | PSH, CI + 11, SI + 1, "CC");
        assertEquals(7, r.streams.heldBytes());
        r.send(true, ACK | PSH, CI + 1, SI + 1, "AAAAA");
        assertEquals(0, r.streams.heldBytes());
        r.finish();
        assertEquals("AAAAABBBBBCC", r.only().text(true));
        assertEquals(7, r.metric(TcpStreams.Metric.HELD));
        assertEquals(0, r.metric(TcpStreams.Metric.GAPS));
    }

    @Test
    void retransmittedAndOverlappingBytesAreDeliveredOnce() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(true, ACK, CI + 1, SI + 1, "abcdef");
        r.send(true, ACK, CI + 1, SI + 1, "abcdef");
        r.send(true, ACK, CI + 4, SI + 1, "defghi");
        r.send(true, ACK, CI + 13, SI + 1, "mn");
        r.send(true, ACK, CI + 10, SI + 1, "jklm");
        r.finish();
        assertEquals("abcdefghijklmn", r.only().text(true));
        assertEquals(6 + 3 + 1, r.metric(TcpStreams.Metric.REPEATED));
    }

    @Test
    void aHoleTheReceiverAcknowledgedIsAGapOfItsExactSize() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(false, ACK, SI + 1, CI + 1, "first");  // SI+1..SI+5
        // SI+6..SI+15 ("0123456789") never captured
        r.send(false, ACK, SI + 16, CI + 1, "third");
        assertEquals(5, r.streams.heldBytes());
        r.send(true, ACK, CI + 1, SI + 21, ""); // the client got all of it
        Recording c = r.only();
        assertEquals(List.of(10L), c.gaps[1]);
        assertEquals("first??????????third", c.text(false));
        assertEquals(0, r.streams.heldBytes());
        // later bytes go on from there
        r.send(false, ACK, SI + 21, CI + 1, "!");
        r.finish();
        assertEquals("first??????????third!", c.text(false));
        assertEquals(1, r.metric(TcpStreams.Metric.GAPS));
        assertEquals(10, r.metric(TcpStreams.Metric.GAP_BYTES));
    }

    @Test
    void dataAcknowledgedButNeverSeenIsAGapEvenWithNothingAfterIt() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(true, ACK, CI + 1, SI + 1, "GET");
        r.send(false, ACK | FIN, SI + 1 + 100, CI + 4, ""); // the server acks and closes after 100 bytes we missed
        r.send(true, ACK | FIN, CI + 4, SI + 102, "");        // the client acks them and the server's FIN
        r.finish();
        Recording c = r.only();
        assertEquals(List.of(100L), c.gaps[1]);
        assertTrue(c.gaps[0].isEmpty(), "the FIN's sequence number is not a lost byte: " + c.gaps[0]);
    }

    @Test
    void holesStillOpenAtTheEndBecomeGapsAndTheHeldBytesAreDelivered() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(true, ACK, CI + 1, SI + 1, "ab");
        r.send(true, ACK, CI + 6, SI + 1, "fg");
        r.finish();
        Recording c = r.only();
        assertEquals("ab???fg", c.text(true));
        assertEquals(1, c.ends);
        assertFalse(c.afterEnd);
    }

    @Test
    void heldBytesNeverPassTheBoundAndTheOverflowIsCounted() {
        Rig r = new Rig(10, 1 << 20, true);
        r.send(true, SYN, CI, 0, "");
        r.send(true, ACK, CI + 101, SI + 1, "0123456789"); // held: 10
        assertEquals(10, r.streams.heldBytes());
        r.send(true, ACK, CI + 111, SI + 1, "x");           // 11 > 10: give up the hole of 100 bytes
        assertEquals(0, r.streams.heldBytes());
        r.finish();
        Recording c = r.only();
        assertEquals(List.of(100L), c.gaps[0]);
        assertTrue(c.text(true).endsWith("0123456789x"));
        assertEquals(1, r.metric(TcpStreams.Metric.OVERFLOWS));
    }

    @Test
    void theBoundOnAllConnectionsTogetherHolds() {
        Rig r = new Rig(1 << 20, 15, true);
        r.send(true, SYN, CI, 0, "");
        r.send(true, ACK, CI + 101, SI + 1, "0123456789");
        r.send(true, ACK, CI + 201, SI + 1, "0123456789"); // 20 held > 15 in all: flushed
        assertEquals(0, r.streams.heldBytes());
        r.finish();
        assertEquals(List.of(100L, 90L), r.only().gaps[0]);
        assertTrue(r.metric(TcpStreams.Metric.OVERFLOWS) > 0);
    }

    @Test
    void bytesCutByTheSnapLengthAreAGapOnceAcknowledged() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(false, ACK, SI + 1, CI + 1, "head".getBytes(StandardCharsets.ISO_8859_1), 1000);
        r.send(true, ACK, CI + 1, SI + 1001, "");
        r.send(false, ACK, SI + 1001, CI + 1, "next");
        r.finish();
        Recording c = r.only();
        assertEquals(List.of(996L), c.gaps[1]);
        assertTrue(c.text(false).startsWith("head?") && c.text(false).endsWith("?next"));
    }

    @Test
    void sequenceNumbersWrapAround() {
        Rig r = new Rig();
        long isn = 0xffff_fffaL;
        r.send(true, SYN, isn, 0, "");
        r.send(true, ACK, isn + 1, SI + 1, "abcd");       // ends at 0xffffffff
        r.send(true, ACK, isn + 9, SI + 1, "ijkl");       // past the wrap, ahead
        r.send(true, ACK, isn + 5, SI + 1, "efgh");       // across the wrap
        r.finish();
        assertEquals("abcdefghijkl", r.only().text(true));
        assertEquals(0, r.metric(TcpStreams.Metric.GAPS));
    }

    @Test
    void aDeclinedConnectionKeepsNothingAndIsCounted() {
        Rig r = new Rig(1 << 20, 1 << 20, false);
        r.send(true, SYN, CI, 0, "");
        r.send(true, ACK, CI + 10, SI + 1, "later");
        r.send(true, ACK, CI + 1, SI + 1, "first");
        r.finish();
        assertTrue(r.recordings.isEmpty());
        assertEquals(1, r.metric(TcpStreams.Metric.DECLINED));
        assertEquals(0, r.streams.heldBytes());
    }

    @Test
    void theAnalyzerIsPickedOnTheFirstPayloadEvenFromTheServer() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(true, ACK, CI + 1, SI + 1, "");
        r.send(false, ACK | PSH, SI + 1, CI + 1, "220 smtp ready\r\n");
        r.send(true, ACK | PSH, CI + 1, SI + 17, "EHLO x\r\n");
        r.finish();
        Recording c = r.only();
        assertEquals("220 smtp ready\r\n", c.text(false));
        assertEquals("EHLO x\r\n", c.text(true));
    }

    @Test
    void aConnectionEndsWhenItsFlowLeavesTheTableNotBefore() {
        Rig r = new Rig();
        r.send(true, SYN, CI, 0, "");
        r.send(false, SYN | ACK, SI, CI + 1, "");
        r.send(true, ACK, CI + 1, SI + 1, "x");
        r.send(true, ACK | FIN, CI + 2, SI + 1, "");
        r.send(false, ACK | FIN, SI + 1, CI + 3, "");
        Recording c = r.only();
        assertEquals(0, c.ends, "still lingering for trailing packets");
        r.ts += 10_000_000; // 10 s later another connection's packet moves capture time past the linger
        DecodedPacket other = new DecodedPacket();
        other.tsNanos = r.ts * 1000;
        r.table.accept(other);
        assertEquals(1, c.ends);
        r.finish();
        assertEquals(1, c.ends);
    }

    @Test
    void anAnalyzerThatHasAllItWantsIsEndedAndTheConnectionNoLongerFollowed() {
        List<String> calls = new ArrayList<>();
        int[] delivered = {0};
        Rig r = new Rig((c, fromOrig, data, offset, length, t) -> new StreamConsumer() {
            @Override
            public void data(boolean o, MemorySegment d, long off, int len, long ts) {
                calls.add("data " + len);
                delivered[0] += len;
            }

            @Override
            public void gap(boolean o, long bytes, long ts) {
                calls.add("gap " + bytes);
            }

            @Override
            public void end(long ts) {
                calls.add("end");
            }

            @Override
            public boolean done() {
                return delivered[0] >= 5;
            }
        });
        r.send(true, ACK, CI + 1, SI + 1, "abc");
        r.send(true, ACK, CI + 4, SI + 1, "de");
        r.send(true, ACK, CI + 6, SI + 1, "fgh");
        r.finish();
        assertEquals(List.of("data 3", "data 2", "end"), calls, "ended once, when done; later bytes not followed");
        assertEquals(1L, r.metric(TcpStreams.Metric.FINISHED_EARLY));
        assertEquals(0, r.streams.heldBytes());
    }

    @Test
    void anAnalyzerDoneAtAGapThatABareAcknowledgementRevealsIsEndedThen() {
        List<String> calls = new ArrayList<>();
        boolean[] gapped = {false};
        int[] asked = {0};
        Rig r = new Rig((c, fromOrig, data, offset, length, t) -> new StreamConsumer() {
            @Override
            public void data(boolean o, MemorySegment d, long off, int len, long ts) {
                calls.add("data " + len);
            }

            @Override
            public void gap(boolean o, long bytes, long ts) {
                calls.add("gap " + bytes);
                gapped[0] = true;
            }

            @Override
            public void end(long ts) {
                calls.add("end");
            }

            @Override
            public boolean done() {
                asked[0]++;
                return gapped[0];
            }
        });
        r.send(true, ACK, CI + 1, SI + 1, "abc");
        r.send(false, ACK, SI + 1, CI + 4, "");  // acknowledges what came: nothing for the analyzer
        r.send(false, ACK, SI + 1, CI + 9, "");  // acknowledges 5 bytes never seen: a gap, and the analyzer is done
        r.send(true, ACK, CI + 9, SI + 1, "ij");
        r.finish();
        assertEquals(List.of("data 3", "gap 5", "end"), calls);
        assertEquals(1L, r.metric(TcpStreams.Metric.FINISHED_EARLY));
        assertEquals(2, asked[0], "asked after each call it got, not after the acknowledgement that gave it none");
    }

    /** Any order, any repetition of a stream's segments, with room to hold them: the bytes arrive whole and in order. */
    @Property(tries = 300)
    void anyOrderAndRepetitionGivesTheSameBytes(@ForAll @IntRange(min = 1, max = 3000) int size,
                                               @ForAll @IntRange(min = 1, max = 400) int maxSegment,
                                               @ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] stream = new byte[size];
        rnd.nextBytes(stream);
        long isn = rnd.nextLong() & 0xffff_ffffL;
        List<int[]> segments = segments(size, maxSegment, rnd);
        List<int[]> sent = new ArrayList<>(segments);
        for (int i = 0; i < segments.size() / 3; i++) sent.add(segments.get(rnd.nextInt(segments.size())));
        Collections.shuffle(sent, rnd);
        Rig r = new Rig();
        r.send(true, SYN, isn, 0, "");
        for (int[] s : sent) {
            r.send(true, ACK, isn + 1 + s[0], SI + 1, java.util.Arrays.copyOfRange(stream, s[0], s[0] + s[1]), -1);
        }
        r.finish();
        Recording c = r.only();
        assertTrue(c.gaps[0].isEmpty(), "no gaps: " + c.gaps[0]);
        assertArrayEquals(stream, c.bytes[0].toByteArray());
    }

    /** Segments lost at random: every byte delivered sits at its place in the stream, gaps fill exactly the rest. */
    @Property(tries = 300)
    void lostSegmentsLeaveGapsOfTheirSizeAndEverythingElseInPlace(@ForAll @IntRange(min = 1, max = 3000) int size,
                                                                 @ForAll @IntRange(min = 1, max = 400) int maxSegment,
                                                                 @ForAll @IntRange(min = 0, max = 64) int maxHeld,
                                                                 @ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] stream = new byte[size];
        for (int i = 0; i < size; i++) stream[i] = (byte) ('a' + rnd.nextInt(26));
        List<int[]> segments = segments(size, maxSegment, rnd);
        Map<Integer, Boolean> lost = new HashMap<>();
        List<int[]> sent = new ArrayList<>();
        for (int[] s : segments) {
            if (rnd.nextInt(4) == 0) lost.put(s[0], true);
            else sent.add(s);
        }
        if (sent.isEmpty()) { // the analyzer is picked on a payload: keep one
            sent.add(segments.getFirst());
            lost.remove(segments.getFirst()[0]);
        }
        if (rnd.nextBoolean()) Collections.shuffle(sent, rnd);
        Rig r = new Rig(maxHeld, 1 << 20, true);
        r.send(true, SYN, CI, 0, "");
        for (int[] s : sent) {
            r.send(true, ACK, CI + 1 + s[0], SI + 1, java.util.Arrays.copyOfRange(stream, s[0], s[0] + s[1]), -1);
            assertTrue(r.streams.heldBytes() <= maxHeld, "held " + r.streams.heldBytes());
        }
        r.send(false, ACK, SI + 1, CI + 1 + size, ""); // the receiver acknowledges the whole stream
        r.finish();
        Recording c = r.only();
        byte[] got = c.bytes[0].toByteArray();
        assertEquals(size, got.length, "delivered + gaps cover the stream exactly");
        for (int i = 0; i < size; i++) {
            if (got[i] != '?') assertEquals(stream[i], got[i], "byte " + i);
        }
        for (int[] s : segments) {
            if (lost.containsKey(s[0])) {
                for (int i = s[0]; i < s[0] + s[1]; i++) assertEquals('?', got[i], "a lost byte cannot be delivered: " + i);
            }
        }
    }

    private static List<int[]> segments(int size, int maxSegment, Random rnd) {
        List<int[]> out = new ArrayList<>();
        for (int at = 0; at < size; ) {
            int n = Math.min(size - at, 1 + rnd.nextInt(maxSegment));
            out.add(new int[] {at, n});
            at += n;
        }
        return out;
    }
}
