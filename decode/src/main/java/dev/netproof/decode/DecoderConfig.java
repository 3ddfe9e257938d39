package dev.netproof.decode;

/**
 * Settings of a {@link PacketDecoder}. Every depth is a bound on work per packet, so that no input
 * makes decoding loop long; reaching one is a counted {@link DecodeError}.
 *
 * @param decapsulate       enter GRE (version 0), VXLAN and IP-in-IP tunnels and report the innermost
 *                          IP header; when false, decoding stops at the outer transport header
 * @param vxlanPort         UDP destination port decoded as VXLAN (IANA 4789)
 * @param maxTunnelDepth    nested encapsulations entered at most, 1..16
 * @param maxVlanTags       stacked 802.1Q / 802.1ad tags per Ethernet header, 1..16
 * @param maxMplsLabels     MPLS labels before the bottom of stack must be seen, 1..64
 * @param maxIpv6ExtHeaders IPv6 extension headers per IPv6 header, 1..32
 */
public record DecoderConfig(boolean decapsulate, int vxlanPort, int maxTunnelDepth, int maxVlanTags,
                            int maxMplsLabels, int maxIpv6ExtHeaders) {

    public static final DecoderConfig DEFAULTS = new DecoderConfig(true, 4789, 4, 4, 8, 8);

    public DecoderConfig {
        check("vxlanPort", vxlanPort, 0, 65535);
        check("maxTunnelDepth", maxTunnelDepth, 1, 16);
        check("maxVlanTags", maxVlanTags, 1, 16);
        check("maxMplsLabels", maxMplsLabels, 1, 64);
        check("maxIpv6ExtHeaders", maxIpv6ExtHeaders, 1, 32);
    }

    public DecoderConfig withDecapsulate(boolean on) {
        return new DecoderConfig(on, vxlanPort, maxTunnelDepth, maxVlanTags, maxMplsLabels, maxIpv6ExtHeaders);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
