package dev.netproof.store;

import dev.netproof.core.ledger.QualityRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes quality-ledger rows outside the store writer (recovery, retention), in the caller's transaction. */
public final class LedgerRows {
    private LedgerRows() {}

    public static void insert(Connection c, List<QualityRow> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quality VALUES (?, ?, ?, ?, ?)")) {
            for (QualityRow r : rows) {
                ps.setString(1, r.source());
                ps.setLong(2, r.second());
                ps.setString(3, r.stage());
                ps.setString(4, r.metric());
                ps.setLong(5, r.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
