package dev.netproof.query.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableFormatterTest {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void fixedWidthNumbersRight() {
        String t = TableFormatter.format(List.of(
                row("id.orig_h", "10.0.0.1", "id.resp_p", 80, "bytes", 10568L),
                row("id.orig_h", "2001:db8::1", "id.resp_p", 443, "bytes", 5L)));
        assertEquals("""
                id.orig_h    id.resp_p  bytes
                10.0.0.1            80  10568
                2001:db8::1        443      5
                """, t);
    }

    @Test
    void zeekStyleCells() {
        Map<String, Object> r = new HashMap<>();
        r.put("ts", 1300475168.123456);
        r.put("history", "");
        r.put("vlan", null);
        r.put("uid", "a\tb\nc");
        String t = TableFormatter.format(List.of("ts", "uid", "history", "vlan", "absent"), List.of(r));
        assertEquals("""
                               ts  uid          history  vlan  absent
                1300475168.123456  a\\x09b\\x0ac  (empty)  -     -
                """, t);
    }

    @Test
    void headerOnlyWhenNoRows() {
        assertEquals("a  b\n", TableFormatter.format(List.of("a", "b"), List.of()));
        assertEquals("\n", TableFormatter.format(List.of()));
    }
}
