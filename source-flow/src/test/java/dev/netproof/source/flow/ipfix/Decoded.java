package dev.netproof.source.flow.ipfix;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDatagrams;
import dev.netproof.source.flow.ExportDecoder;
import java.lang.foreign.MemorySegment;

/** Test rig: one v9 or IPFIX decoder and a collecting sink, fed byte arrays as datagrams from one exporter. */
final class Decoded {
    static final IpAddress EXPORTER = IpAddress.parse("192.0.2.1");
    static final long T0 = 1_700_000_000_000_000_000L;

    final ExportDecoder decoder;
    final ExportDatagrams.Collected sink = new ExportDatagrams.Collected();
    private final java.util.function.Function<IpfixMetric, Long> totals;
    private final java.util.function.IntSupplier templates;

    Decoded(boolean v9) {
        this(v9, IpfixConfig.defaults());
    }

    Decoded(boolean v9, IpfixConfig config) {
        if (v9) {
            var d = new NetFlow9Decoder(config, "test", QualitySink.DISCARD);
            decoder = d;
            totals = d.counters()::total;
            templates = d::templateCount;
        } else {
            var d = new IpfixDecoder(config, "test", QualitySink.DISCARD);
            decoder = d;
            totals = d.counters()::total;
            templates = d::templateCount;
        }
    }

    Decoded feed(byte[] datagram, long receivedNanos) {
        sink.frame++;
        decoder.decode(MemorySegment.ofArray(datagram), 0, datagram.length, EXPORTER, 4739, receivedNanos, sink);
        return this;
    }

    Decoded feed(byte[] datagram) {
        return feed(datagram, T0 + sink.frame * 1_000_000_000L);
    }

    long count(IpfixMetric m) {
        return totals.apply(m);
    }

    int templateCount() {
        return templates.getAsInt();
    }
}
