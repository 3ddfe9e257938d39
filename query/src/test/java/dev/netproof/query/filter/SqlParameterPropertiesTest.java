package dev.netproof.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.IpAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** User values never reach the SQL text: the text is the same whatever the value, and the value is a param. */
class SqlParameterPropertiesTest {

    private static final String SENTINEL = "zqx";

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Property
    void stringLiteralsNeverInSqlText(@ForAll @StringLength(max = 40) String raw) {
        String v = SENTINEL + raw;
        for (String op : new String[] {"==", "!=", "<", ">=", "~", "in", "not in"}) {
            SqlFragment f = Filter.parse("history " + op + " " + quote(v)).toSql();
            SqlFragment template = Filter.parse("history " + op + " 'a'").toSql();
            assertEquals(template.sql(), f.sql());
            assertFalse(f.sql().contains(SENTINEL), f.sql());
            assertTrue(f.params().stream().anyMatch(p -> p.toString().contains(v)));
        }
    }

    @Property
    void bareWordLiteralsNeverInSqlText(@ForAll("words") String w) {
        SqlFragment f = Filter.parse("conn_state in (" + w + ", S0) or history ~ " + w).toSql();
        assertEquals("(conn_state IN (?, ?) OR history LIKE ? ESCAPE '\\')", f.sql());
        assertEquals(w, f.params().get(0));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("abcXYZ019._:/+-%").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.equalsIgnoreCase("null") && !s.matches("(?i)and|or|not|in|matches"))
                .map(s -> SENTINEL + s);
    }

    @Property
    void integerLiteralsNeverInSqlText(@ForAll long n) {
        SqlFragment f = Filter.parse("orig_bytes > " + n + " and id.resp_p in (" + n + ", 1)").toSql();
        assertEquals("(orig_bytes > ? AND resp_p IN (?, ?))", f.sql());
        assertFalse(f.sql().chars().anyMatch(Character::isDigit));
        assertEquals(n, f.params().get(0));
    }

    @Property
    void floatAndTimeLiteralsNeverInSqlText(@ForAll @IntRange(min = 0, max = 2_000_000_000) int secs,
            @ForAll @IntRange(min = 0, max = 999_999) int micros) {
        String t = secs + "." + String.format("%06d", micros);
        SqlFragment f = Filter.parse("ts >= " + t + " and duration < " + t).toSql();
        assertEquals("(ts_ns >= ? AND duration < ?)", f.sql());
        assertEquals(secs * 1_000_000_000L + micros * 1000L, f.params().get(0));
    }

    @Property
    void addressLiteralsNeverInSqlText(@ForAll long hi, @ForAll long lo, @ForAll @IntRange(min = 0, max = 128) int prefix) {
        String a = IpAddress.format(hi, lo);
        SqlFragment eq = Filter.parse("host == " + a).toSql();
        assertFalse(eq.sql().chars().anyMatch(Character::isDigit), eq.sql());
        SqlFragment block = Filter.parse("id.orig_h in " + a + "/" + (IpAddress.isV4(hi, lo) ? prefix * 32 / 128 : prefix)).toSql();
        assertFalse(block.sql().chars().anyMatch(Character::isDigit), block.sql());
        assertFalse(block.sql().contains(a));
    }

    @Property
    void anyInputParsesOrFailsWithFilterException(@ForAll("noise") String s) {
        try {
            SqlFragment f = Filter.parse(s).toSql();
            assertFalse(f.sql().contains(";"));
        } catch (FilterException e) {
            assertTrue(e.position() >= 1 && e.position() <= Math.max(s.length(), Filter.MAX_LENGTH) + 1);
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("host", "id.resp_p", "proto", "vlan", "ts", "uid", "==", "!=", "<", ">=",
                "in", "not", "and", "or", "(", ")", ",", "~", "10.0.0.0/8", "::1", "2001:db8::/129", "80", "null",
                "'x", "\"y\"", "tcp", "1.5", "2011-03-18T19:06:08Z", "!", "&&", "||", ";", "--", "/", ":");
        return Arbitraries.oneOf(
                tokens.list().ofMaxSize(12).map(l -> String.join(" ", l)),
                Arbitraries.strings().ofMaxLength(60));
    }
}
