package dev.netproof.source.flow.ipfix;

import static dev.netproof.source.flow.ipfix.IpfixMetric.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDatagrams;
import dev.netproof.source.flow.ipfix.ExportBuilder.Bytes;
import dev.netproof.testkit.Corpus;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Hostile datagrams: each case is a named counter, never an exception, never unbounded state. */
class HostileInputTest {
    static final long SECS = 1_700_000_000L;

    @Test
    void zeroLengthFieldsAreCountedAndReadNothing() {
        Decoded d = new Decoded(false);
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(300, 8, 4, 1, 0).data(300, 0, new Bytes().ip("10.0.0.1").array())
                .template(301, 1, 0, 2, 0).build());
        assertEquals(3, d.count(ERROR__ZERO_LENGTH_FIELD), "one per zero-length field");
        assertEquals(1, d.count(ERROR__BAD_TEMPLATE), "a template whose records are 0 bytes is refused");
        assertEquals(1, d.sink.flows.size());
        assertEquals(1, d.templateCount());
    }

    @Test
    void aTemplateOfTenThousandFieldsIsRefused() {
        int[] fields = new int[20_000];
        for (int i = 0; i < fields.length; i += 2) {
            fields[i] = 1;
            fields[i + 1] = 1;
        }
        for (boolean v9 : new boolean[] {true, false}) {
            Decoded d = new Decoded(v9);
            byte[] b = (v9 ? ExportBuilder.v9(1, SECS, 0, 0) : ExportBuilder.ipfix(SECS, 0, 0)).template(300, fields).build();
            d.feed(b);
            assertEquals(1, d.count(ERROR__TEMPLATE_TOO_MANY_FIELDS));
            assertEquals(0, d.templateCount());
        }
    }

    @Test
    void templateAndSetLengthsBeyondTheirContainerAreCounted() {
        Decoded d = new Decoded(false);
        // Says 5 fields, holds 2.
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).set(2, new Bytes().u16(300).u16(5).u16(8).u16(4).u16(12).u16(4).array())
                .build());
        assertEquals(1, d.count(ERROR__TRUNCATED_TEMPLATE));
        // A set length beyond the message.
        byte[] b = ExportBuilder.ipfix(SECS, 0, 7).set(300, new byte[8]).build();
        b[16 + 3] = (byte) 200;
        d.feed(b);
        assertEquals(1, d.count(ERROR__BAD_SET_LENGTH));
        // A variable-length field running past the set.
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).template(301, 82, 65535).data(301, 0, new Bytes().u8(50).u8(1).array())
                .build());
        assertEquals(1, d.count(ERROR__TRUNCATED_RECORD));
        assertEquals(0, d.count(ERROR__INTERNAL));
    }

    @Test
    void aTemplateIdReusedAcrossKindsIsACollision() {
        Decoded d = new Decoded(true);
        d.feed(ExportBuilder.v9(1, SECS, 0, 0).template(300, 8, 4).optionsTemplate(300, 1, 1, 4, 34, 4).build());
        assertEquals(1, d.count(ERROR__TEMPLATE_ID_COLLISION));
        assertEquals(1, d.templateCount());
    }

    @Test
    void aHundredThousandTemplateIdsLeaveTheTemplateCountAtItsCap() {
        Decoded d = new Decoded(false);
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            d.feed(ExportBuilder.ipfix(SECS, i, 7).template(256 + r.nextInt(65_280), 8, 4).build());
        }
        assertEquals(IpfixConfig.defaults().maxTemplatesPerSession(), d.templateCount());
        assertTrue(d.count(ERROR__TEMPLATES_OVER_CAP) > 90_000);
    }

    @Test
    void aFloodOfUnknownDataSetsStaysWithinTheHoldBounds() {
        Decoded d = new Decoded(false);
        for (int i = 0; i < 20_000; i++) {
            d.feed(ExportBuilder.ipfix(SECS, i, 7).data(256 + i % 60_000, 0, new byte[100]).build(),
                    Decoded.T0 + i * 1_000L);
        }
        assertTrue(d.count(HELD_SETS_OVERFLOW) > 0);
        var ipfix = (IpfixDecoder) d.decoder;
        assertTrue(ipfix.heldBytes() <= IpfixConfig.defaults().maxHeldBytesPerSession(), "" + ipfix.heldBytes());
        // Much later, everything held has expired.
        d.feed(ExportBuilder.ipfix(SECS, 0, 7).build(), Decoded.T0 + 3_600_000_000_000L);
        assertEquals(0, ipfix.heldBytes());
        assertEquals(d.count(HELD_SETS), d.count(HELD_SETS_EXPIRED));
    }

    @Test
    void sessionsBeyondTheCapAreCounted() {
        var d = new IpfixDecoder(new IpfixConfig(2, 8, 16, 16, 4, 1024, 4096, 1), "t", QualitySink.DISCARD);
        var sink = new ExportDatagrams.Collected();
        byte[] b = ExportBuilder.ipfix(SECS, 0, 7).template(300, 8, 4).build();
        for (int port = 1; port <= 5; port++) {
            d.decode(MemorySegment.ofArray(b), 0, b.length, Decoded.EXPORTER, port, Decoded.T0, sink);
        }
        assertEquals(2, d.sessionCount());
        assertEquals(3, d.counters().total(ERROR__SESSIONS_OVER_CAP));
        assertEquals(5, sink.headers.size(), "the header is still reported");
    }

    // ---- properties: random, truncated and mutated datagrams ----

    private static final List<byte[]> CORPUS = corpusDatagrams();

    private static List<byte[]> corpusDatagrams() {
        List<byte[]> out = new ArrayList<>();
        if (Corpus.sharedDir().isEmpty()) {
            out.add(ExportBuilder.ipfix(SECS, 0, 7).template(300, TemplateEngineTest.BASIC)
                    .data(300, 0, TemplateEngineTest.basic("10.0.0.1", 5)).build());
            return out;
        }
        try {
            for (Path p : Corpus.shared("flows", "ak-*.pcap")) {
                if (p.toString().contains("sflow") || p.toString().contains("v5")) continue;
                for (var dg : ExportDatagrams.read(p)) out.add(dg.payload());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.integers().between(0, CORPUS.size() - 1).flatMap(i -> {
            byte[] base = CORPUS.get(i);
            return Arbitraries.integers().between(0, base.length).list().ofMaxSize(8).flatMap(flips ->
                    Arbitraries.integers().between(0, base.length).map(cut -> {
                        byte[] b = java.util.Arrays.copyOf(base, cut);
                        for (int f : flips) if (f < b.length) b[f] ^= (byte) (1 << (f % 8));
                        return b;
                    }));
        });
    }

    @Property(tries = 2000)
    void mutatedCorpusDatagramsNeverThrow(@ForAll("mutated") byte[] datagram) {
        for (boolean v9 : new boolean[] {true, false}) {
            Decoded d = new Decoded(v9);
            // Twice: the first may install templates the second uses.
            d.feed(datagram).feed(datagram);
            assertEquals(0, d.count(ERROR__INTERNAL));
            assertEquals(2, d.sink.headers.size() + errors(d), "reported, or counted as a header error");
            var t = v9 ? ((NetFlow9Decoder) d.decoder).heldBytes() : ((IpfixDecoder) d.decoder).heldBytes();
            assertTrue(t <= 2L * (datagram.length + IpfixConfig.HELD_SET_OVERHEAD * datagram.length / 4 + 64));
        }
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll byte[] datagram, @ForAll boolean v9, @ForAll boolean versionFixed) {
        if (versionFixed && datagram.length >= 2) {
            datagram[0] = 0;
            datagram[1] = (byte) (v9 ? 9 : 10);
        }
        Decoded d = new Decoded(v9);
        d.feed(datagram);
        assertEquals(0, d.count(ERROR__INTERNAL));
        // Every datagram is either reported or counted as a header error.
        assertEquals(1, d.sink.headers.size() + d.count(ERROR__TRUNCATED_HEADER) + d.count(ERROR__BAD_VERSION));
    }

    private static long errors(Decoded d) {
        return d.count(ERROR__TRUNCATED_HEADER) + d.count(ERROR__BAD_VERSION);
    }
}
