package dev.netproof.query.filter;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One name a filter may use, with its type and the column(s) it reads.
 *
 * <p>A field has one column, or two for an "either side" field such as {@code host} or {@code port}:
 * a comparison on it is true when it is true for either column; {@code !=} and {@code not in} are the
 * negation of {@code ==} and {@code in} (true when neither side matches). A nullable field's
 * comparisons are false on NULL, so {@code not} stays the plain complement.
 */
public record Field(String name, FieldType type, boolean nullable, List<Column> columns) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        columns = List.copyOf(columns);
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad field name: " + name);
        if (columns.isEmpty() || columns.size() > 2) {
            throw new IllegalArgumentException(name + ": one or two columns, got " + columns.size());
        }
        for (Column c : columns) {
            if ((type == FieldType.ADDRESS) != (c instanceof Column.Address)) {
                throw new IllegalArgumentException(name + ": address fields need address columns and only they");
            }
        }
    }

    /** A NOT NULL column or expression. */
    public static Field of(String name, FieldType type, String sql) {
        return new Field(name, type, false, List.of(new Column.Scalar(sql)));
    }

    /** The flows' uid, made on read from {@code ts} ({@link Column.FlowUid}). */
    public static Field flowUid(String name, String sql, String ts) {
        return new Field(name, FieldType.STRING, false, List.of(new Column.FlowUid(sql, ts)));
    }

    /** An address whose text the store makes from its numbers, or keeps in {@code v6Text} for IPv6 ({@link Column.Address#textFromNumbers()}). */
    public static Field address(String name, String text, String hi, String lo, String v6Text) {
        return new Field(name, FieldType.ADDRESS, false, List.of(new Column.Address(text, hi, lo, v6Text)));
    }

    /** A column that is NULL when the value is absent (e.g. {@code vlan}). */
    public static Field nullable(String name, FieldType type, String sql) {
        return new Field(name, type, true, List.of(new Column.Scalar(sql)));
    }

    /** An address: text column plus its sign-flipped hi/lo BIGINT columns. */
    public static Field address(String name, String text, String hi, String lo) {
        return new Field(name, FieldType.ADDRESS, false, List.of(new Column.Address(text, hi, lo)));
    }

    /** A field true when either of two single-column fields of the same type is (like {@code host}). */
    public static Field either(String name, Field a, Field b) {
        if (a.type != b.type || a.isEither() || b.isEither()) {
            throw new IllegalArgumentException(name + ": either() needs two single-column fields of one type");
        }
        return new Field(name, a.type, a.nullable || b.nullable, List.of(a.columns.get(0), b.columns.get(0)));
    }

    /** True when the field stands for two columns (either side of the connection). */
    public boolean isEither() {
        return columns.size() == 2;
    }
}
