package dev.netproof.decode;

/** The pcap {@code LINKTYPE_*} values {@link PacketDecoder} understands (tcpdump.org/linktypes.html). */
public final class LinkTypes {
    /** BSD loopback: 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP; the version comes from the first nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: 4-byte address family, big-endian. */
    public static final int LOOP = 108;
    /** Linux cooked capture v1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    /** Linux cooked capture v2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {}

    public static boolean isSupported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}
