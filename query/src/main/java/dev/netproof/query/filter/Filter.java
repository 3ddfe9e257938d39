package dev.netproof.query.filter;

import dev.netproof.query.filter.internal.Parser;
import dev.netproof.query.filter.internal.SqlTranslator;
import java.util.Objects;

/**
 * A parsed filter expression over flow fields, e.g.
 * {@code proto == tcp and id.resp_p in (80, 443) and not host in 10.0.0.0/8}. The grammar is in
 * {@code query/FILTER.md}.
 *
 * <p>Parsing is bounded: at most {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} levels of
 * parentheses and {@code not}. Immutable and thread-safe.
 *
 * @param text the filter as typed ("" for the empty filter)
 * @param expr the syntax tree, fields resolved and literals typed
 */
public record Filter(String text, Expr expr) {

    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 64;

    /** The empty filter: matches every row. */
    public static final Filter ALL = new Filter("", new Expr.All());

    public Filter {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expr, "expr");
    }

    /** Parses against the standard fields; null or blank text is {@link #ALL}. */
    public static Filter parse(String text) {
        return parse(text, FieldRegistry.standard());
    }

    /**
     * Parses against {@code fields}.
     *
     * @throws FilterException with a one-line message giving the column and what was expected
     */
    public static Filter parse(String text, FieldRegistry fields) {
        if (text == null || text.isBlank()) return ALL;
        return new Filter(text, new Parser(text, fields).parse());
    }

    /** The WHERE condition: values as {@code ?} parameters, never in the text. */
    public SqlFragment toSql() {
        return SqlTranslator.translate(expr);
    }
}
