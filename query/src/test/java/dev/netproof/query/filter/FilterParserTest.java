package dev.netproof.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.IpAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    private static final FieldRegistry R = FieldRegistry.standard();

    private static Field f(String name) {
        return R.find(name).orElseThrow();
    }

    private static Expr p(String s) {
        return Filter.parse(s).expr();
    }

    private static Expr eq(String field, Value v) {
        return new Expr.Compare(f(field), Op.EQ, v);
    }

    private static Expr port(long v) {
        return eq("id.resp_p", new Value.Int(v));
    }

    private static Expr proto(String s) {
        return eq("proto", new Value.Text(s));
    }

    private static FilterException err(String s) {
        return assertThrows(FilterException.class, () -> Filter.parse(s));
    }

    @Test
    void emptyFilterMatchesAll() {
        assertEquals(new Expr.All(), p(""));
        assertEquals(new Expr.All(), p("   \t"));
        assertEquals(Filter.ALL, Filter.parse(null));
    }

    @Test
    void precedenceNotOverAndOverOr() {
        Expr expected = new Expr.Or(List.of(
                proto("tcp"),
                new Expr.And(List.of(port(80), new Expr.Not(proto("udp"))))));
        assertEquals(expected, p("proto == tcp or id.resp_p == 80 and not proto == udp"));
        assertEquals(expected, p("proto == tcp || id.resp_p == 80 && !proto == udp"));
        assertEquals(expected, p("proto == tcp OR id.resp_p == 80 AND NOT proto == udp"));
    }

    @Test
    void parenthesesOverridePrecedence() {
        Expr expected = new Expr.And(List.of(
                new Expr.Or(List.of(proto("tcp"), proto("udp"))),
                port(53)));
        assertEquals(expected, p("(proto == tcp or proto == udp) and id.resp_p == 53"));
        assertEquals(new Expr.Not(new Expr.Or(List.of(proto("tcp"), proto("udp")))),
                p("not (proto == tcp or proto == udp)"));
        assertEquals(proto("tcp"), p("((((proto == tcp))))"));
    }

    @Test
    void chainsAreFlat() {
        Expr e = p("id.resp_p == 1 and id.resp_p == 2 and id.resp_p == 3 and id.resp_p == 4");
        assertEquals(new Expr.And(List.of(port(1), port(2), port(3), port(4))), e);
        assertEquals(new Expr.Not(new Expr.Not(port(1))), p("not not id.resp_p == 1"));
        assertEquals(new Expr.Not(new Expr.Not(port(1))), p("!!id.resp_p == 1"));
    }

    @Test
    void everyComparisonOperator() {
        assertEquals(port(80), p("id.resp_p == 80"));
        assertEquals(port(80), p("id.resp_p = 80"));
        assertEquals(port(80), p("id.resp_p==80"));
        for (Op op : Op.values()) {
            assertEquals(new Expr.Compare(f("id.resp_p"), op, new Value.Int(80)), p("id.resp_p " + op.symbol() + " 80"));
        }
        assertEquals(new Expr.Compare(f("duration"), Op.GT, new Value.Real(1.5)), p("duration > 1.5"));
        assertEquals(new Expr.Compare(f("duration"), Op.LE, new Value.Real(2)), p("duration <= 2"));
        assertEquals(new Expr.Compare(f("orig_bytes"), Op.GE, new Value.Int(-1)), p("orig_bytes >= -1"));
    }

    @Test
    void stringsBareOrQuoted() {
        assertEquals(eq("conn_state", new Value.Text("SF")), p("conn_state == SF"));
        assertEquals(eq("conn_state", new Value.Text("S F")), p("conn_state == \"S F\""));
        assertEquals(eq("conn_state", new Value.Text("S F")), p("conn_state == 'S F'"));
        assertEquals(eq("uid", new Value.Text("a\"b'c\\d")), p("uid == \"a\\\"b'c\\\\d\""));
        assertEquals(eq("uid", new Value.Text("a'b")), p("uid == 'a\\'b'"));
        assertEquals(eq("uid", new Value.Text("and")), p("uid == 'and'"));
        assertEquals(eq("uid", new Value.Text("123")), p("uid == 123"));
        assertEquals(eq("uid", new Value.Text("null")), p("uid == 'null'"));
        assertEquals(eq("source", new Value.Text("/data/x-1.pcap")), p("source == /data/x-1.pcap"));
    }

    @Test
    void fieldNamesAndKeywordsIgnoreCase() {
        assertEquals(proto("tcp"), p("PROTO == tcp"));
        assertEquals(new Expr.In(f("proto"), List.of(new Value.Text("tcp")), true), p("proto NOT IN (tcp)"));
    }

    @Test
    void addresses() {
        assertEquals(eq("id.orig_h", new Value.Addr(IpAddress.parse("10.0.0.1"))), p("id.orig_h == 10.0.0.1"));
        assertEquals(eq("host", new Value.Addr(IpAddress.parse("2001:db8::1"))), p("host == 2001:db8::1"));
        assertEquals(eq("host", new Value.Addr(IpAddress.parse("::1"))), p("host == ::1"));
        assertEquals(eq("host", new Value.Addr(IpAddress.parse("::ffff:10.0.0.1"))), p("host == \"::ffff:10.0.0.1\""));
        assertEquals(new Expr.Compare(f("host"), Op.NE, new Value.Addr(IpAddress.parse("10.0.0.1"))),
                p("host != 10.0.0.1"));
    }

    @Test
    void cidrBlocks() {
        Value.Block v4 = (Value.Block) single(p("id.orig_h in 10.0.0.0/8"));
        assertEquals(104, v4.prefix());
        assertEquals(IpAddress.parse("10.0.0.0"), v4.first());
        assertEquals(IpAddress.parse("10.255.255.255"), v4.last());
        Value.Block v6 = (Value.Block) single(p("host in 2001:db8::/32"));
        assertEquals(32, v6.prefix());
        assertEquals(IpAddress.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), v6.last());
        // host bits are cleared
        assertEquals(IpAddress.parse("10.0.0.0"), ((Value.Block) single(p("host in 10.1.2.3/8"))).first());
        // == and != with a block mean in / not in
        assertEquals(new Expr.In(f("host"), List.of(v4), false), p("host == 10.0.0.0/8"));
        assertEquals(new Expr.In(f("host"), List.of(v4), true), p("host != 10.0.0.0/8"));
        assertEquals(0, ((Value.Block) single(p("host in ::/0"))).prefix());
        assertEquals(96, ((Value.Block) single(p("host in 0.0.0.0/0"))).prefix());
        assertEquals(128, ((Value.Block) single(p("host in ::1/128"))).prefix());
    }

    private static Value single(Expr e) {
        Expr.In in = assertInstanceOf(Expr.In.class, e);
        assertEquals(1, in.values().size());
        return in.values().get(0);
    }

    @Test
    void inLists() {
        assertEquals(new Expr.In(f("id.resp_p"), List.of(new Value.Int(80), new Value.Int(443), new Value.Int(8080)), false),
                p("id.resp_p in (80, 443, 8080)"));
        assertEquals(new Expr.In(f("conn_state"), List.of(new Value.Text("S0"), new Value.Text("REJ")), true),
                p("conn_state not in (S0,REJ)"));
        assertEquals(new Expr.In(f("id.resp_p"), List.of(new Value.Int(53)), false), p("id.resp_p in 53"));
        Expr.In mixed = (Expr.In) p("host in (10.0.0.1, 192.168.0.0/16, 2001:db8::/32)");
        assertInstanceOf(Value.Addr.class, mixed.values().get(0));
        assertInstanceOf(Value.Block.class, mixed.values().get(1));
        assertInstanceOf(Value.Block.class, mixed.values().get(2));
    }

    @Test
    void matchOperator() {
        assertEquals(new Expr.Match(f("history"), "ShA"), p("history ~ ShA"));
        assertEquals(new Expr.Match(f("history"), "S%F"), p("history matches 'S%F'"));
    }

    @Test
    void nullLiteral() {
        assertEquals(eq("vlan", new Value.Null()), p("vlan == null"));
        assertEquals(new Expr.Compare(f("vlan"), Op.NE, new Value.Null()), p("vlan != NULL"));
    }

    @Test
    void timeLiterals() {
        long ns = Instant.parse("2011-03-18T19:06:08Z").getEpochSecond() * 1_000_000_000L;
        assertEquals(new Expr.Compare(f("ts"), Op.GE, new Value.Time(ns)), p("ts >= 2011-03-18T19:06:08Z"));
        assertEquals(new Expr.Compare(f("ts"), Op.GE, new Value.Time(ns)), p("ts >= 1300475168"));
        assertEquals(new Expr.Compare(f("ts"), Op.LT, new Value.Time(ns + 892_936_000L)), p("ts < 1300475168.892936"));
        assertEquals(new Expr.Compare(f("ts"), Op.LT, new Value.Time(ns + 500_000_000L)),
                p("ts < 2011-03-18T19:06:08.5Z"));
        assertEquals(new Expr.Compare(f("ts"), Op.LT, new Value.Time(ns - 3_600_000_000_000L)),
                p("ts < 2011-03-18T20:06:08+02:00"));
        assertEquals(new Expr.Compare(f("ts"), Op.LT, new Value.Time(ns)), p("ts < '2011-03-18 19:06:08'"));
        assertEquals(new Expr.Compare(f("ts"), Op.LT, new Value.Time(ns - (19 * 3600 + 6 * 60 + 8) * 1_000_000_000L)),
                p("ts < 2011-03-18"));
    }

    @Test
    void errorsCarryPositionAndExpectation() {
        FilterException e = err("id.resp_p == ");
        assertEquals("filter: at 14: expected a value after '==', got the end of the filter", e.getMessage());
        assertEquals(14, e.position());
        assertEquals(14, err("id.resp_p == )").position());
        assertTrue(err("proto tcp").getMessage().startsWith("filter: at 7: expected an operator"));
        assertEquals("filter: at 1: expected a field name, '(' or 'not', got '=='", err("== 3").getMessage());
        assertEquals(14, err("id.resp_p == http").position());
        assertEquals("filter: at 14: expected an integer for 'id.resp_p', got 'http'", err("id.resp_p == http").getMessage());
        assertEquals(9, err("host == 10.0.0.256").position());
        assertTrue(err("host == 10.0.0.0/33").getMessage().contains("0 to 32 for IPv4"));
        assertTrue(err("host == 2001:db8::/129").getMessage().contains("0 to 128 for IPv6"));
        assertEquals("filter: at 6: '<' does not apply to address field 'host'; use ==, != or in",
                err("host < 10.0.0.1").getMessage());
        assertTrue(err("id.resp_p ~ 80").getMessage().contains("applies to string fields"));
        assertEquals("filter: at 14: expected 'and', 'or' or the end of the filter, got 'proto'",
                err("proto == tcp proto udp").getMessage());
        assertEquals("filter: at 13: unmatched ')'", err("proto == tcp)").getMessage());
        assertEquals("filter: at 14: expected ')' to close '(' at 1, got the end of the filter",
                err("(proto == tcp").getMessage());
        assertEquals("filter: at 18: expected ',' or ')' in the list opened at 14, got '443'",
                err("id.resp_p in (80 443)").getMessage());
        assertEquals(15, err("id.resp_p in ()").position());
        assertEquals("filter: at 15: expected 'in' after 'not', got '('", err("id.resp_p not (80)").getMessage());
        assertEquals("filter: at 8: unterminated string: no closing \"", err("uid == \"abc").getMessage());
        assertEquals("filter: at 13: unexpected character ';'", err("proto == tcp; drop table flows").getMessage());
        assertTrue(err("proto == tcp & udp").getMessage().contains("did you mean '&&'"));
        assertTrue(err("vlan < null").getMessage().contains("null compares only with == or !="));
        assertTrue(err("ts > yesterday").getMessage().contains("expected a time"));
        assertTrue(err("orig_bytes > 99999999999999999999").getMessage().contains("out of range"));
        assertEquals("filter: at 17: expected a field name, '(' or 'not', got the end of the filter",
                err("proto == tcp and").getMessage());
    }

    @Test
    void unknownFieldListsKnownOnes() {
        FilterException e = err("proto == tcp and foo == 1");
        assertEquals(18, e.position());
        assertTrue(e.getMessage().startsWith("filter: at 18: unknown field 'foo'; known fields: ts, uid, id.orig_h"));
        for (String name : R.names()) assertTrue(e.getMessage().contains(name), name);
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void lengthIsBounded() {
        String ok = "proto == tcp" + " or proto == tcp".repeat((Filter.MAX_LENGTH - 12) / 16);
        assertTrue(ok.length() <= Filter.MAX_LENGTH);
        assertInstanceOf(Expr.Or.class, p(ok));
        String tooLong = "uid == " + "x".repeat(Filter.MAX_LENGTH);
        FilterException e = err(tooLong);
        assertEquals(Filter.MAX_LENGTH + 1, e.position());
        assertTrue(e.getMessage().contains("longer than 4096"));
    }

    @Test
    void depthIsBounded() {
        int d = Filter.MAX_DEPTH;
        String atLimit = "(".repeat(d - 1) + "proto == tcp" + ")".repeat(d - 1);
        assertEquals(proto("tcp"), p(atLimit));
        FilterException e = err("(".repeat(d) + "proto == tcp" + ")".repeat(d));
        assertEquals(d + 1, e.position());
        assertTrue(e.getMessage().contains("nested deeper than 64"));
        assertTrue(err("not ".repeat(d) + "proto == tcp").getMessage().contains("nested deeper"));
        // the hostile maximum: only parentheses, no stack overflow
        assertTrue(err("(".repeat(Filter.MAX_LENGTH)).getMessage().contains("nested deeper"));
        assertTrue(err("!".repeat(Filter.MAX_LENGTH)).getMessage().contains("nested deeper"));
    }
}
