package dev.netproof.query.filter.internal;

import dev.netproof.query.filter.FilterException;
import dev.netproof.query.filter.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a filter into tokens. Bare words are runs of {@code [A-Za-z0-9._:/+%-]}: field names,
 * numbers, addresses, CIDR blocks and times all lex as words and are typed by the parser.
 * Keywords ({@code and or not in matches}) are case-insensitive bare words. In quoted strings a
 * backslash escapes the quote and itself; any other backslash is kept (so LIKE escapes pass through).
 */
final class Lexer {
    private Lexer() {}

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", "(", pos));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", ")", pos));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", ",", pos));
                i++;
            } else if (c == '"' || c == '\'') {
                i = string(s, i, out);
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                boolean eq = i + 1 < n && s.charAt(i + 1) == '=';
                String op = eq ? s.substring(i, i + 2) : String.valueOf(c);
                Kind k = op.equals("!") ? Kind.NOT : Kind.COMPARE;
                out.add(new Token(k, op, op, pos));
                i += op.length();
            } else if (c == '~') {
                out.add(new Token(Kind.MATCH, "~", "~", pos));
                i++;
            } else if ((c == '&' || c == '|') && i + 1 < n && s.charAt(i + 1) == c) {
                String op = s.substring(i, i + 2);
                out.add(new Token(c == '&' ? Kind.AND : Kind.OR, op, op, pos));
                i += 2;
            } else if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(s.charAt(j))) j++;
                String w = s.substring(i, j);
                out.add(new Token(keyword(w), w, w, pos));
                i = j;
            } else {
                String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
                String hint = c == '&' || c == '|' ? " (did you mean '" + c + c + "'?)" : "";
                throw new FilterException(pos, "unexpected character " + shown + hint);
            }
        }
        out.add(new Token(Kind.END, "", "", n + 1));
        return out;
    }

    private static int string(String s, int start, List<Token> out) {
        char quote = s.charAt(start);
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == quote || s.charAt(i + 1) == '\\')) {
                sb.append(s.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                out.add(new Token(Kind.STRING, sb.toString(), s.substring(start, i + 1), start + 1));
                return i + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        throw new FilterException(start + 1, "unterminated string: no closing " + quote);
    }

    private static Kind keyword(String w) {
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "and" -> Kind.AND;
            case "or" -> Kind.OR;
            case "not" -> Kind.NOT;
            case "in" -> Kind.IN;
            case "matches" -> Kind.MATCH;
            default -> Kind.WORD;
        };
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '/' || c == '-' || c == '+' || c == '%';
    }
}
