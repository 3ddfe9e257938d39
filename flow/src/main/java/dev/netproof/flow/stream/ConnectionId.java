package dev.netproof.flow.stream;

import dev.netproof.core.model.IpAddress;
import java.util.Objects;

/**
 * Which TCP connection a stream belongs to: its flow's {@code uid} (the join key with the flow rows)
 * and the originator's ({@code orig}) and responder's ({@code resp}) endpoints, as in the flow row.
 *
 * @param vlan the outer VLAN id, -1 for none
 */
public record ConnectionId(String uid, IpAddress origH, int origP, IpAddress respH, int respP, int vlan) {
    public ConnectionId {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(origH, "origH");
        Objects.requireNonNull(respH, "respH");
    }
}
