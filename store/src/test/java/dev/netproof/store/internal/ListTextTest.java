package dev.netproof.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Lists written as text come back from DuckDB's insert expression as the same lists. */
class ListTextTest {
    static List<Object> roundTrip(String text, String type) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("SELECT " + ListText.sql("x", type) + " FROM (SELECT ?::VARCHAR AS x)")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                return List.of((Object[]) a.getArray());
            }
        }
    }

    @Test
    void edgeCasesComeBackWhole() throws Exception {
        assertEquals(List.of(), roundTrip(ListText.strings(List.of()), "VARCHAR[]"));
        assertEquals(List.of(""), roundTrip(ListText.strings(List.of("")), "VARCHAR[]"));
        assertEquals(List.of("a", "", "b"), roundTrip(ListText.strings(List.of("a", "", "b")), "VARCHAR[]"));
        List<String> separator = List.of("x\u001ey", "[\"not json\"]", "\u0000\u00ff");
        assertEquals(separator, roundTrip(ListText.strings(separator), "VARCHAR[]"), "the separator itself goes as JSON");
        assertEquals(List.of(), roundTrip(ListText.numbers(List.of()), "BIGINT[]"));
        assertEquals(List.of(0L, 4294967295L, 86400L), roundTrip(ListText.numbers(List.of(0L, 4294967295L, 86400L)), "BIGINT[]"));
    }

    @Property(tries = 200)
    void anyStringsComeBackWhole(@ForAll @Size(max = 6) List<String> values) throws Exception {
        assertEquals(new ArrayList<Object>(values), roundTrip(ListText.strings(values), "VARCHAR[]"));
    }
}
