package dev.netproof.store.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * Inserts a batch of Java rows into one DuckDB table with one {@code INSERT ... SELECT} from a table
 * function that DuckDB pulls, a vector of up to 2048 values per column at a time.
 *
 * <p>Why not DuckDB's appender: it checks the column type and position on every value and crosses
 * into native code once per string, and measured twice as slow for {@code flow_rows} (313,000 flows:
 * 2.5 s against 1.3 s, insert and commit; bench capture). Here each column is filled by one loop over
 * the chunk's rows, strings go over in one call per chunk, and DuckDB's own insert path does the rest.
 *
 * <p>Each feed registers its own function (a unique name) on the database; the rows of the batch
 * being inserted are handed to DuckDB's thread through a volatile field. Not thread-safe: one
 * writer thread per feed. {@link #insert} holds no reference to the batch after it returns.
 *
 * @param <T> the row type
 */
public final class TableFeed<T> {
    private static final AtomicLong FUNCTION_IDS = new AtomicLong();
    private static final byte[] NO_BYTES = new byte[0];

    /** One column: its name in the target table, its type as the function returns it, how a row gives its value. */
    public record Column<T>(String name, DuckDBColumnType type, Value<T> value) {}

    /** Writes row {@code row}'s value of one column into vector slot {@code slot} (or sets it NULL). */
    @FunctionalInterface
    public interface Value<T> {
        void write(DuckDBWritableVector v, int slot, T row);
    }

    /** A VARCHAR column's value: the text, or null for SQL NULL. */
    @FunctionalInterface
    public interface Text<T> {
        String of(T row);
    }

    public static <T> Column<T> bigint(String name, java.util.function.ToLongFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.BIGINT, new LongValue<>(f));
    }

    // The plain number columns are filled by a loop of their own in fillColumns (one call per value, to the row's
    // accessor) rather than through Value.write (two: the column's wrapper, then the accessor, both megamorphic).
    private record LongValue<T>(java.util.function.ToLongFunction<T> f) implements Value<T> {
        @Override
        public void write(DuckDBWritableVector v, int slot, T row) {
            v.setLong(slot, f.applyAsLong(row));
        }
    }

    private record IntValue<T>(java.util.function.ToIntFunction<T> f) implements Value<T> {
        @Override
        public void write(DuckDBWritableVector v, int slot, T row) {
            v.setInt(slot, f.applyAsInt(row));
        }
    }

    /** A BIGINT that is NULL when negative (our "not seen" marker). */
    public static <T> Column<T> bigintOrNull(String name, java.util.function.ToLongFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.BIGINT, (v, i, r) -> {
            long x = f.applyAsLong(r);
            if (x < 0) v.setNull(i); else v.setLong(i, x);
        });
    }

    public static <T> Column<T> integer(String name, java.util.function.ToIntFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.INTEGER, new IntValue<>(f));
    }

    /** An INTEGER that is NULL when negative. */
    public static <T> Column<T> integerOrNull(String name, java.util.function.ToIntFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.INTEGER, (v, i, r) -> {
            int x = f.applyAsInt(r);
            if (x < 0) v.setNull(i); else v.setInt(i, x);
        });
    }

    public static <T> Column<T> smallint(String name, java.util.function.ToIntFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.SMALLINT, (v, i, r) -> v.setShort(i, (short) f.applyAsInt(r)));
    }

    public static <T> Column<T> tinyint(String name, java.util.function.ToIntFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.TINYINT, (v, i, r) -> v.setByte(i, (byte) f.applyAsInt(r)));
    }

    /** A TINYINT that is NULL when negative. */
    public static <T> Column<T> tinyintOrNull(String name, java.util.function.ToIntFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.TINYINT, (v, i, r) -> {
            int x = f.applyAsInt(r);
            if (x < 0) v.setNull(i); else v.setByte(i, (byte) x);
        });
    }

    /** {@code column}, NULL for the rows {@code isNull} accepts (for values where every number is valid). */
    public static <T> Column<T> nullWhen(java.util.function.Predicate<T> isNull, Column<T> column) {
        if (column.value() instanceof StringValue) throw new IllegalArgumentException("text is NULL when null");
        Value<T> value = column.value();
        return new Column<>(column.name(), column.type(), (v, i, r) -> {
            if (isNull.test(r)) v.setNull(i); else value.write(v, i, r);
        });
    }

    public static <T> Column<T> dbl(String name, java.util.function.ToDoubleFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.DOUBLE, (v, i, r) -> v.setDouble(i, f.applyAsDouble(r)));
    }

    public static <T> Column<T> bool(String name, java.util.function.Predicate<T> f) {
        return new Column<>(name, DuckDBColumnType.BOOLEAN, (v, i, r) -> v.setBoolean(i, f.test(r)));
    }

    /** A DOUBLE that is NULL when NaN. */
    public static <T> Column<T> dblOrNull(String name, java.util.function.ToDoubleFunction<T> f) {
        return new Column<>(name, DuckDBColumnType.DOUBLE, (v, i, r) -> {
            double x = f.applyAsDouble(r);
            if (Double.isNaN(x)) v.setNull(i); else v.setDouble(i, x);
        });
    }

    /** VARCHAR; the chunk's strings cross into DuckDB in one call. */
    public static <T> Column<T> varchar(String name, Text<T> f) {
        return new Column<>(name, DuckDBColumnType.VARCHAR, new StringValue<>(f));
    }

    /** Marks VARCHAR columns, which are filled a chunk at a time rather than value by value. */
    private record StringValue<T>(Text<T> text) implements Value<T> {
        @Override
        public void write(DuckDBWritableVector v, int slot, T row) {
            throw new UnsupportedOperationException("strings are written a chunk at a time");
        }
    }

    /**
     * Fills {@code out}'s vectors (in the feed's column order) with rows {@code from .. from + n - 1} of the
     * batch being inserted. For a table written fast enough that it matters ({@link #insert(Connection, int,
     * RowsFill)}): its rows kept as columns can go in a column at a time ({@link VectorBulk}), where the generic
     * loop over {@link Column}s calls every column's function per value from one call site that sees them all
     * (the flow-export collector's writer spent a third of its time there).
     */
    @FunctionalInterface
    public interface RowsFill {
        void fill(int from, int n, DuckDBDataChunkWriter out);
    }

    private final String table;
    private final List<Column<T>> columns;
    private final String insertSql;
    /** The batch being inserted, handed to DuckDB's thread: its row count and what fills its chunks. */
    private volatile int batchRows;
    private volatile RowsFill batchFill;

    /**
     * Registers the feed's function on {@code conn}'s database.
     *
     * @param selectList what the INSERT selects from the function's columns (their names), in the
     *                   target's column order: plain names, or casts such as {@code x::BIGINT[4]};
     *                   null for all columns as they are
     */
    public TableFeed(Connection conn, String table, List<Column<T>> columns, String selectList) throws SQLException {
        this.table = table;
        this.columns = List.copyOf(columns);
        String function = "netproof_feed_" + table + "_" + FUNCTION_IDS.incrementAndGet();
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        this.insertSql = "INSERT INTO " + table + " (" + names + ") SELECT "
                + (selectList == null ? names : selectList) + " FROM " + function + "()";
        DuckDBFunctions.tableFunction().withName(function).withFunction(new Function()).register(conn);
    }

    /** Inserts {@code rows} (in the connection's current transaction), each column by its {@link Column#value}. */
    public void insert(Connection conn, List<T> rows) throws SQLException {
        if (rows.isEmpty()) return;
        List<T> array = rows instanceof java.util.RandomAccess ? rows : new ArrayList<>(rows);
        insert(conn, array.size(), (from, n, out) -> fillColumns(array, from, n, out));
    }

    /**
     * Inserts a batch of {@code rows} rows that {@code fill} writes, chunk by chunk (in the connection's current
     * transaction); the feed's columns give the names and types only.
     */
    public void insert(Connection conn, int rows, RowsFill fill) throws SQLException {
        if (rows == 0) return;
        batchRows = rows;
        batchFill = fill;
        try {
            // DuckDB's driver closes a statement whose query failed: prepare again after a failure
            if (prepared == null || preparedOn != conn || prepared.isClosed()) {
                if (prepared != null) prepared.close();
                prepared = conn.prepareStatement(insertSql);
                preparedOn = conn;
            }
            prepared.execute();
        } finally {
            batchRows = 0;
            batchFill = null;
        }
    }

    /** The insert, parsed and planned once per connection. */
    private java.sql.PreparedStatement prepared;
    private Connection preparedOn;

    public String table() {
        return table;
    }

    /**
     * Writes {@code texts[from .. from + n - 1]} (null for SQL NULL) into rows 0 .. n-1 of VARCHAR vector
     * {@code v}, the strings in one call into DuckDB; a chunk of NULLs only sets them.
     */
    public static void texts(DuckDBWritableVector v, String[] texts, int from, int n) {
        byte[][] utf8 = null;
        boolean anyNull = false;
        for (int i = 0; i < n; i++) {
            String text = texts[from + i];
            if (text == null) {
                anyNull = true;
                continue;
            }
            if (utf8 == null) {
                utf8 = new byte[n][];
                java.util.Arrays.fill(utf8, NO_BYTES);
            }
            utf8[i] = text.getBytes(StandardCharsets.UTF_8);
        }
        if (utf8 != null) v.setStringUtf8Batch(0, utf8);
        if (anyNull) {
            for (int i = 0; i < n; i++) {
                if (texts[from + i] == null) v.setNull(i);
            }
        }
    }

    /**
     * The generic fill: each column's values, one column at a time.
     *
     * <p>Each kind of column has a loop method of its own. C2 compiles a loop for the accessors it has seen, and each
     * table's columns bring new ones: with the loops inside this method it was compiled 3-5 times an ingest, 60-70 kB
     * and 0.27-0.41 s of C2 each time (JFR). Now what gets compiled again is only the small loop that met a new accessor.
     */
    private void fillColumns(List<T> rows, int from, int n, DuckDBDataChunkWriter out) {
        List<T> chunk = rows.subList(from, from + n);
        for (int c = 0; c < columns.size(); c++) {
            Value<T> value = columns.get(c).value();
            DuckDBWritableVector v = out.vector(c);
            switch (value) {
                case StringValue<T> s -> fillTexts(v, s.text(), chunk, n);
                case LongValue<T> l -> fillLongs(v, l.f(), chunk, n);
                case IntValue<T> l -> fillInts(v, l.f(), chunk, n);
                default -> fillValues(v, value, chunk, n);
            }
        }
    }

    private static <T> void fillTexts(DuckDBWritableVector v, Text<T> text, List<T> chunk, int n) {
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) texts[i] = text.of(chunk.get(i));
        texts(v, texts, 0, n);
    }

    private static <T> void fillLongs(DuckDBWritableVector v, java.util.function.ToLongFunction<T> f, List<T> chunk, int n) {
        for (int i = 0; i < n; i++) v.setLong(i, f.applyAsLong(chunk.get(i)));
    }

    private static <T> void fillInts(DuckDBWritableVector v, java.util.function.ToIntFunction<T> f, List<T> chunk, int n) {
        for (int i = 0; i < n; i++) v.setInt(i, f.applyAsInt(chunk.get(i)));
    }

    private static <T> void fillValues(DuckDBWritableVector v, Value<T> value, List<T> chunk, int n) {
        for (int i = 0; i < n; i++) value.write(v, i, chunk.get(i));
    }

    /** DuckDB's side: the batch being inserted, a chunk per call. */
    private final class Function implements DuckDBTableFunction<Object, int[], Object> {
        @Override
        public Object bind(DuckDBTableFunctionBindInfo info) {
            for (Column<T> c : columns) info.addResultColumn(c.name(), c.type());
            return null;
        }

        @Override
        public int[] init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return new int[1]; // next row of the batch
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
            int[] next = info.getInitData();
            int from = next[0];
            int n = (int) Math.min(out.capacity(), batchRows - from);
            if (n <= 0) return 0;
            batchFill.fill(from, n, out);
            next[0] = from + n;
            return n;
        }
    }
}
