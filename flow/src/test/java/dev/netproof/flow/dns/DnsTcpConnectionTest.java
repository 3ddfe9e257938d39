package dev.netproof.flow.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.IpAddress;
import dev.netproof.flow.stream.ConnectionId;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DnsTcpConnectionTest {
    static final ConnectionId ID = new ConnectionId("Cx", IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.2"), 53, -1);

    /** Records what the framing hands over: each message as hex, with the asker's side, and each loss. */
    static final class Seen implements DnsTcpConnection.Handler {
        final List<String> messages = new ArrayList<>();
        final List<String> losses = new ArrayList<>();

        @Override
        public void message(long ts, DnsTransactions.Endpoints from, MemorySegment data, long offset, int length) {
            messages.add(from.srcP() + ":" + HexFormat.of().formatHex(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE)));
        }

        @Override
        public void lost(long ts, DnsTransactions.Endpoints from, DnsTcpConnection.Loss why) {
            losses.add(from.srcP() + ":" + why);
        }
    }

    static byte[] framed(List<byte[]> messages) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            b.write(m.length >>> 8);
            b.write(m.length);
            b.writeBytes(m);
        }
        return b.toByteArray();
    }

    /** However the stream is cut into deliveries, the same messages come out, whole and in order. */
    @Property(tries = 500)
    void anyCuttingGivesTheSameMessages(@ForAll @IntRange(min = 0, max = 6) int count, @ForAll long seed) {
        Random rnd = new Random(seed);
        List<byte[]> messages = new ArrayList<>();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] m = new byte[rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 3000)];
            rnd.nextBytes(m);
            messages.add(m);
            want.add("40000:" + HexFormat.of().formatHex(m));
        }
        byte[] stream = framed(messages);
        Seen seen = new Seen();
        DnsTcpConnection c = new DnsTcpConnection(ID, seen);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 700));
            // deliver from a segment with bytes around the slice, as a packet would hold it
            byte[] packet = new byte[n + 20];
            System.arraycopy(stream, at, packet, 10, n);
            c.data(true, MemorySegment.ofArray(packet), 10, n, 0);
            at += n;
        }
        c.end(0);
        assertEquals(want, seen.messages);
        assertEquals(List.of(), seen.losses);
    }

    @Test
    void aGapStopsItsDirectionOnlyAndAnEndMidMessageIsALoss() {
        Seen seen = new Seen();
        DnsTcpConnection c = new DnsTcpConnection(ID, seen);
        byte[] q = framed(List.of(new byte[] {1, 2, 3}));
        c.data(true, MemorySegment.ofArray(q), 0, q.length, 0);
        c.gap(false, 10, 0);
        c.data(false, MemorySegment.ofArray(q), 0, q.length, 0); // after the gap: not read
        c.data(true, MemorySegment.ofArray(q), 0, 3, 0);          // a message cut by the end
        c.end(0);
        assertEquals(List.of("40000:010203"), seen.messages);
        assertEquals(List.of("53:GAP", "40000:UNFINISHED"), seen.losses);
    }
}
