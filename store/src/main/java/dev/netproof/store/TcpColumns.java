package dev.netproof.store;

import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpFields;
import dev.netproof.core.model.TcpHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.netproof.store.internal.TableFeed;
import java.util.function.Function;
import org.duckdb.DuckDBColumnType;

/**
 * How a flow's TCP health is stored in {@code tcp_rows}, and how the {@code flows} view gives every
 * {@link TcpFields} column back.
 *
 * <p>Why not one column per field: DuckDB charges for every value stored, NULLs included, and the
 * 55 fields made storing a flow three times slower (with its appender, 100-200 ns a value). So the rarely non-zero event counters of
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

    /**
     * The feed columns of {@code tcp_rows}' physical TCP part, in {@link #PHYSICAL} order, reading
     * each row's health through {@code health}. {@code tcp_events} goes over as text ("[1, 0, ...]",
     * NULL when all are zero) and is cast by {@link #SELECT_EVENTS}: the feed writes scalars only.
     */
    static <T> List<TableFeed.Column<T>> feedColumns(Function<T, TcpHealth> health) {
        List<TableFeed.Column<T>> out = new ArrayList<>();
        out.add(TableFeed.bigintOrNull("tcp_hs_rtt_us", r -> health.apply(r).handshakeRttUs()));
        out.add(TableFeed.bigintOrNull("tcp_hs_ack_us", r -> health.apply(r).handshakeAckUs()));
        out.add(TableFeed.bigintOrNull("tcp_initial_rtt_us", r -> health.apply(r).initialRttUs()));
        out.add(TableFeed.bigintOrNull("tcp_ttfb_us", r -> health.apply(r).ttfbUs()));
        out.add(TableFeed.integer("tcp_lifecycle", r -> health.apply(r).lifecycle()));
        out.add(TableFeed.tinyint("tcp_health", r -> health.apply(r).health().ordinal()));
        out.add(TableFeed.dbl("tcp_rexmit_rate", r -> health.apply(r).retransmissionRate()));
        for (boolean orig : new boolean[] {true, false}) {
            String p = orig ? "tcp_o_" : "tcp_r_";
            Function<T, TcpDirection> side = orig ? r -> health.apply(r).orig() : r -> health.apply(r).resp();
            out.add(TableFeed.integer(p + "opts", r -> options(side.apply(r))));
            out.add(TableFeed.bigint(p + "payload", r -> side.apply(r).payloadBytes()));
            out.add(TableFeed.dbl(p + "avg_win", r -> side.apply(r).avgWindow()));
            out.add(TableFeed.bigint(p + "rtt_n", r -> side.apply(r).rtt().count()));
            out.add(TableFeed.bigint(p + "rtt_minmax", r -> minMax(side.apply(r).rtt())));
            out.add(new TableFeed.Column<>(p + "rtt_mean_us", DuckDBColumnType.DOUBLE, (v, i, r) -> {
                TcpDirection.Rtt rtt = side.apply(r).rtt();
                if (rtt.count() == 0) v.setNull(i); else v.setDouble(i, rtt.meanUs());
            }));
            out.add(new TableFeed.Column<>(p + "rtt_sd_us", DuckDBColumnType.DOUBLE, (v, i, r) -> {
                TcpDirection.Rtt rtt = side.apply(r).rtt();
                if (rtt.count() == 0) v.setNull(i); else v.setDouble(i, rtt.stddevUs());
            }));
        }
        out.add(TableFeed.varchar("tcp_events", r -> eventsText(health.apply(r))));
        if (!out.stream().map(TableFeed.Column::name).toList().equals(List.copyOf(PHYSICAL.keySet()))) {
            throw new IllegalStateException("tcp_rows feed columns differ from the table's: " + PHYSICAL.keySet());
        }
        return out;
    }

    /** The feed's select list for {@link #PHYSICAL}: the events text cast to the array. */
    static final String SELECT_EVENTS = String.join(", ", PHYSICAL.keySet())
            .replace("tcp_events", "tcp_events::" + PHYSICAL.get("tcp_events") + " AS tcp_events");

    private static int options(TcpDirection d) {
        return (d.mss() > 0 ? d.mss() & 0xffff : 0)
                | (d.windowScale() >= 0 ? (d.windowScale() & 0xf) << 16 | 1 << 20 : 0)
                | (d.sackPermitted() ? 1 << 21 : 0) | (d.timestamps() ? 1 << 22 : 0);
    }

    private static long minMax(TcpDirection.Rtt r) {
        return r.count() == 0 ? 0L : Math.min(r.minUs(), 0x7fff_ffffL) << 32 | Math.min(r.maxUs(), 0xffff_ffffL);
    }

    /** {@code tcp_events} as DuckDB list text, or null when every slot is zero (most connections). */
    static String eventsText(TcpHealth h) {
        long[] v = new long[EVENT_SLOTS];
        boolean any = false;
        int side = 0;
        for (TcpDirection d : new TcpDirection[] {h.orig(), h.resp()}) {
            long[] e = {d.retransmissions(), d.fastRetransmissions(), d.spuriousRetransmissions(), d.outOfOrder(),
                    d.lostSegments(), d.dupAcks(), d.zeroWindows(), d.zeroWindowProbes(), d.windowFull(), d.keepAlives(),
                    d.ackUnseen()};
            System.arraycopy(e, 0, v, side * EVENTS.size(), e.length);
            v[2 * EVENTS.size() + side] = d.retransmittedBytes();
            side++;
        }
        for (long x : v) any |= x != 0;
        if (!any) return null;
        StringBuilder sb = new StringBuilder(2 + 3 * EVENT_SLOTS).append('[');
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(v[i]);
        return sb.append(']').toString();
    }
}
