package dev.netproof.source.flow.ipfix;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.source.flow.ipfix.internal.Engine;
import java.lang.foreign.MemorySegment;

/**
 * Decodes NetFlow v9 (RFC 3954) datagrams; mapping and layout in the package documentation.
 *
 * <p>Each datagram's header is reported with {@link dev.netproof.source.flow.ExportHeader.SequenceUnit#DATAGRAMS} and, as its record count,
 * the data records (flows and options records) read from this datagram's own sets, held ones
 * released later not included.
 */
public final class NetFlow9Decoder extends TemplateDecoder {
    /** The ledger stage name. */
    public static final String STAGE = "netflow9";

    public NetFlow9Decoder(String source, QualitySink quality) {
        this(IpfixConfig.defaults(), source, quality);
    }

    public NetFlow9Decoder(IpfixConfig config, String source, QualitySink quality) {
        super(true, STAGE, config, source, quality);
    }

    /**
     * True when {@code data[offset, offset + length)} starts like a NetFlow v9 (RFC 3954) message: version 9, room for
     * the header and one set header, and a first set whose id is a template, options template or data
     * set id and whose length fits.
     */
    public static boolean looksLike(MemorySegment data, long offset, int length) {
        return Engine.looksLike(true, data, offset, length);
    }
}
