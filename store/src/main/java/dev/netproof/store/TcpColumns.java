package dev.netproof.store;

import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpFields;
import dev.netproof.core.model.TcpHealth;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * How a flow's TCP health is stored in {@code tcp_rows}, and how the {@code flows} view gives every
 * {@link TcpFields} column back.
 *
 * <p>Why not one column per field: DuckDB's appender costs 100-200 ns a value, NULLs included, and
 * the 55 fields made storing a flow three times slower. So the rarely non-zero event counters of
 * both directions go into one array, {@code tcp_events} (NULL when all are zero, which is most
 * connections), the SYN options of a side into one integer, the RTT minimum and maximum into one
 * number; the view unpacks them. 22 stored values instead of 55.
 *
 * <pre>
 *  tcp_hs_rtt_us, tcp_hs_ack_us, tcp_initial_rtt_us, tcp_ttfb_us   BIGINT, NULL when not seen
 *  tcp_lifecycle INTEGER, tcp_health TINYINT, tcp_rexmit_rate DOUBLE
 *  per side (tcp_o_, tcp_r_): opts INTEGER (MSS bits 0-15, shift 16-19, shift seen 20, SACK 21, timestamps 22),
 *                             payload BIGINT, avg_win DOUBLE, rtt_n BIGINT, rtt_minmax BIGINT (min << 32 | max),
 *                             rtt_mean_us DOUBLE, rtt_sd_us DOUBLE (NULL without samples)
 *  tcp_events BIGINT[24]: the orig side's 11 event counts in TcpFields order, the resp side's, then
 *                         retransmitted bytes orig, resp; NULL when all are zero
 * </pre>
 */
final class TcpColumns {
    private TcpColumns() {}

    /** The direction fields kept in {@code tcp_events}, in order. */
    static final List<String> EVENTS = List.of("rexmit", "fast_rexmit", "spurious_rexmit", "ooo", "lost", "dup_acks",
            "zero_win", "zwp", "win_full", "keep_alive", "ack_unseen");
    static final int EVENT_SLOTS = EVENTS.size() * 2 + 2;

    /** Physical columns, in append order, with their types. */
    static final Map<String, String> PHYSICAL = physical();

