package dev.netproof.query;

import java.util.Arrays;
import java.util.Locale;

/** What a top-N ranks by. Bytes are IP bytes both ways ({@code orig_ip_bytes + resp_ip_bytes}). */
public enum Metric {
    BYTES("bytes", "(orig_ip_bytes + resp_ip_bytes)"),
    PACKETS("packets", "(orig_pkts + resp_pkts)"),
    FLOWS("flows", "1");

    private final String label;
    private final String perFlowSql;

    Metric(String label, String perFlowSql) {
        this.label = label;
        this.perFlowSql = perFlowSql;
    }

    /** The name in answers and on the command line. */
    public String label() {
        return label;
    }

    /** Trusted SQL of one flow's contribution, summed per group. */
    String perFlowSql() {
        return perFlowSql;
    }

    /** {@code bytes}, {@code packets} (or {@code pkts}) or {@code flows}, any case. */
    public static Metric parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (k.equals("pkts")) return PACKETS;
        for (Metric m : values()) {
            if (m.label.equals(k)) return m;
        }
        throw new QueryException("top: unknown metric '" + s + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(Metric::label).toList()));
    }
}
