package dev.netproof.core.model;

/** The transport of a flow, named as Zeek's conn.log {@code proto} field names it. */
public enum Transport {
    TCP("tcp"),
    UDP("udp"),
    ICMP("icmp"),
    UNKNOWN("unknown_transport");

    private final String zeekName;

    Transport(String zeekName) {
        this.zeekName = zeekName;
    }

    public String zeekName() {
        return zeekName;
    }

    public static Transport ofIpProto(int ipProto) {
        return switch (ipProto) {
            case 6 -> TCP;
            case 17 -> UDP;
            case 1, 58 -> ICMP;
            default -> UNKNOWN;
        };
    }
}
