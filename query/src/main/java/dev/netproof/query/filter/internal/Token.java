package dev.netproof.query.filter.internal;

/**
 * One lexical token.
 *
 * @param kind  what it is
 * @param text  the value: a bare word as typed, a quoted string without quotes and escapes
 * @param raw   the characters as typed, for messages
 * @param pos   1-based column of its first character
 */
public record Token(Kind kind, String text, String raw, int pos) {

    public enum Kind { WORD, STRING, LPAREN, RPAREN, COMMA, COMPARE, MATCH, AND, OR, NOT, IN, END }

    /** The token as typed, quoted for a message: {@code '=='}, or "the end of the filter". */
    public String describe() {
        return kind == Kind.END ? "the end of the filter" : "'" + raw + "'";
    }

    public boolean isValue() {
        return kind == Kind.WORD || kind == Kind.STRING;
    }
}
