package dev.netproof.query.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.query.QualitySummary;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesStrings() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\r\\u0001\\u2028é😀\"", Json.write("a\"b\\c\n\t\r\u0001\u2028é😀"));
        assertEquals("\"\\ud800x\"", Json.write("\ud800x"));
    }

    @Test
    void numbersLikeZeek() {
        assertEquals("1300475168.892936", Json.write(1300475168.892936));
        assertEquals("0.5", Json.write(0.5));
        assertEquals("3.0", Json.write(3.0));
        assertEquals("null", Json.write(Double.NaN));
        assertEquals("1.0E-9", Json.write(1e-9));
        assertEquals("-42", Json.write(-42L));
    }

    @Test
    void rowsAsLines() throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ts", 1300475168.123456);
        row.put("uid", "C1");
        row.put("id.orig_p", 80);
        row.put("vlan", null);
        row.put("ok", true);
        StringBuilder sb = new StringBuilder();
        JsonLines.writeAll(sb, List.of(row, Map.of("x", List.of(1, "y"))));
        assertEquals("{\"ts\":1300475168.123456,\"uid\":\"C1\",\"id.orig_p\":80,\"vlan\":null,\"ok\":true}\n"
                + "{\"x\":[1,\"y\"]}\n", sb.toString());
    }

    @Test
    void recordsByComponent() {
        QualitySummary q = QualitySummary.of(List.of("a"), Map.of("read", Map.of("packets", 4L),
                "decode", Map.of("packets", 3L)));
        assertEquals("{\"sources\":[\"a\"],\"packetsRead\":4,\"packetsDecoded\":3,\"packetsTruncated\":0,"
                + "\"decodeErrors\":0,\"flowsEvicted\":0,\"completeness\":0.75,"
                + "\"totals\":{\"decode\":{\"packets\":3},\"read\":{\"packets\":4}}}", Json.write(q));
        assertEquals("[1,null]", Json.write(Arrays.asList(1, null)));
    }
}
