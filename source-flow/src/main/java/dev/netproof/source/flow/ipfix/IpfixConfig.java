package dev.netproof.source.flow.ipfix;

/**
 * Bounds of the template engine shared by {@link NetFlow9Decoder} and {@link IpfixDecoder}. Every
 * piece of state kept between datagrams is capped here; what does not fit is counted
 * ({@link IpfixMetric}) and dropped, never grown.
 *
 * <p>A "session" is one exporter address and source port and one source id (v9) or observation
 * domain (IPFIX): templates and options data are scoped to it, as RFC 7011 section 8 scopes them to
 * the transport session and observation domain.
 *
 * @param maxSessions             sessions kept; datagrams of further sessions are counted and skipped
 * @param maxTemplatesPerSession  templates and options templates of one session
 * @param maxTemplates            templates over all sessions
 * @param maxFieldsPerTemplate    fields of one template (scopes included); larger templates are refused
 * @param maxSamplersPerSession   sampler/selector ids whose interval options data gave, per session
 * @param maxHeldBytesPerSession  bytes of data sets held for a missing template, per session
 * @param maxHeldBytes            bytes held over all sessions
 * @param holdNanos               how long a held data set waits for its template, measured with the
 *                                datagrams' {@code receivedNanos}; 0 disables holding
 */
public record IpfixConfig(
        int maxSessions,
        int maxTemplatesPerSession,
        int maxTemplates,
        int maxFieldsPerTemplate,
        int maxSamplersPerSession,
        long maxHeldBytesPerSession,
        long maxHeldBytes,
        long holdNanos) {

    /** Each held set is charged this much besides its bytes, so that empty sets cannot pile up uncounted. */
    public static final int HELD_SET_OVERHEAD = 64;

    public IpfixConfig {
        if (maxSessions < 1 || maxTemplatesPerSession < 1 || maxTemplates < 1 || maxFieldsPerTemplate < 1
                || maxSamplersPerSession < 0 || maxHeldBytesPerSession < 0 || maxHeldBytes < 0 || holdNanos < 0) {
            throw new IllegalArgumentException("bad ipfix config: " + maxSessions + ", " + maxTemplatesPerSession
                    + ", " + maxTemplates + ", " + maxFieldsPerTemplate + ", " + maxSamplersPerSession + ", "
                    + maxHeldBytesPerSession + ", " + maxHeldBytes + ", " + holdNanos);
        }
    }

    /**
     * 4096 sessions, 1024 templates per session and 65,536 in all, 512 fields per template (real
     * templates have under 100), 64 samplers per session, 1 MiB held per session and 64 MiB in all,
     * held for 60 s.
     */
    public static IpfixConfig defaults() {
        return new IpfixConfig(4096, 1024, 65_536, 512, 64, 1 << 20, 64L << 20, 60_000_000_000L);
    }
}
