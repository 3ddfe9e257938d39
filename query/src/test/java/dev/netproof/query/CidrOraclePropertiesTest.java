package dev.netproof.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.query.filter.Filter;
import dev.netproof.query.filter.Value;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** CIDR and equality filters in DuckDB agree with a Java oracle on unsigned 128-bit order. */
class CidrOraclePropertiesTest {

    static Connection c;

    @BeforeContainer
    static void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:duckdb:");
        dev.netproof.store.Schema.create(c);
        StoreFixture.insert(c, StoreFixture.FLOWS);
    }

    @AfterContainer
    static void close() throws SQLException {
        c.close();
    }

    record Block(IpAddress base, int prefix, boolean v4) {
        String text() {
            if (v4) return base + "/" + (prefix - 96);
            // a mapped address written as IPv6, so that the prefix counts 128 bits
            return (base.isV4() ? "::ffff:" + base : base.toString()) + "/" + prefix;
        }
    }

    @Provide
    Arbitrary<Block> blocks() {
        Arbitrary<IpAddress> fixture = Arbitraries.of(StoreFixture.FLOWS.stream()
                .flatMap(f -> java.util.stream.Stream.of(f.origH(), f.respH())).distinct().toList());
        Arbitrary<IpAddress> random = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::new);
        Arbitrary<IpAddress> base = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, fixture), net.jqwik.api.Tuple.of(1, random));
        return Combinators.combine(base, Arbitraries.integers().between(0, 128)).as((a, p) -> {
            boolean v4 = a.isV4() && p >= 96;
            return new Block(a, p, v4);
        });
    }

    @Property(tries = 300)
    void cidrMatchesOracle(@ForAll("blocks") Block b, @ForAll boolean orig, @ForAll boolean negate) throws SQLException {
        String field = orig ? "id.orig_h" : "id.resp_h";
        Value.Block block = Value.Block.of(b.base(), b.prefix());
        Set<String> expected = StoreFixture.FLOWS.stream()
                .filter(f -> {
                    IpAddress a = orig ? f.origH() : f.respH();
                    boolean in = a.compareTo(block.first()) >= 0 && a.compareTo(block.last()) <= 0;
                    return in != negate;
                })
                .map(Flow::uid).collect(Collectors.toCollection(TreeSet::new));
        String filter = field + (negate ? " not in " : " in ") + b.text();
        Set<String> actual = FlowSearch.of(Filter.parse(filter)).withLimit(FlowSearch.MAX_LIMIT).run(c).rows()
                .stream().map(r -> (String) r.get("uid")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual, filter);
    }

    @Property(tries = 100)
    void equalityMatchesOracle(@ForAll("blocks") Block b) throws SQLException {
        IpAddress a = b.base();
        Set<String> expected = StoreFixture.FLOWS.stream()
                .filter(f -> f.origH().equals(a) || f.respH().equals(a))
                .map(Flow::uid).collect(Collectors.toCollection(TreeSet::new));
        Set<String> actual = FlowSearch.of("host == " + a).withLimit(FlowSearch.MAX_LIMIT).run(c).rows()
                .stream().map((Map<String, Object> r) -> (String) r.get("uid")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual, a.toString());
    }
}
