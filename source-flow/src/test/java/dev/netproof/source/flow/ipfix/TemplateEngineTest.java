package dev.netproof.source.flow.ipfix;

import static dev.netproof.source.flow.ipfix.ExportBuilder.ent;
import static dev.netproof.source.flow.ipfix.IpfixMetric.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ipfix.ExportBuilder.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Crafted v9 and IPFIX datagrams: holding, withdrawal, redefinition, field encodings, sampling. */
class TemplateEngineTest {
    static final long SECS = 1_700_000_000L;
    static final long EXPORT = SECS * 1_000_000_000L;
    /** src v4, dst v4, octets (8), packets (4), protocol. */
    static final int[] BASIC = {8, 4, 12, 4, 1, 8, 2, 4, 4, 1};

    static byte[] basic(String src, long octets) {
        return new Bytes().ip(src).ip("10.0.0.2").u64(octets).u32(3).u8(6).array();
    }

    @Test
    void dataBeforeItsTemplateIsHeldThenReleasedAfterTheLaterHeader() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).data(300, 0, basic("10.0.0.1", 100), basic("10.0.0.3", 200)).build(),
                Decoded.T0);
        assertEquals(0, d.sink.flows.size());
        assertEquals(1, d.count(HELD_SETS));
        assertEquals(-1, d.sink.headers.getFirst().records(), "its records cannot be counted before the template");

        d.feed(ExportBuilder.ipfix(SECS, 2, 7).template(300, BASIC).build(), Decoded.T0 + 5_000_000_000L);
        assertEquals(2, d.sink.flows.size());
        assertEquals(List.of(2, 2), d.sink.flowFrames, "reported during the template's datagram");
        assertEquals(1, d.count(HELD_SETS_RELEASED));
        assertEquals(Decoded.T0, d.sink.flows.getFirst().receivedNanos(), "received when its datagram was");
        assertEquals(200, d.sink.flows.get(1).bytes());
        assertEquals(0, d.sink.headers.get(1).records(), "held records belong to the first datagram");
    }

    @Test
    void heldDataExpiresOnTheDatagramClockAndIsCountedLost() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).data(300, 0, basic("10.0.0.1", 1)).build(), Decoded.T0);
        d.feed(ExportBuilder.ipfix(SECS, 1, 7).template(301, BASIC).build(), Decoded.T0 + 61_000_000_000L);
        assertEquals(1, d.count(HELD_SETS_EXPIRED));
        d.feed(ExportBuilder.ipfix(SECS, 1, 7).template(300, BASIC).build(), Decoded.T0 + 62_000_000_000L);
        assertEquals(0, d.sink.flows.size());
        assertEquals(0, d.count(HELD_SETS_RELEASED));
    }

    @Test
    void withdrawalRemovesTemplatesAndAllTemplatesWithdrawalRemovesEveryOne() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, BASIC).template(301, BASIC)
                .data(300, 0, basic("10.0.0.1", 1)).build());
        assertEquals(1, d.sink.flows.size());
        d.feed(ExportBuilder.ipfix(SECS, 1, 7).withdraw(300, false).data(300, 0, basic("10.0.0.1", 1)).build());
        assertEquals(1, d.count(TEMPLATES_WITHDRAWN));
        assertEquals(1, d.sink.flows.size(), "data after withdrawal waits for a new template");
        assertEquals(1, d.count(HELD_SETS));
        d.feed(ExportBuilder.ipfix(SECS, 1, 7).withdraw(300, false).build());
        assertEquals(1, d.count(ERROR__WITHDRAWAL_OF_UNKNOWN_TEMPLATE));
        d.feed(ExportBuilder.ipfix(SECS, 1, 7).template(302, BASIC).withdraw(2, false).build());
        assertEquals(3, d.count(TEMPLATES_WITHDRAWN));
        assertEquals(0, d.templateCount());
    }

    @Test
    void redefinitionReplacesAndRefreshChangesNothing() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, BASIC).template(300, BASIC).build());
        assertEquals(1, d.count(TEMPLATES_REFRESHED));
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, 27, 16, 1, 4)
                .data(300, 0, new Bytes().u64(0x20010db8_00000000L).u64(1).u32(99).array()).build());
        assertEquals(1, d.count(TEMPLATES_REDEFINED));
        assertEquals(1, d.templateCount());
        ExportedFlow f = d.sink.flows.getFirst();
        assertEquals(IpAddress.parse("2001:db8::1"), f.srcAddr());
        assertEquals(99, f.bytes());
    }

    @Test
    void variableLengthFieldsWithOneAndThreeByteLengths() {
        byte[] longName = new byte[300];
        java.util.Arrays.fill(longName, (byte) 'x');
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, 8, 4, 82, 65535, 1, 4)
                .data(300, 0,
                        new Bytes().ip("10.0.0.1").u8(3).raw("abc".getBytes()).u32(5).array(),
                        new Bytes().ip("10.0.0.2").u8(255).u16(300).raw(longName).u32(6).array())
                .build());
        assertEquals(2, d.sink.flows.size());
        assertEquals(List.of(new ExportedFlow.ExtraField(0, 82, "616263")), d.sink.flows.get(0).extra());
        assertEquals(600, d.sink.flows.get(1).extra().getFirst().value().length());
        assertEquals(6, d.sink.flows.get(1).bytes());
    }

    @Test
    void enterpriseFieldsGoToExtraByNumber() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).templateFields(300, new int[] {8, 4}, ent(1, 4, 2636), ent(7, 2, 29305))
                .data(300, 0, new Bytes().ip("10.0.0.1").u32(0xdeadbeefL).u16(443).array()).build());
        ExportedFlow f = d.sink.flows.getFirst();
        assertEquals(List.of(new ExportedFlow.ExtraField(2636, 1, "deadbeef"),
                new ExportedFlow.ExtraField(29305, 7, "01bb")), f.extra());
        assertEquals(0, f.bytes(), "an enterprise element 1 is not octetDeltaCount");
        assertEquals(0, f.srcPort());
    }

    @Test
    void paddingAtTheEndOfASetIsNotARecord() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, BASIC).data(300, 3, basic("10.0.0.1", 1)).build());
        assertEquals(1, d.sink.flows.size());
        assertEquals(0, d.count(ERROR__TRUNCATED_RECORD));
        assertEquals(1, d.sink.headers.getFirst().records());
    }

    @Test
    void v9UptimeTimesAreAnchoredOnTheHeader() {
        Decoded d = new Decoded(true);
        d.feed(ExportBuilder.v9(10_000, SECS, 1, 3).template(300, 22, 4, 21, 4)
                .data(300, 0, new Bytes().u32(9_000).u32(9_500).array()).build());
        ExportedFlow f = d.sink.flows.getFirst();
        assertEquals(EXPORT - 1_000_000_000L, f.startNanos());
        assertEquals(EXPORT - 500_000_000L, f.endNanos());
        assertEquals(10_000, d.sink.headers.getFirst().uptimeMillis());
    }

    @Test
    void ipfixUptimeTimesUseSystemInitTimeFromOptionsData() {
        long init = 1_690_000_000_000L;
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, 22, 4, 21, 4)
                .data(300, 0, new Bytes().u32(1_000).u32(2_000).array()).build());
        assertEquals(0, d.sink.flows.getFirst().startNanos(), "no time base yet");
        assertEquals(2, d.count(ERROR__UNKNOWN_TIME_BASE));
        d.feed(ExportBuilder.ipfix(SECS, 1, 7).optionsTemplate(400, 1, 149, 4, 160, 8)
                .data(400, 0, new Bytes().u32(7).u64(init).array())
                .data(300, 0, new Bytes().u32(1_000).u32(2_000).array()).build());
        ExportedFlow f = d.sink.flows.get(1);
        assertEquals((init + 1_000) * 1_000_000L, f.startNanos());
        assertEquals((init + 2_000) * 1_000_000L, f.endNanos());
    }

    @Test
    void absoluteAndDeltaTimeEncodings() {
        long ntpSecs = SECS + 2_208_988_800L;
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7)
                .template(300, 150, 4, 151, 4).template(301, 152, 8, 153, 8).template(302, 154, 8, 155, 8)
                .template(303, 156, 8, 157, 8).template(304, 158, 4, 159, 4)
                .data(300, 0, new Bytes().u32(SECS - 10).u32(SECS - 5).array())
                .data(301, 0, new Bytes().u64(SECS * 1000 - 1500).u64(SECS * 1000 - 250).array())
                // NTP fraction 0x80000000 = half a second; microseconds ignore the low 11 bits.
                .data(302, 0, new Bytes().u32(ntpSecs).u32(0x8000_07ffL).u32(ntpSecs).u32(0x4000_0000L).array())
                .data(303, 0, new Bytes().u32(ntpSecs).u32(1).u32(ntpSecs).u32(0x8000_0000L).array())
                .data(304, 0, new Bytes().u32(3_000_000).u32(1_500).array())
                .build());
        List<ExportedFlow> f = d.sink.flows;
        assertEquals(EXPORT - 10_000_000_000L, f.get(0).startNanos());
        assertEquals(EXPORT - 5_000_000_000L, f.get(0).endNanos());
        assertEquals(EXPORT - 1_500_000_000L, f.get(1).startNanos());
        assertEquals(EXPORT - 250_000_000L, f.get(1).endNanos());
        assertEquals(EXPORT + 500_000_000L, f.get(2).startNanos());
        assertEquals(EXPORT + 250_000_000L, f.get(2).endNanos());
        assertEquals(EXPORT, f.get(3).startNanos(), "2^-32 s is below a nanosecond");
        assertEquals(EXPORT + 500_000_000L, f.get(3).endNanos());
        assertEquals(EXPORT - 3_000_000_000L, f.get(4).startNanos());
        assertEquals(EXPORT - 1_500_000L, f.get(4).endNanos());
    }

    @Test
    void v9OptionsDataGivesSamplerRatesBySamplerId() {
        Decoded d = new Decoded(true);
        d.feed(ExportBuilder.v9(10_000, SECS, 1, 3).optionsTemplate(256, 1, 1, 4, 48, 1, 49, 1, 50, 4)
                .data(256, 2, new Bytes().u32(0).u8(5).u8(2).u32(1000).array())
                .template(300, 8, 4, 48, 1)
                .data(300, 0, new Bytes().ip("10.0.0.1").u8(5).array(), new Bytes().ip("10.0.0.2").u8(6).array())
                .build());
        assertEquals(1, d.count(OPTIONS_RECORDS));
        assertEquals(1000, d.sink.flows.get(0).samplingRate());
        assertEquals(0, d.sink.flows.get(1).samplingRate(), "nothing known about sampler 6");
    }

    @Test
    void samplingFromTheRecordFromSessionOptionsAndUnsampled() {
        Decoded d = new Decoded(true);
        d.feed(ExportBuilder.v9(10_000, SECS, 1, 3).template(300, 8, 4, 34, 4)
                .data(300, 0, new Bytes().ip("10.0.0.1").u32(512).array(), new Bytes().ip("10.0.0.2").u32(1).array())
                .build());
        assertEquals(512, d.sink.flows.get(0).samplingRate());
        assertEquals(1, d.sink.flows.get(1).samplingRate(), "an interval of 1: the exporter says it does not sample");

        Decoded ipfix = new Decoded(false);
        ipfix.feed(ExportBuilder.ipfix(SECS, 0, 7)
                .optionsTemplate(400, 1, 302, 4, 305, 4, 306, 4).data(400, 0, new Bytes().u32(9).u32(1).u32(99).array())
                .optionsTemplate(401, 1, 149, 4, 305, 4, 306, 4).data(401, 0, new Bytes().u32(7).u32(1).u32(9).array())
                .template(300, 8, 4, 302, 4)
                .data(300, 0, new Bytes().ip("10.0.0.1").u32(9).array(), new Bytes().ip("10.0.0.2").u32(8).array())
                .build());
        assertEquals(100, ipfix.sink.flows.get(0).samplingRate(), "selector 9: 1 in 1 + 99");
        assertEquals(10, ipfix.sink.flows.get(1).samplingRate(), "unknown selector: the domain's 1 in 1 + 9");
        assertEquals(2, ipfix.count(SAMPLING_OPTIONS));
    }

    @Test
    void mappedFieldsMplsIcmpVlanNextHop() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7)
                .template(300, 8, 4, 12, 4, 4, 1, 7, 2, 11, 2, 32, 2, 70, 3, 71, 3, 59, 2, 18, 4, 10, 4, 14, 4,
                        61, 1, 16, 4, 17, 4, 9, 1, 13, 1, 5, 1, 6, 2, 85, 8, 86, 8)
                .data(300, 0, new Bytes().ip("10.0.0.1").ip("10.0.0.2").u8(1).u16(0).u16(0).u16(0x0803)
                        .u24(20005 << 4 | 0x0).u24(524250 << 4 | 0x1).u16(701).ip("192.0.2.9").u32(3).u32(4)
                        .u8(1).u32(65001).u32(65002).u8(24).u8(16).u8(0x20).u16(0x12).u64(1500).u64(2).array())
                .build());
        ExportedFlow f = d.sink.flows.getFirst();
        assertEquals(0, f.srcPort());
        assertEquals(0x0803, f.dstPort(), "ICMP type 8 code 3");
        assertEquals(List.of(20005, 524250), f.mplsLabels());
        assertEquals(701, f.vlan(), "59 when no 58/243");
        assertEquals(IpAddress.parse("192.0.2.9"), f.nextHop(), "BGP next hop when no IP next hop");
        assertEquals(3, f.inIf());
        assertEquals(4, f.outIf());
        assertEquals(1, f.direction());
        assertEquals(65001, f.srcAs());
        assertEquals(65002, f.dstAs());
        assertEquals(24, f.srcMask());
        assertEquals(16, f.dstMask());
        assertEquals(0x20, f.tos());
        assertEquals(0x12, f.tcpFlags());
        assertEquals(1500, f.bytes(), "octetTotalCount when no delta count");
        assertEquals(2, f.packets());
        assertEquals(List.of(), f.extra());
    }
}
