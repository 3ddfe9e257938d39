package dev.netproof.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * What a collect run left in a store, for {@code bench/collect.sh}: opens {@code DIR/netproof.duckdb}
 * read-only and prints {@code export_flows=N} and one {@code STAGE.METRIC=N} line per ledger metric of
 * the collector (stages collect, export_decode, netflow9, ipfix, export...). Needs the DuckDB driver on
 * the class path (run it with {@code app/target/netproof.jar} before the benchmarks jar).
 */
public final class StoreCount {
    private StoreCount() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0], "netproof.duckdb");
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p);
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM export_flows")) {
                r.next();
                System.out.println("export_flows=" + r.getLong(1));
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT stage || '.' || metric, sum(value) FROM quality GROUP BY 1 ORDER BY 1")) {
                while (r.next()) System.out.println(r.getString(1) + "=" + r.getLong(2));
            }
        }
    }
}
