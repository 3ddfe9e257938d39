package dev.netproof.source.flow.ipfix;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.source.flow.ipfix.internal.Engine;
import java.lang.foreign.MemorySegment;

/**
 * Decodes IPFIX (RFC 7011) datagrams; mapping and layout in the package documentation.
 *
 * <p>Each datagram's header is reported with {@link dev.netproof.source.flow.ExportHeader.SequenceUnit#RECORDS} and, as its record count,
 * the data records (flows and options records) read from this datagram's own sets, or -1 when a set
 * of it waits for its template (its records cannot be counted until the template comes).
 */
public final class IpfixDecoder extends TemplateDecoder {
    /** The ledger stage name. */
    public static final String STAGE = "ipfix";

    public IpfixDecoder(String source, QualitySink quality) {
        this(IpfixConfig.defaults(), source, quality);
    }

    public IpfixDecoder(IpfixConfig config, String source, QualitySink quality) {
        super(false, STAGE, config, source, quality);
    }

    /**
     * True when {@code data[offset, offset + length)} starts like a IPFIX (RFC 7011) message: version 10, room for
     * the header and one set header, and a first set whose id is a template, options template or data
     * set id and whose length fits.
     */
    public static boolean looksLike(MemorySegment data, long offset, int length) {
        return Engine.looksLike(false, data, offset, length);
    }
}
