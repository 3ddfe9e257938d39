package dev.netproof.query.filter;

import java.util.List;
import java.util.Objects;

/**
 * A parsed filter. Every leaf is two-valued in SQL (never NULL), so {@link Not} is the plain
 * complement. {@link And}/{@link Or} are n-ary so that long chains stay shallow.
 */
public sealed interface Expr {

    /** The empty filter: every row. */
    record All() implements Expr {}

    record And(List<Expr> terms) implements Expr {
        public And {
            terms = List.copyOf(terms);
            if (terms.size() < 2) throw new IllegalArgumentException("and needs two terms");
        }
    }

    record Or(List<Expr> terms) implements Expr {
        public Or {
            terms = List.copyOf(terms);
            if (terms.size() < 2) throw new IllegalArgumentException("or needs two terms");
        }
    }

    record Not(Expr term) implements Expr {
        public Not {
            Objects.requireNonNull(term, "term");
        }
    }

    /** {@code field op value}; for an address field, op is {@code ==} or {@code !=} and value an address. */
    record Compare(Field field, Op op, Value value) implements Expr {
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code field in (v, …)} or {@code field not in (…)}; values may mix addresses and CIDR blocks. */
    record In(Field field, List<Value> values, boolean negated) implements Expr {
        public In {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("empty in-list");
        }
    }

    /** {@code field ~ pattern}: SQL LIKE with an implicit {@code %} at both ends, {@code \} escaping. */
    record Match(Field field, String pattern) implements Expr {
        public Match {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }
    }
}
