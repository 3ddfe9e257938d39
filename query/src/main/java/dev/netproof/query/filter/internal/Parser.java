package dev.netproof.query.filter.internal;

import dev.netproof.query.filter.Expr;
import dev.netproof.query.filter.Field;
import dev.netproof.query.filter.FieldRegistry;
import dev.netproof.query.filter.FieldType;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.FilterException;
import dev.netproof.query.filter.Op;
import dev.netproof.query.filter.Value;
import dev.netproof.query.filter.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of the filter grammar (see {@code FILTER.md}):
 *
 * <pre>
 * filter     = or END
 * or         = and { ("or" | "||") and }
 * and        = unary { ("and" | "&amp;&amp;") unary }
 * unary      = ("not" | "!") unary | "(" or ")" | comparison
 * comparison = FIELD ("==" | "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") value
 *            | FIELD ["not"] "in" ( "(" value { "," value } ")" | value )
 *            | FIELD ("~" | "matches") value
 * value      = WORD | STRING
 * </pre>
 *
 * Recursion depth is bounded by {@link Filter#MAX_DEPTH}; input length by {@link Filter#MAX_LENGTH}.
 * Not thread-safe; one instance per parse.
 */
public final class Parser {

    private final FieldRegistry fields;
    private final List<Token> tokens;
    private int at;

    public Parser(String text, FieldRegistry fields) {
        if (text.length() > Filter.MAX_LENGTH) {
            throw new FilterException(Filter.MAX_LENGTH + 1, "the filter is longer than " + Filter.MAX_LENGTH
                    + " characters (" + text.length() + ")");
        }
        this.fields = fields;
        this.tokens = Lexer.tokens(text);
    }

    public Expr parse() {
        if (peek().kind() == Kind.END) return new Expr.All();
        Expr e = or(0);
        Token t = peek();
        if (t.kind() == Kind.RPAREN) throw new FilterException(t.pos(), "unmatched ')'");
        if (t.kind() != Kind.END) {
            throw new FilterException(t.pos(), "expected 'and', 'or' or the end of the filter, got " + t.describe());
        }
        return e;
    }

    private Expr or(int depth) {
        List<Expr> terms = new ArrayList<>();
        terms.add(and(depth));
        while (peek().kind() == Kind.OR) {
            at++;
            terms.add(and(depth));
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.Or(terms);
    }

    private Expr and(int depth) {
        List<Expr> terms = new ArrayList<>();
        terms.add(unary(depth));
        while (peek().kind() == Kind.AND) {
            at++;
            terms.add(unary(depth));
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.And(terms);
    }

    private Expr unary(int depth) {
        Token t = peek();
        if (depth >= Filter.MAX_DEPTH) {
            throw new FilterException(t.pos(), "nested deeper than " + Filter.MAX_DEPTH + " levels of '(' and 'not'");
        }
        if (t.kind() == Kind.NOT) {
            at++;
            return new Expr.Not(unary(depth + 1));
        }
        if (t.kind() == Kind.LPAREN) {
            at++;
            Expr e = or(depth + 1);
            Token close = peek();
            if (close.kind() != Kind.RPAREN) {
                throw new FilterException(close.pos(), "expected ')' to close '(' at " + t.pos() + ", got "
                        + close.describe());
            }
            at++;
            return e;
        }
        return comparison();
    }

    private Expr comparison() {
        Token name = next();
        if (name.kind() != Kind.WORD) {
            throw new FilterException(name.pos(), "expected a field name, '(' or 'not', got " + name.describe());
        }
        Field field = fields.find(name.text()).orElseThrow(() -> new FilterException(name.pos(),
                "unknown field '" + name.text() + "'; known fields: " + fields.describe()));
        Token op = next();
        return switch (op.kind()) {
            case COMPARE -> compare(field, op);
            case MATCH -> match(field, op);
            case IN -> in(field, op, false);
            case NOT -> {
                Token in = next();
                if (in.kind() != Kind.IN) {
                    throw new FilterException(in.pos(), "expected 'in' after 'not', got " + in.describe());
                }
                yield in(field, in, true);
            }
            default -> throw new FilterException(op.pos(), "expected an operator (==, !=, <, <=, >, >=, in, not in, ~)"
                    + " after '" + name.text() + "', got " + op.describe());
        };
    }

    private Expr compare(Field field, Token opToken) {
        Op op = Op.ofSymbol(opToken.text());
        Token v = value(opToken);
        boolean equality = op == Op.EQ || op == Op.NE;
        if (v.kind() == Kind.WORD && v.text().toLowerCase(Locale.ROOT).equals("null")) {
            if (!equality) throw new FilterException(v.pos(), "null compares only with == or !=");
            return new Expr.Compare(field, op, new Value.Null());
        }
        if (field.type() == FieldType.ADDRESS && !equality) {
            throw new FilterException(opToken.pos(), "'" + opToken.text() + "' does not apply to address field '"
                    + field.name() + "'; use ==, != or in");
        }
        Value value = Literals.of(field, v, equality);
        if (value instanceof Value.Block) return new Expr.In(field, List.of(value), op == Op.NE);
        return new Expr.Compare(field, op, value);
    }

    private Expr match(Field field, Token opToken) {
        if (field.type() != FieldType.STRING) {
            throw new FilterException(opToken.pos(), "'" + opToken.text() + "' applies to string fields; '"
                    + field.name() + "' holds " + field.type().expected());
        }
        return new Expr.Match(field, value(opToken).text());
    }

    private Expr in(Field field, Token inToken, boolean negated) {
        List<Value> values = new ArrayList<>();
        if (peek().kind() == Kind.LPAREN) {
            Token open = next();
            values.add(listValue(field, value(open)));
            while (true) {
                Token t = next();
                if (t.kind() == Kind.RPAREN) break;
                if (t.kind() != Kind.COMMA) {
                    throw new FilterException(t.pos(), "expected ',' or ')' in the list opened at " + open.pos()
                            + ", got " + t.describe());
                }
                values.add(listValue(field, value(t)));
            }
        } else {
            Token v = peek();
            if (!v.isValue()) {
                throw new FilterException(v.pos(), "expected '(' or a value after 'in', got " + v.describe());
            }
            values.add(listValue(field, next()));
        }
        return new Expr.In(field, values, negated);
    }

    private static Value listValue(Field field, Token v) {
        if (v.kind() == Kind.WORD && v.text().equalsIgnoreCase("null")) {
            throw new FilterException(v.pos(), "null cannot be in a list; use == null");
        }
        return Literals.of(field, v, true);
    }

    /** The value token after {@code after}, or an error naming {@code after}. */
    private Token value(Token after) {
        Token v = next();
        if (!v.isValue()) {
            throw new FilterException(v.pos(), "expected a value after '" + after.raw() + "', got " + v.describe());
        }
        return v;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) at++;
        return t;
    }
}
