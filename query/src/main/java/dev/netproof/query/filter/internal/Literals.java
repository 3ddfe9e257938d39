package dev.netproof.query.filter.internal;

import dev.netproof.core.model.IpAddress;
import dev.netproof.query.filter.Field;
import dev.netproof.query.filter.FilterException;
import dev.netproof.query.filter.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns a value token into a {@link Value} of its field's type, or a positioned error. */
public final class Literals {
    private Literals() {}

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern EPOCH = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final BigDecimal NANOS_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal NANOS_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /**
     * The value of {@code t} for {@code field}. CIDR blocks are accepted only where {@code blocks} is
     * true ({@code ==}, {@code !=}, {@code in}).
     */
    static Value of(Field field, Token t, boolean blocks) {
        String s = t.text();
        return switch (field.type()) {
            case STRING -> new Value.Text(s);
            case INTEGER -> integer(field, t, s);
            case FLOAT -> decimal(field, t, s);
            case TIME -> time(field, t, s);
            case ADDRESS -> address(field, t, s.trim(), blocks);
        };
    }

    private static Value integer(Field field, Token t, String s) {
        if (!INTEGER.matcher(s).matches()) throw expected(field, t);
        try {
            return new Value.Int(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new FilterException(t.pos(), "integer " + t.describe() + " out of range for '" + field.name() + "'");
        }
    }

    private static Value decimal(Field field, Token t, String s) {
        if (!DECIMAL.matcher(s).matches()) throw expected(field, t);
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
            throw new FilterException(t.pos(), "number " + t.describe() + " out of range for '" + field.name() + "'");
        }
        return new Value.Real(d);
    }

    /**
     * Nanoseconds since the epoch of a time literal, for callers outside filters (e.g. {@code --from}).
     *
     * @throws FilterException naming the text when it is not a time
     */
    public static long timeNanos(String text) {
        Field ts = Field.of("ts", dev.netproof.query.filter.FieldType.TIME, "ts_ns");
        return ((Value.Time) time(ts, new Token(Token.Kind.STRING, text, text, 1), text)).nanos();
    }

    /** RFC 3339 ({@code 2011-03-18T19:06:08.5Z}, offset optional: UTC), a date (UTC midnight) or epoch seconds. */
    private static Value time(Field field, Token t, String s) {
        if (EPOCH.matcher(s).matches()) {
            BigDecimal ns = new BigDecimal(s).movePointRight(9).setScale(0, RoundingMode.FLOOR);
            if (ns.compareTo(NANOS_MIN) < 0 || ns.compareTo(NANOS_MAX) > 0) {
                throw new FilterException(t.pos(), "time " + t.describe() + " out of range for '" + field.name() + "'");
            }
            return new Value.Time(ns.longValueExact());
        }
        String iso = s.trim().toUpperCase(Locale.ROOT).replace(' ', 'T');
        try {
            Instant at;
            if (DATE.matcher(iso).matches()) {
                at = LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else if (iso.endsWith("Z") || iso.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                at = OffsetDateTime.parse(iso).toInstant();
            } else {
                at = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
            return new Value.Time(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano()));
        } catch (DateTimeException | ArithmeticException e) {
            throw expected(field, t);
        }
    }

    private static Value address(Field field, Token t, String s, boolean blocks) {
        int slash = s.indexOf('/');
        try {
            if (slash < 0) return new Value.Addr(IpAddress.parse(s));
            if (!blocks) {
                throw new FilterException(t.pos(), "a CIDR block needs ==, != or in, not an ordering, for '"
                        + field.name() + "'");
            }
            String addr = s.substring(0, slash);
            String len = s.substring(slash + 1);
            boolean v4 = addr.indexOf(':') < 0;
            int max = v4 ? 32 : 128;
            if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
                throw new FilterException(t.pos(), "bad prefix length in " + t.describe() + ": expected 0 to " + max
                        + (v4 ? " for IPv4" : " for IPv6"));
            }
            int prefix = Integer.parseInt(len) + (v4 ? 96 : 0);
            return Value.Block.of(IpAddress.parse(addr), prefix);
        } catch (FilterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw expected(field, t);
        }
    }

    static FilterException expected(Field field, Token t) {
        return new FilterException(t.pos(), "expected " + field.type().expected() + " for '" + field.name()
                + "', got " + t.describe());
    }
}
