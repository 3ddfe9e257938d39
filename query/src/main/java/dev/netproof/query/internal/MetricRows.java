package dev.netproof.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code metric_samples} rows: time, name, labels (as an object), value, source. */
public final class MetricRows {
    private MetricRows() {}

    public static final String COLUMNS = "ts_ns, name, CAST(labels AS JSON)::MAP(VARCHAR, VARCHAR), value, source";

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("ts", FlowRows.seconds(rs.getLong(1)));
        m.put("name", rs.getString(2));
        Object labels = rs.getObject(3);
        m.put("labels", labels instanceof Map<?, ?> l ? new LinkedHashMap<>(l) : labels == null ? Map.of() : labels.toString());
        m.put("value", rs.getDouble(4));
        m.put("source", rs.getString(5));
        return Collections.unmodifiableMap(m);
    }
}
