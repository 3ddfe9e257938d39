package dev.netproof.query.filter;

import java.util.Objects;

/**
 * Where a field's value lives in the {@code flows} table: trusted SQL written in the registry,
 * never user text, and without {@code ?} (placeholders are counted).
 */
public sealed interface Column {

    /** The SQL that yields the value for display and grouping. */
    String sql();

    /** A column or expression of the {@code flows} table, e.g. {@code orig_p} or {@code (orig_pkts + resp_pkts)}. */
    record Scalar(String sql) implements Column {
        public Scalar {
            requireSql(sql);
        }
    }

    /**
     * An address: its text column for display and grouping, and the sign-flipped BIGINT halves
     * ({@code stored = unsigned ^ 0x8000000000000000}) that comparisons and CIDR ranges use.
     */
    record Address(String sql, String hi, String lo, String v6Text) implements Column {
        public Address {
            requireSql(sql);
            requireSql(hi);
            requireSql(lo);
            if (v6Text != null) requireSql(v6Text);
        }

        public Address(String sql, String hi, String lo) {
            this(sql, hi, lo, null);
        }

        /**
         * Whether the text is the stored IPv6 text {@code v6Text} (rows written before IPv6 text was made on read;
         * NULL otherwise) or else made from the numbers ({@code np_ip_text}):
         * then a query that groups by address can group by the numbers and make the text of its answer only.
         */
        public boolean textFromNumbers() {
            return v6Text != null;
        }
    }

    /**
     * A flow uid made on read from the start time ({@code core.model.FlowUid}): an equality also names the
     * start time the uid encodes, so the store finds the row by time instead of making every row's uid.
     */
    record FlowUid(String sql, String ts) implements Column {
        public FlowUid {
            requireSql(sql);
            requireSql(ts);
        }
    }

    private static void requireSql(String sql) {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) throw new IllegalArgumentException("blank SQL expression");
        if (sql.indexOf('?') >= 0) throw new IllegalArgumentException("'?' in registry SQL: " + sql);
    }
}
