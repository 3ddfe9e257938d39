package dev.netproof.source.flow.netflow5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDatagrams;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Tshark;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** NetFlow v5: the corpus datagram (fields against tshark are in CorpusDifferentialTest), crafted and hostile ones. */
class NetFlow5DecoderTest {
    static final Path V5 = Path.of(Corpus.SHARED_DIR, "flows", "ak-netflow-v5.pcap");

    @Test
    void corpusHeaderAndRecords() throws Exception {
        assumeTrue(Corpus.sharedDir().isPresent());
        var dec = new NetFlow5Decoder("t", QualitySink.DISCARD);
        var c = ExportDatagrams.decodeAll(V5, dec);
        ExportHeader h = c.headers.getFirst();
        assertEquals(ExportFormat.NETFLOW_V5, h.format());
        assertEquals(1961402419L, h.sequence());
        assertEquals(ExportHeader.SequenceUnit.RECORDS, h.unit());
        assertEquals(29, h.records());
        assertEquals(2874339000L, h.uptimeMillis());
        assertEquals(29, c.flows.size());
        assertEquals(29, dec.counters().total(NetFlow5Metric.FLOWS));
        // 2874339 s uptime at 1680626679 s; the first record starts at uptime 2874324 s: 15 s before.
        assertEquals((1680626679L - 15) * 1_000_000_000L + h.exportNanos() % 1_000_000_000L, c.flows.getFirst().startNanos());
    }

    @Test
    @Tag("tshark")
    void samplingAgreesWithTshark() throws Exception {
        assumeTrue(Corpus.sharedDir().isPresent());
        assumeTrue(Tshark.available());
        var c = ExportDatagrams.decodeAll(V5, new NetFlow5Decoder("t", QualitySink.DISCARD));
        List<String> row = Tshark.fields(V5, List.of("-d", "udp.port==9990,cflow"), "f", "cflow.samplerate",
                "cflow.samplingmode").getFirst();
        assertEquals(Long.parseLong(row.get(0)), c.flows.getFirst().samplingRate());
    }

    static byte[] datagram(int count, int records) {
        byte[] b = new byte[24 + 48 * records];
        var s = MemorySegment.ofArray(b);
        b[1] = 5;
        b[3] = (byte) count;
        s.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 4, 10_000);
        s.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 8, 1_700_000_000);
        b[20] = 1;
        b[21] = 2;
        b[22] = (byte) 0x40; // mode 1
        b[23] = 100;
        for (int r = 0; r < records; r++) {
            int o = 24 + 48 * r;
            b[o] = 10; b[o + 3] = 1;            // src 10.0.0.1
            b[o + 4] = 10; b[o + 7] = 2;        // dst 10.0.0.2
            b[o + 19] = 3;                      // packets
            b[o + 23] = 120;                    // octets
            b[o + 26] = 0x23; b[o + 27] = 0x28; // first = 9000 ms
            b[o + 30] = 0x27; b[o + 31] = 0x10; // last = 10000 ms
            b[o + 38] = 17;
        }
        return b;
    }

    @Test
    void craftedRecordMapping() {
        var c = new ExportDatagrams.Collected();
        byte[] b = datagram(1, 1);
        new NetFlow5Decoder("t", QualitySink.DISCARD).decode(MemorySegment.ofArray(b), 0, b.length,
                IpAddress.parse("192.0.2.1"), 9995, 5, c);
        ExportedFlow f = c.flows.getFirst();
        assertEquals(IpAddress.parse("10.0.0.1"), f.srcAddr());
        assertEquals(17, f.ipProto());
        assertEquals(120, f.bytes());
        assertEquals(3, f.packets());
        assertEquals(100, f.samplingRate(), "low 14 bits");
        assertEquals(0x0102, f.domain());
        assertEquals(1_699_999_999_000_000_000L, f.startNanos());
        assertEquals(1_700_000_000_000_000_000L, f.endNanos());
    }

    @Test
    void aCountBeyondTheDatagramReadsOnlyWhatFits() {
        var c = new ExportDatagrams.Collected();
        var dec = new NetFlow5Decoder("t", QualitySink.DISCARD);
        byte[] b = datagram(30, 2);
        dec.decode(MemorySegment.ofArray(b), 0, b.length - 10, IpAddress.parse("192.0.2.1"), 9995, 5, c);
        assertEquals(1, c.flows.size());
        assertEquals(1, c.headers.getFirst().records());
        assertEquals(1, dec.counters().total(NetFlow5Metric.ERROR__COUNT_EXCEEDS_DATAGRAM));
    }

    @Test
    void looksLike() {
        byte[] b = datagram(1, 1);
        assertTrue(NetFlow5Decoder.looksLike(MemorySegment.ofArray(b), 0, b.length));
        assertFalse(NetFlow5Decoder.looksLike(MemorySegment.ofArray(b), 0, 30));
        b[1] = 9;
        assertFalse(NetFlow5Decoder.looksLike(MemorySegment.ofArray(b), 0, b.length));
    }

    @Property(tries = 1000)
    void randomAndTruncatedDatagramsNeverThrow(@ForAll byte[] noise, @ForAll boolean v5) {
        byte[] b = v5 ? Arrays.copyOf(datagram(30, 30), Math.min(noise.length, 24 + 48 * 30)) : noise;
        if (v5) for (int i = 24; i < b.length; i++) b[i] = noise[i];
        var dec = new NetFlow5Decoder("t", QualitySink.DISCARD);
        dec.decode(MemorySegment.ofArray(b), 0, b.length, IpAddress.parse("192.0.2.1"), 1, 1, new ExportDatagrams.Collected());
        assertEquals(0, dec.counters().total(NetFlow5Metric.ERROR__INTERNAL));
    }
}