    private static Map<String, String> physical() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tcp_hs_rtt_us", "BIGINT");
        m.put("tcp_hs_ack_us", "BIGINT");
        m.put("tcp_initial_rtt_us", "BIGINT");
        m.put("tcp_ttfb_us", "BIGINT");
        m.put("tcp_lifecycle", "INTEGER");
        m.put("tcp_health", "TINYINT");
        m.put("tcp_rexmit_rate", "DOUBLE");
        for (String p : new String[] {"tcp_o_", "tcp_r_"}) {
            m.put(p + "opts", "INTEGER");
            m.put(p + "payload", "BIGINT");
            m.put(p + "avg_win", "DOUBLE");
            m.put(p + "rtt_n", "BIGINT");
            m.put(p + "rtt_minmax", "BIGINT");
            m.put(p + "rtt_mean_us", "DOUBLE");
            m.put(p + "rtt_sd_us", "DOUBLE");
        }
        m.put("tcp_events", "BIGINT[" + EVENT_SLOTS + "]");
        return m;
    }

    static String ddl() {
        List<String> out = new ArrayList<>();
        PHYSICAL.forEach((k, v) -> out.add(k + " " + v));
        return String.join(", ", out);
    }

    /**
     * The view's select list: every {@link TcpFields} column (as {@code TcpFields.column} names it),
     * computed from the physical ones of table alias {@code t} ({@code tcp_rows}, left-joined).
     */
    static String viewColumns() {
        List<String> out = new ArrayList<>();
        for (TcpFields.Field<TcpHealth> f : TcpFields.CONNECTION) {
            String col = TcpFields.column(f);
            out.add("t." + col + " AS " + col);
        }
        for (boolean orig : new boolean[] {true, false}) {
            String p = orig ? "t.tcp_o_" : "t.tcp_r_";
            int base = orig ? 0 : EVENTS.size();
            for (TcpFields.Field<TcpDirection> f : TcpFields.DIRECTION) {
                String name = TcpFields.column(f, orig);
                int event = EVENTS.indexOf(f.column());
                String expr = switch (f.column()) {
                    case "mss" -> "nullif(" + p + "opts & 65535, 0)";
                    case "wscale" -> "CASE WHEN (" + p + "opts >> 20) & 1 = 1 THEN (" + p + "opts >> 16) & 15 END";
                    case "sack" -> "((" + p + "opts >> 21) & 1) = 1";
                    case "ts" -> "((" + p + "opts >> 22) & 1) = 1";
                    case "payload" -> p + "payload";
                    case "goodput" -> p + "payload - " + events("t", 2 * EVENTS.size() + (orig ? 1 : 2), p);
                    case "rexmit_bytes" -> events("t", 2 * EVENTS.size() + (orig ? 1 : 2), p);
                    case "avg_win" -> p + "avg_win";
                    case "rtt_n" -> p + "rtt_n";
                    case "rtt_min_us" -> "CASE WHEN " + p + "rtt_n > 0 THEN " + p + "rtt_minmax >> 32 END";
                    case "rtt_max_us" -> "CASE WHEN " + p + "rtt_n > 0 THEN " + p + "rtt_minmax & 4294967295 END";
                    case "rtt_mean_us" -> p + "rtt_mean_us";
                    case "rtt_sd_us" -> p + "rtt_sd_us";
                    default -> {
                        if (event < 0) throw new IllegalStateException("no storage for TCP field " + f.name());
                        yield events("t", base + event + 1, p);
                    }
                };
                out.add(expr + " AS " + name);
            }
        }
        return String.join(", ", out);
    }

    /** Slot {@code i} (1-based) of {@code tcp_events}: 0 for a TCP row without events, NULL for others. */
    private static String events(String alias, int i, String sidePrefix) {
        return "CASE WHEN " + sidePrefix + "payload IS NULL THEN NULL ELSE coalesce(" + alias + ".tcp_events[" + i + "], 0) END";
    }

    private static final int PHYSICAL_COUNT = PHYSICAL.size();

    /** Appends the physical TCP columns of one row (all NULL for {@code h == null}). */
    static void append(DuckDBAppender a, TcpHealth h, long[] scratch) throws SQLException {
        if (h == null) {
            for (int i = 0; i < PHYSICAL_COUNT; i++) a.appendNull();
            return;
        }
        nullable(a, h.handshakeRttUs());
        nullable(a, h.handshakeAckUs());
        nullable(a, h.initialRttUs());
        nullable(a, h.ttfbUs());
        a.append(h.lifecycle());
        a.append((byte) h.health().ordinal());
        a.append(h.retransmissionRate());
        boolean anyEvent = false;
        int side = 0;
        for (TcpDirection d : new TcpDirection[] {h.orig(), h.resp()}) {
            int opts = (d.mss() > 0 ? d.mss() & 0xffff : 0)
                    | (d.windowScale() >= 0 ? (d.windowScale() & 0xf) << 16 | 1 << 20 : 0)
                    | (d.sackPermitted() ? 1 << 21 : 0) | (d.timestamps() ? 1 << 22 : 0);
            a.append(opts);
            a.append(d.payloadBytes());
            a.append(d.avgWindow());
            TcpDirection.Rtt r = d.rtt();
            a.append(r.count());
            a.append(r.count() == 0 ? 0L : Math.min(r.minUs(), 0x7fff_ffffL) << 32 | Math.min(r.maxUs(), 0xffff_ffffL));
            if (r.count() == 0) {
                a.appendNull();
                a.appendNull();
            } else {
                a.append(r.meanUs());
                a.append(r.stddevUs());
            }
            int base = side * EVENTS.size();
            long[] v = {d.retransmissions(), d.fastRetransmissions(), d.spuriousRetransmissions(), d.outOfOrder(),
                    d.lostSegments(), d.dupAcks(), d.zeroWindows(), d.zeroWindowProbes(), d.windowFull(), d.keepAlives(),
                    d.ackUnseen()};
            for (int i = 0; i < v.length; i++) {
                scratch[base + i] = v[i];
                anyEvent |= v[i] != 0;
            }
            scratch[2 * EVENTS.size() + side] = d.retransmittedBytes();
            anyEvent |= d.retransmittedBytes() != 0;
            side++;
        }
        if (anyEvent) a.append(scratch); else a.appendNull();
    }

    private static void nullable(DuckDBAppender a, long v) throws SQLException {
        if (v < 0) a.appendNull(); else a.append(v);
    }
}
