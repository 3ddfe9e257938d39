package dev.netproof.packetstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much of each packet the store keeps, by protocol and port: {@code udp/53=full,tcp/443=headers,
 * tcp=256,default=full}. A value is {@code full} (the captured bytes), {@code headers} (up to the end of the
 * transport header; the whole packet when that end is unknown) or a byte count (at least 14). Keys are
 * {@code PROTO/PORT} (matching either port), {@code PROTO} ({@code tcp}, {@code udp}, {@code icmp},
 * {@code icmp6} or a number), {@code default}, and the names {@code dns} (udp/53 and tcp/53), {@code tls}
 * (tcp/443) and {@code http} (tcp/80). The most specific rule wins: port, then protocol, then default.
 * Immutable; {@link #keep} allocates nothing.
 */
public final class SnapRules {
    public static final int FULL = Integer.MAX_VALUE;
    public static final int HEADERS = -1;
    private static final int MIN_BYTES = 14;

    public static final SnapRules ALL = new SnapRules(new int[0], new int[0], new int[0], new int[0], new int[0], FULL, "default=full");

    private final int[] portProto, port, portKeep;
    private final int[] proto, protoKeep;
    private final int fallback;
    private final String text;

    private SnapRules(int[] portProto, int[] port, int[] portKeep, int[] proto, int[] protoKeep, int fallback, String text) {
        this.portProto = portProto;
        this.port = port;
        this.portKeep = portKeep;
        this.proto = proto;
        this.protoKeep = protoKeep;
        this.fallback = fallback;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the part that is not a rule */
    public static SnapRules parse(String text) {
        if (text == null || text.isBlank()) return ALL;
        List<int[]> ports = new ArrayList<>();
        List<int[]> protos = new ArrayList<>();
        int fallback = FULL;
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("snap rule '" + part.trim() + "' is not KEY=VALUE (e.g. udp/53=full, tcp/443=headers, default=full)");
            String key = p.substring(0, eq).trim();
            int keep = value(p.substring(eq + 1).trim(), part.trim());
            switch (key) {
                case "default" -> fallback = keep;
                case "dns" -> {
                    ports.add(new int[] {17, 53, keep});
                    ports.add(new int[] {6, 53, keep});
                }
                case "tls" -> ports.add(new int[] {6, 443, keep});
                case "http" -> ports.add(new int[] {6, 80, keep});
                default -> {
                    int slash = key.indexOf('/');
                    if (slash < 0) {
                        protos.add(new int[] {protocol(key, part.trim()), keep});
                    } else {
                        int port;
                        try {
                            port = Integer.parseInt(key.substring(slash + 1));
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port < 0 || port > 65535) throw new IllegalArgumentException("snap rule '" + part.trim() + "': port must be 0 to 65535");
                        ports.add(new int[] {protocol(key.substring(0, slash), part.trim()), port, keep});
                    }
                }
            }
        }
        return new SnapRules(column(ports, 0), column(ports, 1), column(ports, 2), column(protos, 0), column(protos, 1),
                fallback, text.trim());
    }

    private static int[] column(List<int[]> rows, int i) {
        int[] out = new int[rows.size()];
        for (int r = 0; r < out.length; r++) out[r] = rows.get(r)[i];
        return out;
    }

    private static int protocol(String name, String rule) {
        return switch (name) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmp6", "icmpv6" -> 58;
            case "sctp" -> 132;
            default -> {
                try {
                    int n = Integer.parseInt(name);
                    if (n >= 0 && n <= 255) yield n;
                } catch (NumberFormatException e) {
                    // fall through to the error
                }
                throw new IllegalArgumentException("snap rule '" + rule + "': '" + name
                        + "' is not a protocol (tcp, udp, icmp, icmp6, sctp or 0-255) nor dns, tls, http, default");
            }
        };
    }

    private static int value(String v, String rule) {
        if (v.equals("full")) return FULL;
        if (v.equals("headers")) return HEADERS;
        try {
            int n = Integer.parseInt(v);
            if (n >= MIN_BYTES) return n;
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new IllegalArgumentException("snap rule '" + rule + "': value must be full, headers or a byte count of at least " + MIN_BYTES);
    }

    /** True when every packet is kept whole (nothing to look up per packet). */
    public boolean keepsAll() {
        return fallback == FULL && portKeep.length == 0 && protoKeep.length == 0;
    }

    /** Bytes of a packet of {@code capLen} captured bytes to store (at most {@code capLen}). */
    public int keep(PacketFacts f, int capLen) {
        int rule = fallback;
        boolean found = false;
        if (f.ip) {
            for (int i = 0; i < port.length; i++) {
                if (portProto[i] == f.proto && (port[i] == f.srcPort || port[i] == f.dstPort)) {
                    rule = portKeep[i];
                    found = true;
                    break;
                }
            }
            if (!found) {
                for (int i = 0; i < proto.length; i++) {
                    if (proto[i] == f.proto) {
                        rule = protoKeep[i];
                        break;
                    }
                }
            }
        }
        if (rule == FULL) return capLen;
        if (rule == HEADERS) return f.headersLen > 0 ? Math.min(capLen, f.headersLen) : capLen;
        return Math.min(capLen, rule);
    }

    @Override
    public String toString() {
        return text;
    }
}
