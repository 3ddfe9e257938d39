package dev.netproof.source.flow.ipfix.internal;

/**
 * Field kinds: what the record reader does with an information element. A template is compiled into
 * one kind per field ({@link #kind}); a field whose length does not suit its kind becomes
 * {@link #EXTRA} (or {@link #SKIP} in options templates), decided once per template, never per record.
 * Element numbers are IANA's (RFC 7012 registry), which NetFlow v9 shares for 1-127 and mostly beyond.
 */
final class Fields {
    static final int SKIP = 0, EXTRA = 1,
            SRC_ADDR = 2, DST_ADDR = 3, NEXT_HOP = 4, BGP_NEXT_HOP = 5,
            SRC_PORT = 6, DST_PORT = 7, PROTO = 8, TOS = 9, TCP_FLAGS = 10,
            BYTES = 11, BYTES_ALT = 12, PACKETS = 13, PACKETS_ALT = 14,
            IN_IF = 15, OUT_IF = 16, VLAN = 17, VLAN_ALT = 18, DIRECTION = 19,
            SRC_AS = 20, DST_AS = 21, SRC_MASK = 22, DST_MASK = 23, MPLS = 24,
            ICMP_TYPE_CODE = 25, ICMP_TYPE = 26, ICMP_CODE = 27,
            START_UPTIME = 28, END_UPTIME = 29, START_SEC = 30, END_SEC = 31, START_MS = 32, END_MS = 33,
            START_US = 34, END_US = 35, START_NS = 36, END_NS = 37, START_DELTA = 38, END_DELTA = 39,
            SYS_INIT = 40, SAMPLING_INTERVAL = 41, SAMPLER_ID = 42, PACKET_INTERVAL = 43, PACKET_SPACE = 44,
            END_REASON = 45, IP_VERSION = 46;

    /** The IPFIX length that announces a variable-length field. */
    static final int VARIABLE = 65535;

    private Fields() {
    }

    /** The kind of IANA element {@code id} (enterprise 0); {@link #EXTRA} when no column holds it. */
    static int kind(int id) {
        return switch (id) {
            case 8, 27 -> SRC_ADDR;
            case 12, 28 -> DST_ADDR;
            case 15, 62 -> NEXT_HOP;
            case 18, 63 -> BGP_NEXT_HOP;
            case 7 -> SRC_PORT;
            case 11 -> DST_PORT;
            case 4 -> PROTO;
            case 5 -> TOS;
            case 6 -> TCP_FLAGS;
            case 1 -> BYTES;
            case 23, 85 -> BYTES_ALT;
            case 2 -> PACKETS;
            case 24, 86 -> PACKETS_ALT;
            case 10 -> IN_IF;
            case 14 -> OUT_IF;
            case 58, 243 -> VLAN;
            case 59 -> VLAN_ALT;
            case 61 -> DIRECTION;
            case 16 -> SRC_AS;
            case 17 -> DST_AS;
            case 9, 29 -> SRC_MASK;
            case 13, 30 -> DST_MASK;
            case 70, 71, 72, 73, 74, 75, 76, 77, 78, 79 -> MPLS;
            case 32, 139 -> ICMP_TYPE_CODE;
            case 176, 178 -> ICMP_TYPE;
            case 177, 179 -> ICMP_CODE;
            case 22 -> START_UPTIME;
            case 21 -> END_UPTIME;
            case 150 -> START_SEC;
            case 151 -> END_SEC;
            case 152 -> START_MS;
            case 153 -> END_MS;
            case 154 -> START_US;
            case 155 -> END_US;
            case 156 -> START_NS;
            case 157 -> END_NS;
            case 158 -> START_DELTA;
            case 159 -> END_DELTA;
            case 160 -> SYS_INIT;
            case 34, 50 -> SAMPLING_INTERVAL;
            case 48, 302 -> SAMPLER_ID;
            case 305 -> PACKET_INTERVAL;
            case 306 -> PACKET_SPACE;
            case 136 -> END_REASON;
            case 60 -> IP_VERSION;
            default -> EXTRA;
        };
    }

    /** True when a field of {@code kind} may be {@code len} bytes long (never for variable length). */
    static boolean lengthFits(int kind, int len) {
        if (kind == EXTRA || kind == SKIP) return true;
        if (len == VARIABLE) return false;
        return switch (kind) {
            case SRC_ADDR, DST_ADDR, NEXT_HOP, BGP_NEXT_HOP -> len == 4 || len == 16;
            case SRC_PORT, DST_PORT, ICMP_TYPE_CODE, VLAN, VLAN_ALT -> len >= 1 && len <= 2;
            case PROTO, TOS, DIRECTION, SRC_MASK, DST_MASK, ICMP_TYPE, ICMP_CODE, END_REASON, IP_VERSION -> len == 1;
            case TCP_FLAGS -> len >= 1 && len <= 2;
            case MPLS -> len == 3;
            case START_US, END_US, START_NS, END_NS -> len == 8;
            case START_UPTIME, END_UPTIME, START_DELTA, END_DELTA, SRC_AS, DST_AS, IN_IF, OUT_IF -> len >= 1 && len <= 4;
            default -> len >= 1 && len <= 8;
        };
    }
}
