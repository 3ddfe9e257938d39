package dev.netproof.testkit;

/**
 * The LINKTYPE_* numbers of <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org</a> that
 * tests use, so a test says {@code LinkTypes.ETHERNET} rather than a bare {@code 1}.
 */
public final class LinkTypes {
    /** BSD loopback: 4-byte address family in host order, then the IP packet. */
    public static final int NULL = 0;
    /** IEEE 802.3 Ethernet, the frames {@link Frames#ethernet()} builds. */
    public static final int ETHERNET = 1;
    /** Raw IP, version from the first nibble; the frames {@link Frames#rawIp()} builds. */
    public static final int RAW = 101;
    /** OpenBSD loopback: 4-byte address family in network order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture, version 1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux "cooked" capture, version 2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }
}
