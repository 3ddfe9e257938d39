package dev.netproof.store.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** rollup_dims says what each dimension is, after every writer: written when new or changed, kept otherwise. */
class RollupDimsTest {
    @Test
    void eachWriterLeavesItsDimensionsStored() throws Exception {
        Path dir = Files.createTempDirectory("dims");
        try (Store store = Store.open(dir); Connection c = store.connect()) {
            new TierWriter(c, new TierSettings(Dimension.parseList("src=id.orig_h:10,proto=proto:4"), null));
            assertEquals(Map.of("src", "id.orig_h:10", "proto", "proto:4"), dims(c));
            new TierWriter(c, new TierSettings(Dimension.parseList("src=id.orig_h:10,proto=proto:4"), null));
            assertEquals(Map.of("src", "id.orig_h:10", "proto", "proto:4"), dims(c));
            // a budget and a field changed, a dimension added; one left out stays described for its old rows
            new TierWriter(c, new TierSettings(Dimension.parseList("src=id.orig_h:20,proto=ip_proto:4,dst=id.resp_h:5"), null));
            assertEquals(Map.of("src", "id.orig_h:20", "proto", "ip_proto:4", "dst", "id.resp_h:5"), dims(c));
            new TierWriter(c, new TierSettings(Dimension.parseList("dst=id.resp_h:5"), null));
            assertEquals(Map.of("src", "id.orig_h:20", "proto", "ip_proto:4", "dst", "id.resp_h:5"), dims(c));
        }
    }

    private static Map<String, String> dims(Connection c) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT dim, fields, budget FROM rollup_dims")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2) + ":" + rs.getInt(3));
        }
        return out;
    }
}
