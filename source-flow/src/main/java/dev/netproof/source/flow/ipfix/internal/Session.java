package dev.netproof.source.flow.ipfix.internal;

import dev.netproof.core.model.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * What one exporter session (address, source port, source id / observation domain) has told us: its
 * templates, the sampling and system-init settings of its options data, and its data sets held for a
 * missing template. Looked up once per datagram; the per-record path reads only fields and arrays.
 */
final class Session {
    final IpAddress exporter;
    final int port;
    final long domain;
    final HashMap<Integer, Template> templates = new HashMap<>();
    final ArrayList<Held> held = new ArrayList<>();
    long heldBytes;
    /** Sampling rate options data gave for the whole session; 0 when none. */
    long samplingRate;
    /** IPFIX systemInitTimeMilliseconds (160) from options data; -1 when none. */
    long sysInitMs = -1;
    private final long[] samplerIds;
    private final long[] samplerRates;
    private int samplers;

    Session(IpAddress exporter, int port, long domain, int maxSamplers) {
        this.exporter = exporter;
        this.port = port;
        this.domain = domain;
        this.samplerIds = new long[maxSamplers];
        this.samplerRates = new long[maxSamplers];
    }

    /** The sampling rate options data gave sampler {@code id}; 0 when unknown. A linear scan of a few entries. */
    long samplerRate(long id) {
        for (int i = 0; i < samplers; i++) {
            if (samplerIds[i] == id) return samplerRates[i];
        }
        return 0;
    }

    /** Records sampler {@code id}'s rate; false when the table is full and the id new. */
    boolean putSampler(long id, long rate) {
        for (int i = 0; i < samplers; i++) {
            if (samplerIds[i] == id) {
                samplerRates[i] = rate;
                return true;
            }
        }
        if (samplers == samplerIds.length) return false;
        samplerIds[samplers] = id;
        samplerRates[samplers++] = rate;
        return true;
    }

    boolean matches(IpAddress exporter, int port, long domain) {
        return this.port == port && this.domain == domain && this.exporter.equals(exporter);
    }
}
