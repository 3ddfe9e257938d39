package dev.netproof.query.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A small JSON writer for answers: maps (in their iteration order), lists and arrays, strings,
 * numbers, booleans, null, enums (by name) and records (components in declaration order). Strings
 * are escaped per RFC 8259, plus U+2028/U+2029 so the output is also safe inside JavaScript.
 * Non-finite doubles are written as null. Doubles are written without exponent where that is exact
 * and short ({@code 1300475168.892936}, not {@code 1.300475168892936E9}). Stateless.
 */
public final class Json {
    private Json() {}

    /** {@code value} as one line of JSON. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        try {
            write(sb, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public static void write(Appendable out, Object v) throws IOException {
        switch (v) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Character ch -> string(out, ch.toString());
            case Boolean b -> out.append(b.toString());
            case Double d -> number(out, d);
            case Float f -> number(out, f.doubleValue());
            case Number n -> out.append(n.toString());
            case Enum<?> e -> string(out, e.name());
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case Iterable<?> it -> {
                out.append('[');
                boolean first = true;
                for (Object o : it) {
                    if (!first) out.append(',');
                    first = false;
                    write(out, o);
                }
                out.append(']');
            }
            case Object[] arr -> write(out, java.util.Arrays.asList(arr));
            case Record r -> record(out, r);
            default -> string(out, v.toString());
        }
    }

    private static void record(Appendable out, Record r) throws IOException {
        out.append('{');
        boolean first = true;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (!first) out.append(',');
            first = false;
            string(out, c.getName());
            out.append(':');
            try {
                write(out, c.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
            }
        }
        out.append('}');
    }

    private static void number(Appendable out, double d) throws IOException {
        if (!Double.isFinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append(Long.toString((long) d)).append(".0");
        } else if (Math.abs(d) >= 1e-6 && Math.abs(d) < 1e16) {
            out.append(BigDecimal.valueOf(d).toPlainString());
        } else {
            out.append(Double.toString(d));
        }
    }

    /**
     * Appends {@code s} quoted and escaped. Characters that need no escape go out in runs, one {@code append}
     * each: a {@code PrintWriter} takes its lock on every call, and one call per character was most of
     * {@code query flows --format json}'s time (async-profiler: 53% of the main thread).
     */
    static void string(Appendable out, String s) throws IOException {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f || loneSurrogate(s, i)
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (escape != null) {
                if (run < i) out.append(s, run, i);
                out.append(escape);
                run = i + 1;
            }
        }
        if (run < s.length()) out.append(s, run, s.length());
        out.append('"');
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }
}
