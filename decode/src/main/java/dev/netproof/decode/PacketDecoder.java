package dev.netproof.decode;

import dev.netproof.decode.ethernet.Ethernet;
import dev.netproof.decode.ethernet.Mpls;
import dev.netproof.decode.ethernet.Pppoe;
import dev.netproof.decode.ethernet.Vlan;
import dev.netproof.decode.icmp.Icmp;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;
import dev.netproof.decode.ip.IpLayer;
import dev.netproof.decode.ip.Ipv4;
import dev.netproof.decode.ip.Ipv6;
import dev.netproof.decode.link.LinuxCooked;
import dev.netproof.decode.link.Loopback;
import dev.netproof.decode.link.RawIp;
import dev.netproof.decode.tcp.Tcp;
import dev.netproof.decode.tunnel.Gre;
import dev.netproof.decode.tunnel.IpInIp;
import dev.netproof.decode.tunnel.Vxlan;
import dev.netproof.decode.udp.Udp;
import java.lang.foreign.MemorySegment;

/**
 * Decodes the L2-L4 headers of one captured packet into a reused {@link DecodedPacket}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Reads only {@code data[offset, offset + capLen)}, and only what the headers lead to; never
 *       copies. The payload stays in {@code data} at {@code offset + out.payloadOffset}.</li>
 *   <li>Never throws on packet bytes, whatever they are; bad input is a {@link DecodeError} in
 *       {@code out.error}, a short capture is {@code out.truncated} (see {@link DecodedPacket}).
 *       Arguments outside {@code data} give {@link DecodeError#BAD_BOUNDS}.</li>
 *   <li>Allocates nothing per packet; work per packet is bounded by the depths in
 *       {@link DecoderConfig}.</li>
 *   <li>Not thread-safe: it holds one cursor. Use one decoder per thread.</li>
 * </ul>
 *
 * <p>Each layer is a static method in its protocol's package that decodes one header at the
 * cursor and returns a {@link Next} code; this class only loops over those codes, after trying the straight path
 * for the commonest packet (untagged Ethernet, plain IPv4, TCP or UDP), which those protocols' classes also decode.
 */
public final class PacketDecoder {
    /**
     * A safety net, not a limit that input can reach: each path through the layers is already
     * bounded by the configured depths (an Ethernet header is re-entered only through a tunnel).
     */
    static final int MAX_STEPS = 256;

    private final Cursor cursor;
    /** The VXLAN port when decapsulating, else -1: UDP to it is not a {@link #plainEthernetIpv4 plain} packet. */
    private final int vxlanPort;
    /** False only in tests that compare the plain path with the general one. */
    private final boolean plainPath;

    public PacketDecoder() {
        this(DecoderConfig.DEFAULTS);
    }

    public PacketDecoder(DecoderConfig config) {
        this(config, true);
    }

    PacketDecoder(DecoderConfig config, boolean plainPath) {
        this.cursor = new Cursor(config.decapsulate(), config.vxlanPort(), config.maxTunnelDepth(),
                config.maxVlanTags(), config.maxMplsLabels(), config.maxIpv6ExtHeaders());
        this.vxlanPort = config.decapsulate() ? config.vxlanPort() : -1;
        this.plainPath = plainPath;
    }

