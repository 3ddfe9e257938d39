package dev.netproof.query.filter;

/** A comparison operator of the filter language and its SQL spelling. */
public enum Op {
    EQ("==", "="),
    NE("!=", "<>"),
    LT("<", "<"),
    LE("<=", "<="),
    GT(">", ">"),
    GE(">=", ">=");

    private final String symbol;
    private final String sql;

    Op(String symbol, String sql) {
        this.symbol = symbol;
        this.sql = sql;
    }

    public String symbol() {
        return symbol;
    }

    public String sql() {
        return sql;
    }

    /** The operator for a symbol as typed ({@code =} is {@code ==}), or null. */
    public static Op ofSymbol(String s) {
        return switch (s) {
            case "==", "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            default -> null;
        };
    }
}
