package dev.netproof.query.filter;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL and the values of its {@code ?} placeholders, in order. User values only ever
 * travel in {@code params}; {@code sql} is built from the registry's trusted text and fixed keywords.
 * Parameters are {@link Long}, {@link Double} or {@link String}.
 */
public record SqlFragment(String sql, List<Object> params) {

    public static final SqlFragment TRUE = new SqlFragment("TRUE", List.of());

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
        long marks = sql.chars().filter(ch -> ch == '?').count();
        if (marks != params.size()) {
            throw new IllegalArgumentException(marks + " placeholders but " + params.size() + " params in: " + sql);
        }
    }

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, List.of(params));
    }

    /** The fragments joined by {@code separator} (e.g. {@code " AND "}) inside parentheses. */
    public static SqlFragment join(String separator, List<SqlFragment> parts) {
        if (parts.size() == 1) return parts.get(0);
        StringBuilder sb = new StringBuilder("(");
        List<Object> ps = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) sb.append(separator);
            sb.append(parts.get(i).sql);
            ps.addAll(parts.get(i).params);
        }
        return new SqlFragment(sb.append(')').toString(), ps);
    }

    /** The conjunction of the parts, leaving out {@link #TRUE}; {@link #TRUE} when nothing is left. */
    public static SqlFragment and(SqlFragment... parts) {
        List<SqlFragment> kept = new ArrayList<>();
        for (SqlFragment p : parts) {
            if (!p.equals(TRUE)) kept.add(p);
        }
        return kept.isEmpty() ? TRUE : join(" AND ", kept);
    }

    /** {@code (NOT sql)}. */
    public SqlFragment not() {
        return new SqlFragment("(NOT " + sql + ")", params);
    }

    /** {@code this} then {@code other}, separated by a space. */
    public SqlFragment append(SqlFragment other) {
        List<Object> ps = new ArrayList<>(params);
        ps.addAll(other.params);
        return new SqlFragment(sql + " " + other.sql, ps);
    }

    /** Sets the parameters starting at JDBC index {@code first}; returns the next free index. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) ps.setObject(i++, p);
        return i;
    }
}
