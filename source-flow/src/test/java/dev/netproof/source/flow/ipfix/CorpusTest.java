package dev.netproof.source.flow.ipfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.source.flow.ExportDatagrams;
import dev.netproof.source.flow.netflow5.NetFlow5Decoder;
import dev.netproof.testkit.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the corpus shows beyond tshark's fields: holding, options sampling, biflow and enterprise extras. */
class CorpusTest {
    static Path flows(String name) {
        return Path.of(Corpus.SHARED_DIR, "flows", name + ".pcap");
    }

    @BeforeEach
    void corpus() {
        assumeTrue(Corpus.sharedDir().isPresent());
    }

    @Test
    void dataBeforeItsTemplateInOneDatagramIsDecodedUnlikeTshark() throws Exception {
        var dec = new NetFlow9Decoder("t", QualitySink.DISCARD);
        var c = ExportDatagrams.decodeAll(flows("ak-netflow-v9-data+templates"), dec);
        // tshark (oracle: 11 data records, 1 set undecoded) cannot read the first data set, which comes
        // before its template; we hold it and read it when the template comes later in the datagram.
        assertEquals(1, dec.counters().total(IpfixMetric.HELD_SETS_RELEASED));
        long held = c.flows.size() - 10;
        assertTrue(held > 0);
        assertEquals(11 + held, c.headers.getFirst().records());
        // Options data (scope system) gave the whole source id a sampling interval of 100.
        assertEquals(100, c.flows.getLast().samplingRate());
    }

    @Test
    void samplingFromRecordsAndOptionsData() throws Exception {
        var c = ExportDatagrams.decodeAll(flows("ak-netflow-v9-samplingrate"), new NetFlow9Decoder("t", QualitySink.DISCARD));
        assertEquals(6, c.flows.size());
        c.flows.forEach(f -> assertEquals(2048, f.samplingRate()));
        var p = ExportDatagrams.decodeAll(flows("ak-ipfix-physicalinterfaces"), new IpfixDecoder("t", QualitySink.DISCARD));
        p.flows.forEach(f -> assertEquals(1000, f.samplingRate(), "samplingPacketInterval 1, space 999"));
    }

    @Test
    void reverseAndEnterpriseElementsAreKeptInExtra() throws Exception {
        var c = ExportDatagrams.decodeAll(flows("ak-ipfix-ipfixprobe"), new IpfixDecoder("t", QualitySink.DISCARD));
        ExportedFlow f = c.flows.getFirst();
        assertTrue(f.extra().contains(new ExportedFlow.ExtraField(29305, 1, "0000000000000080")), f.extra().toString());
        var j = ExportDatagrams.decodeAll(flows("ak-ipfix-juniper-cpid"), new IpfixDecoder("t", QualitySink.DISCARD));
        assertTrue(j.flows.getFirst().extra().stream().anyMatch(e -> e.enterprise() == 2636));
    }

    @Test
    void looksLikeRecognisesEveryCorpusDatagramByItsFormatOnly() throws Exception {
        for (Path p : Corpus.shared("flows", "ak-*.pcap")) {
            String n = p.getFileName().toString();
            for (var d : ExportDatagrams.read(p)) {
                var s = d.segment();
                int len = d.payload().length;
                assertEquals(n.contains("v5"), NetFlow5Decoder.looksLike(s, 0, len), n);
                assertEquals(n.contains("v9"), NetFlow9Decoder.looksLike(s, 0, len), n);
                assertEquals(n.contains("ipfix"), IpfixDecoder.looksLike(s, 0, len), n);
            }
        }
        assertFalse(IpfixDecoder.looksLike(java.lang.foreign.MemorySegment.ofArray(new byte[10]), 0, 10));
    }
}
