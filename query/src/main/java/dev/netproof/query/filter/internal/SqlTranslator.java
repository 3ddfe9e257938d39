package dev.netproof.query.filter.internal;

import dev.netproof.core.model.IpAddress;
import dev.netproof.query.filter.Column;
import dev.netproof.query.filter.Expr;
import dev.netproof.query.filter.Field;
import dev.netproof.query.filter.Op;
import dev.netproof.query.filter.SqlFragment;
import dev.netproof.query.filter.Value;
import dev.netproof.store.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Translates an {@link Expr} to a parameterised SQL condition. The SQL text is made only of
 * registry column SQL, keywords and {@code ?}; every literal becomes a parameter.
 *
 * <p>Every leaf is two-valued: comparisons on nullable columns are guarded with {@code IS NOT NULL}.
 * An either-side field is true when either column matches; {@code !=} and {@code not in} negate the
 * positive form. Addresses compare on the sign-flipped hi/lo BIGINT halves: equality is
 * {@code hi = ? AND lo = ?}; a block of prefix &lt;= 64 is a range on hi, a longer one fixes hi and is
 * a range on lo.
 */
public final class SqlTranslator {
    private SqlTranslator() {}

    /** Sign bit flip that makes signed BIGINT order equal unsigned address order, as the store writes it. */
    private static final long SIGN_FLIP = Schema.SIGN_FLIP;

    public static SqlFragment translate(Expr e) {
        return switch (e) {
            case Expr.All a -> SqlFragment.TRUE;
            case Expr.And a -> SqlFragment.join(" AND ", a.terms().stream().map(SqlTranslator::translate).toList());
            case Expr.Or o -> SqlFragment.join(" OR ", o.terms().stream().map(SqlTranslator::translate).toList());
            case Expr.Not n -> translate(n.term()).not();
            case Expr.Compare c -> compare(c.field(), c.op(), c.value());
            case Expr.In in -> in(in.field(), in.values(), in.negated());
            case Expr.Match m -> anySide(m.field(), col -> guard(m.field(),
                    SqlFragment.of(col.sql() + " LIKE ? ESCAPE '\\'", "%" + m.pattern() + "%"), col));
        };
    }

    private static SqlFragment compare(Field f, Op op, Value v) {
        if (v instanceof Value.Null) {
            SqlFragment isNull = anySide(f, col -> SqlFragment.of(col.sql() + " IS NULL"));
            return op == Op.NE ? isNull.not() : isNull;
        }
        if (op == Op.NE) return compare(f, Op.EQ, v).not();
        return anySide(f, col -> switch (col) {
            case Column.Address a -> address(a, ((Value.Addr) v).address());
            case Column.Scalar s -> guard(f, SqlFragment.of(s.sql() + " " + op.sql() + " ?", param(v)), s);
            case Column.FlowUid u -> op == Op.EQ ? uidEquals(u, v) : SqlFragment.of(u.sql() + " " + op.sql() + " ?", param(v));
        });
    }

    private static SqlFragment in(Field f, List<Value> values, boolean negated) {
        SqlFragment positive = anySide(f, col -> switch (col) {
            case Column.Address a -> SqlFragment.join(" OR ", values.stream().map(v -> addressItem(a, v)).toList());
            case Column.Scalar s -> {
                StringJoiner marks = new StringJoiner(", ", s.sql() + " IN (", ")");
                List<Object> ps = new ArrayList<>(values.size());
                for (Value v : values) {
                    marks.add("?");
                    ps.add(param(v));
                }
                yield guard(f, new SqlFragment(marks.toString(), ps), s);
            }
            case Column.FlowUid u -> SqlFragment.join(" OR ", values.stream().map(v -> uidEquals(u, v)).toList());
        });
        return negated ? positive.not() : positive;
    }

    /** A uid names its start time: the store looks the time up first; a uid that is not one of ours matches nothing. */
    private static SqlFragment uidEquals(Column.FlowUid u, Value v) {
        String uid = String.valueOf(param(v));
        long ts = dev.netproof.core.model.FlowUid.tsNanos(uid);
        if (ts < 0) return SqlFragment.of("FALSE");
        return SqlFragment.of("(" + u.ts() + " = ? AND " + u.sql() + " = ?)", ts, uid);
    }

    private static SqlFragment addressItem(Column.Address a, Value v) {
        return switch (v) {
            case Value.Addr addr -> address(a, addr.address());
            case Value.Block b -> block(a, b);
            default -> throw new IllegalArgumentException("not an address value: " + v);
        };
    }

    private static SqlFragment address(Column.Address a, IpAddress ip) {
        return SqlFragment.of("(" + a.hi() + " = ? AND " + a.lo() + " = ?)", ip.hi() ^ SIGN_FLIP, ip.lo() ^ SIGN_FLIP);
    }

    private static SqlFragment block(Column.Address a, Value.Block b) {
        IpAddress first = b.first();
        IpAddress last = b.last();
        if (b.prefix() <= 64) {
            return SqlFragment.of("(" + a.hi() + " BETWEEN ? AND ?)", first.hi() ^ SIGN_FLIP, last.hi() ^ SIGN_FLIP);
        }
        return SqlFragment.of("(" + a.hi() + " = ? AND " + a.lo() + " BETWEEN ? AND ?)",
                first.hi() ^ SIGN_FLIP, first.lo() ^ SIGN_FLIP, last.lo() ^ SIGN_FLIP);
    }

    /** On a nullable column, {@code (col IS NOT NULL AND cond)} so that the result is never NULL. */
    private static SqlFragment guard(Field f, SqlFragment cond, Column col) {
        if (!f.nullable()) return cond;
        return new SqlFragment("(" + col.sql() + " IS NOT NULL AND " + cond.sql() + ")", cond.params());
    }

    private static SqlFragment anySide(Field f, java.util.function.Function<Column, SqlFragment> perColumn) {
        return SqlFragment.join(" OR ", f.columns().stream().map(perColumn).toList());
    }

    private static Object param(Value v) {
        return switch (v) {
            case Value.Text t -> t.value();
            case Value.Int i -> i.value();
            case Value.Real r -> r.value();
            case Value.Time t -> t.nanos();
            case Value.Addr a -> throw new IllegalArgumentException("address as scalar parameter");
            case Value.Block b -> throw new IllegalArgumentException("block as scalar parameter");
            case Value.Null n -> throw new IllegalArgumentException("null as parameter");
        };
    }
}
