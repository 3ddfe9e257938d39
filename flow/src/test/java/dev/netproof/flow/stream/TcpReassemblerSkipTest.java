package dev.netproof.flow.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bytes a consumer says it need not see are left out of its calls, and reported before anything else of their
 * direction reaches it: the next data, a gap, or the end.
 */
class TcpReassemblerSkipTest {
    private static final int ACK = TcpReassembler.ACK;

    /** Writes each call down; after a data call ending at stream offset {@code at}, asks to skip {@code ask(at)}. */
    private static final class Skipper implements StreamConsumer {
        final List<String> calls = new ArrayList<>();
        final java.util.function.IntUnaryOperator ask;
        int at; // bytes of the client's stream accounted for: delivered or reported skipped

        Skipper(java.util.function.IntUnaryOperator ask) {
            this.ask = ask;
        }

        @Override
        public int data(boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
            calls.add("data " + data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset) + "+" + length + "@" + tsNanos);
            at += length;
            return ask.applyAsInt(at);
        }

        @Override
        public void skipped(boolean fromOrig, int bytes, long tsNanos) {
            calls.add("skipped " + bytes + "@" + tsNanos);
            at += bytes;
        }

        @Override
        public void gap(boolean fromOrig, long bytes, long tsNanos) {
            calls.add("gap " + bytes);
            at += (int) bytes;
        }

        @Override
        public void end(long tsNanos) {
            calls.add("end@" + tsNanos);
        }
    }

    private static final TcpReassembler.Counts NO_COUNTS = new TcpReassembler.Counts() {
        @Override
        public void delivered(int bytes) {
        }

        @Override
        public void held(int bytes) {
        }

        @Override
        public void gap(long bytes) {
        }

        @Override
        public void overflow() {
        }

        @Override
        public void repeated(int bytes) {
        }
    };

    /** A segment of the client's stream at offset {@code at} (sequence numbers from 1000), its bytes all {@code at % 100}. */
    private static void send(TcpReassembler r, int at, int length, long ts) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) (at % 100));
        r.segment(true, ACK, 1000 + at, 0, MemorySegment.ofArray(b), 0, length, length, ts);
    }

    private static TcpReassembler reassembler(Skipper s) {
        TcpReassembler r = new TcpReassembler(1 << 20, NO_COUNTS);
        r.consumer(s);
        r.startAt(true, 1000);
        return r;
    }

    @Test
    void bytesPassedOverAreReportedBeforeTheNextData() {
        Skipper s = new Skipper(at -> at == 10 ? 2_500 : 0); // after the first 10 bytes: skip 2,500
        TcpReassembler r = reassembler(s);
        send(r, 0, 10, 1);
        send(r, 10, 1000, 2);  // all skipped
        send(r, 1010, 1000, 3); // all skipped
        send(r, 2010, 1000, 4); // 500 skipped, 500 delivered
        send(r, 3010, 10, 5);
        r.end(6);
        assertEquals(List.of("data 0+10@1", "skipped 2500@4", "data 10+500@4", "data 10+10@5", "end@6"), s.calls);
        assertEquals(3020, s.at);
    }

    @Test
    void aGapInsidePassedOverBytesReportsWhatCameThenTheGap() {
        Skipper s = new Skipper(at -> at == 10 ? 2_500 : 0);
        TcpReassembler r = reassembler(s);
        send(r, 0, 10, 1);
        send(r, 10, 1000, 2);
        // the peer acknowledges past a hole of 1,000 bytes: they are lost, and the skip with them
        r.segment(false, ACK, 5000, 1000 + 2010, MemorySegment.ofArray(new byte[0]), 0, 0, 0, 3);
        send(r, 2010, 100, 4);
        assertEquals(List.of("data 0+10@1", "skipped 1000@3", "gap 1000", "data 10+100@4"), s.calls);
        assertEquals(2110, s.at);
    }

    @Test
    void theEndReportsWhatCameOfPassedOverBytes() {
        Skipper s = new Skipper(at -> at == 10 ? 2_500 : 0);
        TcpReassembler r = reassembler(s);
        send(r, 0, 10, 1);
        send(r, 10, 700, 2);
        r.end(3);
        assertEquals(List.of("data 0+10@1", "skipped 700@3", "end@3"), s.calls);
    }

    @Test
    void heldSegmentsArePassedOverAsTheyAreDrained() {
        Skipper s = new Skipper(at -> at == 10 ? 1_500 : 0);
        TcpReassembler r = reassembler(s);
        send(r, 0, 10, 1);
        send(r, 1010, 1000, 2); // ahead of a hole: held
        send(r, 10, 1000, 3);   // fills the hole: both pass, 500 of the held one delivered
        assertEquals(List.of("data 0+10@1", "skipped 1500@3", "data 10+500@3"), s.calls);
        assertEquals(2010, s.at);
    }
}
