package dev.netproof.bench.internal;

import dev.netproof.core.model.Flow;
import dev.netproof.flow.FlowSink;

/** A {@link FlowSink} that only counts the rows it receives and keeps none. Not thread-safe. */
public final class CountingFlowSink implements FlowSink {
    private long flows;
    private long packets;

    @Override
    public void accept(Flow flow) {
        flows++;
        packets += flow.origPkts() + flow.respPkts();
    }

    public long flows() {
        return flows;
    }

    /** Packets summed over the rows received. */
    public long packets() {
        return packets;
    }
}