    /**
     * @param data     bytes holding the packet (a mapped file, a ring buffer slot...)
     * @param offset   the packet's first byte in {@code data}
     * @param capLen   bytes captured
     * @param wireLen  length of the packet on the wire (a value below {@code capLen} is taken as {@code capLen})
     * @param tsNanos  capture time, nanoseconds since the epoch, copied to {@code out}
     * @param linkType LINKTYPE_* of the packet, see {@link LinkTypes}
     * @param out      reset, then filled
     */
    public void decode(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType,
                       DecodedPacket out) {
        out.reset();
        out.tsNanos = tsNanos;
        out.wireLen = wireLen;
        out.capLen = capLen;
        long size = data.byteSize();
        if (offset < 0 || capLen < 0 || offset > size - capLen) {
            Status.error(out, DecodeError.BAD_BOUNDS);
            return;
        }
        if (linkType == LinkTypes.ETHERNET && plainPath
                && plainEthernetIpv4(data, offset, offset + capLen, offset + Math.max(capLen, wireLen), out)) {
            return;
        }
        Cursor c = cursor;
        c.start(data, offset, offset + capLen, offset + Math.max(capLen, wireLen));
        int next = switch (linkType) {
            case LinkTypes.ETHERNET -> Next.ETHERNET;
            case LinkTypes.RAW -> RawIp.decode(c, out);
            case LinkTypes.IPV4 -> Next.IPV4;
            case LinkTypes.IPV6 -> Next.IPV6;
            case LinkTypes.LINUX_SLL -> LinuxCooked.decodeV1(c, out);
            case LinkTypes.LINUX_SLL2 -> LinuxCooked.decodeV2(c, out);
            case LinkTypes.NULL -> Loopback.decode(c, out, false);
            case LinkTypes.LOOP -> Loopback.decode(c, out, true);
            default -> Status.fail(out, DecodeError.UNSUPPORTED_LINKTYPE);
        };
        for (int step = 0; next != Next.DONE; step++) {
            if (step == MAX_STEPS) {
                Status.error(out, DecodeError.TUNNEL_DEPTH);
                return;
            }
            next = step(next, c, out);
        }
    }

    /**
     * Most packets are untagged Ethernet, IPv4 without options or fragmentation, then a whole TCP or UDP header.
     * This decodes exactly those, straight through, to the same fields as the layer loop; for anything else it
     * returns false having written nothing, and the loop decodes the packet. It saves the loop's dispatch and the
     * cursor's bookkeeping: 4% of the packet path's CPU time on the bench capture (PacketPathAB, BENCHMARKS.md).
     * {@code PlainPathTest} holds it to the loop's results.
     */
    boolean plainEthernetIpv4(MemorySegment s, long base, long capEnd, long frameLimit, DecodedPacket out) {
        long ip = base + Ethernet.HEADER_LEN;
        if (capEnd < ip + Ipv4.MIN_HEADER + Udp.HEADER_LEN || Bytes.u16(s, base + 12) != Next.ETHERTYPE_IPV4) return false;
        long ipEnd = Ipv4.plainEnd(s, ip, frameLimit);
        if (ipEnd < 0) return false;
        long l4 = ip + Ipv4.MIN_HEADER;
        long end = Math.min(capEnd, ipEnd);
        boolean whole = switch (Bytes.u8(s, ip + 9)) {
            case 6 -> Tcp.decodeWhole(s, l4, end, ipEnd, base, out);
            case 17 -> Udp.decodeWhole(s, l4, end, ipEnd, base, vxlanPort, out);
            default -> false;
        };
        if (!whole) return false;
        out.etherType = Next.ETHERTYPE_IPV4;
        Ipv4.fillFixed(s, ip, (int) (ipEnd - ip), out);
        return true;
    }

    private static int step(int next, Cursor c, DecodedPacket out) {
        return switch (next) {
            case Next.ETHERNET -> Ethernet.decode(c, out);
            case Next.VLAN -> Vlan.decode(c, out);
            case Next.MPLS -> Mpls.decode(c, out);
            case Next.PPPOE -> Pppoe.decode(c, out);
            case Next.IPV4 -> Ipv4.decode(c, out);
            case Next.IPV6 -> Ipv6.decode(c, out);
            case Next.TCP -> Tcp.decode(c, out);
            case Next.UDP -> Udp.decode(c, out);
            case Next.ICMP -> Icmp.decode(c, out);
            case Next.GRE -> Gre.decode(c, out);
            case Next.VXLAN -> Vxlan.decode(c, out);
            case Next.IP_IN_IP -> IpInIp.decode(c, out);
            case Next.OTHER_L4 -> IpLayer.opaque(c, out);
            default -> throw new AssertionError("unknown step " + next);
        };
    }
}
