package dev.netproof.decode.internal;

import java.lang.foreign.MemorySegment;

/**
 * Where decoding stands inside one packet: the scratch state handed from one layer to the next.
 * One instance per {@code PacketDecoder}, reset per packet; not thread-safe.
 *
 * <p>Three ends bound every read, all absolute offsets into {@link #seg}:
 * <pre>
 *   base        pos                    end()      capEnd         limit
 *    |-- done --|-- next header ... ---|          |              |
 *    |<----------- captured bytes ------------->|              |
 *    |<------------ current container as its headers state it ------>|
 * </pre>
 * {@code capEnd} is where the capture stops (never read at or past it). {@code limit} is where
 * the current container ends as the headers say: first the frame on the wire, then the IP datagram,
 * then a tunnel's payload; it only shrinks. A header that does not fit before {@code capEnd} is
 * <em>truncated</em> when it would fit before {@code limit} (snaplen cut it), and <em>malformed</em>
 * when it would not (the packet contradicts itself). See {@link Status#cut}.
 */
public final class Cursor {
    public MemorySegment seg;
    /** The packet's first byte; {@code payloadOffset} and similar fields are relative to it. */
    public long base;
    /** Start of the next header to decode. */
    public long pos;
    public long capEnd;
    public long limit;

    /** VLAN tags passed in the current L2 header chain (reset by each Ethernet header). */
    public int vlanTags;
    /** Encapsulations (GRE, VXLAN, IP-in-IP) entered so far. */
    public int tunnels;
    /** VXLAN VNI or GRE key of the innermost tunnel entered, -1 if none. */
    public long tunnelId;

    // --- configuration, fixed for the decoder's life
    public final boolean decapsulate;
    public final int vxlanPort;
    public final int maxTunnels;
    public final int maxVlanTags;
    public final int maxMplsLabels;
    public final int maxIpv6ExtHeaders;

    public Cursor(boolean decapsulate, int vxlanPort, int maxTunnels, int maxVlanTags, int maxMplsLabels,
                  int maxIpv6ExtHeaders) {
        this.decapsulate = decapsulate;
        this.vxlanPort = vxlanPort;
        this.maxTunnels = maxTunnels;
        this.maxVlanTags = maxVlanTags;
        this.maxMplsLabels = maxMplsLabels;
        this.maxIpv6ExtHeaders = maxIpv6ExtHeaders;
    }

    public void start(MemorySegment seg, long base, long capEnd, long limit) {
        this.seg = seg;
        this.base = base;
        this.pos = base;
        this.capEnd = capEnd;
        this.limit = limit;
        this.vlanTags = 0;
        this.tunnels = 0;
        this.tunnelId = -1;
    }

    /** Exclusive end of the bytes that may be read: captured and inside the current container. */
    public long end() {
        return Math.min(capEnd, limit);
    }

    /** Narrows the container to end at {@code newLimit} (never widens it). */
    public void narrow(long newLimit) {
        if (newLimit < limit) limit = newLimit;
    }
}
