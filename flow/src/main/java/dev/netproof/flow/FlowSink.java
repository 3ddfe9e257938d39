package dev.netproof.flow;

import dev.netproof.core.model.Flow;

/** Receives finished flow rows. Called on the flow table's thread. */
@FunctionalInterface
public interface FlowSink {
    void accept(Flow flow);
}
