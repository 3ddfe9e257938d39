package dev.netproof.app.extract;

import dev.netproof.core.model.IpAddress;
import dev.netproof.packetstore.FlowHash;

/**
 * One stored flow as extraction needs it: its key and the capture time of its first and last packet
 * ({@code [fromNanos, toNanos]}, inclusive). {@code vlan} is -1 when untagged.
 */
record FlowKeyRow(String uid, IpAddress orig, int origP, IpAddress resp, int respP, int proto, int vlan,
                  long fromNanos, long toNanos) {
    int flowHash() {
        return FlowHash.of(orig.hi(), orig.lo(), origP, resp.hi(), resp.lo(), respP, proto);
    }

    /** The same for both directions: the pair of addresses and the protocol. */
    static long pairKey(long aHi, long aLo, long bHi, long bLo, int proto) {
        return FlowHash.host64(aHi, aLo) + FlowHash.host64(bHi, bLo) + proto;
    }

    long pairKey() {
        return pairKey(orig.hi(), orig.lo(), resp.hi(), resp.lo(), proto);
    }
}
