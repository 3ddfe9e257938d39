package dev.netproof.source.flow;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.Sample;

/**
 * Receives what export decoders find, in datagram order: first the datagram's {@link #header}, then
 * its flows and samples. Records held for a missing template are delivered later, when the template
 * arrives, after that later datagram's header. Called on the decoding thread only.
 */
public interface ExportSink {
    void header(ExportHeader header);

    void flow(ExportedFlow flow);

    void sample(Sample sample);
}
