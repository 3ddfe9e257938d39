package dev.netproof.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The TCP health fields, once: their names in JSON and in the filter language ({@code tcp.NAME},
 * {@code tcp.orig.NAME}, {@code tcp.resp.NAME}), their store columns ({@code tcp_COLUMN},
 * {@code tcp_o_COLUMN}, {@code tcp_r_COLUMN}) and how to read them from a {@link TcpHealth}. The store,
 * the query layer and the API all go by these lists, so a field is added in one place.
 */
public final class TcpFields {
    private TcpFields() {}

    /** The value type of a field, as stored. */
    public enum Kind {
        INTEGER, BIGINT, DOUBLE, BOOLEAN
    }

    /**
     * One field. {@code name} may contain a dot ({@code rtt.mean}): it is then nested in JSON.
     * {@code get} returns null for "not seen".
     */
    public record Field<T>(String name, String column, Kind kind, Function<T, Object> get) {
    }

    /** Per-connection fields, in JSON order (the lifecycle and health are stored as codes). */
    public static final List<Field<TcpHealth>> CONNECTION = List.of(
            new Field<>("handshake_rtt_us", "hs_rtt_us", Kind.BIGINT, h -> orNull(h.handshakeRttUs())),
            new Field<>("handshake_ack_us", "hs_ack_us", Kind.BIGINT, h -> orNull(h.handshakeAckUs())),
            new Field<>("initial_rtt_us", "initial_rtt_us", Kind.BIGINT, h -> orNull(h.initialRttUs())),
            new Field<>("ttfb_us", "ttfb_us", Kind.BIGINT, h -> orNull(h.ttfbUs())),
            new Field<>("lifecycle", "lifecycle", Kind.INTEGER, TcpHealth::lifecycle),
            new Field<>("retransmission_rate", "rexmit_rate", Kind.DOUBLE, TcpHealth::retransmissionRate),
            new Field<>("health", "health", Kind.INTEGER, h -> h.health().ordinal()));

    /** Per-direction fields, in JSON order. */
    public static final List<Field<TcpDirection>> DIRECTION = List.of(
            new Field<>("mss", "mss", Kind.INTEGER, d -> d.mss() < 0 ? null : d.mss()),
            new Field<>("window_scale", "wscale", Kind.INTEGER, d -> d.windowScale() < 0 ? null : d.windowScale()),
            new Field<>("sack_permitted", "sack", Kind.BOOLEAN, TcpDirection::sackPermitted),
            new Field<>("timestamps", "ts", Kind.BOOLEAN, TcpDirection::timestamps),
            new Field<>("retransmissions", "rexmit", Kind.BIGINT, TcpDirection::retransmissions),
            new Field<>("fast_retransmissions", "fast_rexmit", Kind.BIGINT, TcpDirection::fastRetransmissions),
            new Field<>("spurious_retransmissions", "spurious_rexmit", Kind.BIGINT, TcpDirection::spuriousRetransmissions),
            new Field<>("out_of_order", "ooo", Kind.BIGINT, TcpDirection::outOfOrder),
            new Field<>("lost_segments", "lost", Kind.BIGINT, TcpDirection::lostSegments),
            new Field<>("dup_acks", "dup_acks", Kind.BIGINT, TcpDirection::dupAcks),
            new Field<>("zero_windows", "zero_win", Kind.BIGINT, TcpDirection::zeroWindows),
            new Field<>("zero_window_probes", "zwp", Kind.BIGINT, TcpDirection::zeroWindowProbes),
            new Field<>("window_full", "win_full", Kind.BIGINT, TcpDirection::windowFull),
            new Field<>("keep_alives", "keep_alive", Kind.BIGINT, TcpDirection::keepAlives),
            new Field<>("ack_unseen", "ack_unseen", Kind.BIGINT, TcpDirection::ackUnseen),
            new Field<>("payload_bytes", "payload", Kind.BIGINT, TcpDirection::payloadBytes),
            new Field<>("goodput_bytes", "goodput", Kind.BIGINT, TcpDirection::goodputBytes),
            new Field<>("retransmitted_bytes", "rexmit_bytes", Kind.BIGINT, TcpDirection::retransmittedBytes),
            new Field<>("avg_window", "avg_win", Kind.DOUBLE, TcpDirection::avgWindow),
            new Field<>("rtt.count", "rtt_n", Kind.BIGINT, d -> d.rtt().count()),
            new Field<>("rtt.min", "rtt_min_us", Kind.BIGINT, d -> d.rtt().count() == 0 ? null : d.rtt().minUs()),
            new Field<>("rtt.max", "rtt_max_us", Kind.BIGINT, d -> d.rtt().count() == 0 ? null : d.rtt().maxUs()),
            new Field<>("rtt.mean", "rtt_mean_us", Kind.DOUBLE, d -> d.rtt().count() == 0 ? null : d.rtt().meanUs()),
            new Field<>("rtt.stddev", "rtt_sd_us", Kind.DOUBLE, d -> d.rtt().count() == 0 ? null : d.rtt().stddevUs()));

    /** Store column of a connection field. */
    public static String column(Field<TcpHealth> f) {
        return "tcp_" + f.column();
    }

    /** Store column of a direction field; {@code orig} true for the originator's. */
    public static String column(Field<TcpDirection> f, boolean orig) {
        return (orig ? "tcp_o_" : "tcp_r_") + f.column();
    }

    /** Every store column with its kind, in store order: connection fields, then orig's, then resp's. */
    public static List<String[]> columns() {
        List<String[]> out = new ArrayList<>();
        for (Field<TcpHealth> f : CONNECTION) out.add(new String[] {column(f), f.kind().name()});
        for (boolean orig : new boolean[] {true, false}) {
            for (Field<TcpDirection> f : DIRECTION) out.add(new String[] {column(f, orig), f.kind().name()});
        }
        return out;
    }

    private static Object orNull(long v) {
        return v < 0 ? null : v;
    }
}
