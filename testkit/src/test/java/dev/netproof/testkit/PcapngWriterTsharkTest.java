package dev.netproof.testkit;

import dev.netproof.testkit.PcapngWriter.Interface;
import dev.netproof.testkit.PcapngWriter.Resolution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** tshark must read back exactly what {@link PcapngWriter} wrote, block type by block type. */
@Tag("tshark")
class PcapngWriterTsharkTest {
    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder o) {
            order = o;
        }

        ByteOrder other() {
            return order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }
    }

    /** What tshark should print for one frame; time "" when the block has none (SPB). */
    record Row(String time, int wireLen, int capLen, int interfaceId, int linkType) {
    }

    @TempDir
    Path dir;

    @BeforeEach
    void needTshark() {
        assumeTrue(Tshark.available(), "tshark not installed");
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void tsharkReadsEveryBlockTypeAndResolution(Order first) {
        Path file = dir.resolve("t.pcapng");
        List<Row> expected = new ArrayList<>();
        byte[] eth = Frames.ethernet().ipv4("10.0.0.1", "10.0.0.2").tcp(1234, 80).payload("hello").build();
        byte[] ip6 = Frames.rawIp().ipv6("2001:db8::1", "2001:db8::2").udp(1000, 2000).payload("x").build();
        long t = 1_700_000_000_123_456_789L;
        try (var w = PcapngWriter.toFile(file, first.order)) {
            int micro = w.addInterface(Interface.of(LinkTypes.ETHERNET).withName("eth0").withSnaplen(40));
            int nano = w.addInterface(Interface.of(LinkTypes.RAW).withResolution(Resolution.NANO));
            int pow2 = w.addInterface(Interface.of(LinkTypes.IPV6).withResolution(Resolution.pow2(10))
                    .withTsOffset(1_000_000));
            int milli = w.addInterface(Interface.of(LinkTypes.RAW).withResolution(Resolution.pow10(3)));

            w.epb(micro, t, eth); // truncated by the snaplen of 40
            expected.add(new Row(time(t - t % 1_000), eth.length, 40, micro, LinkTypes.ETHERNET));
            w.block(0x0BAD_C0DE, new byte[] {1, 2, 3}); // unknown block type: tshark skips it
            w.epb(nano, t + 1, ip6, ip6.length, "a comment");
            expected.add(new Row(time(t + 1), ip6.length, ip6.length, nano, LinkTypes.RAW));
            long units = 5 * 1024 + 3; // 5.0029296875 s, + offset
            w.epbUnits(pow2, units, ip6, ip6.length, ip6.length + 100);
            expected.add(new Row(time(1_000_005_002_929_687L), ip6.length + 100, ip6.length, pow2, LinkTypes.IPV6));
            w.epb(milli, t, ip6);
            expected.add(new Row(time(t - t % 1_000_000), ip6.length, ip6.length, milli, LinkTypes.RAW));
            w.spb(eth); // interface 0, no timestamp
            expected.add(new Row("", eth.length, 40, micro, LinkTypes.ETHERNET));
            w.obsoletePacket(nano, t + 2, ip6);
            expected.add(new Row(time(t + 2), ip6.length, ip6.length, nano, LinkTypes.RAW));

            w.section(first.other()); // new section, new byte order, interface ids restart
            int sll = w.addInterface(Interface.of(LinkTypes.LINUX_SLL).withResolution(Resolution.NANO));
            w.epb(sll, t + 3, eth);
            expected.add(new Row(time(t + 3), eth.length, eth.length, sll, LinkTypes.LINUX_SLL));
        }
        List<List<String>> rows = Tshark.fields(file, "frame.time_epoch", "frame.len", "frame.cap_len",
                "frame.interface_id", "frame.encap_type");
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row e = expected.get(i);
            List<String> r = rows.get(i);
            assertEquals(e.time(), r.get(0).isEmpty() ? "" : time(Tshark.epochNanos(r.get(0))), "time of frame " + i);
            assertEquals(Integer.toString(e.wireLen()), r.get(1), "wire length of frame " + i);
            assertEquals(Integer.toString(e.capLen()), r.get(2), "captured length of frame " + i);
            assertEquals(Integer.toString(e.interfaceId()), r.get(3), "interface of frame " + i);
            assertEquals(WtapEncap.of(e.linkType()), r.get(4), "encapsulation of frame " + i);
        }
    }

    private static String time(long nanos) {
        return Long.toString(nanos);
    }
}
