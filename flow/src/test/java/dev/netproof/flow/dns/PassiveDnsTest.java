package dev.netproof.flow.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.decode.dns.DnsDecoder;
import dev.netproof.decode.dns.DnsMessage;
import dev.netproof.decode.dns.DnsRecord;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PassiveDnsTest {
    static DnsEvent answer(String query, List<String> answers) {
        return new DnsEvent(1, "Cx", IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.53"), 53, Transport.UDP,
                1, 1000, query, 1, 1, 0, false, false, true, true, answers, answers.stream().map(a -> 60L).toList(),
                DnsEvent.Status.ANSWERED, 0, "t");
    }

    static Flow flow(String orig, String resp) {
        return new Flow(2000, "Cf", IpAddress.parse(orig), 40001, IpAddress.parse(resp), 443, Transport.TCP, 6, 0, 0, 0, "S0",
                "S", 1, 60, 0, 0, -1, -1, CloseReason.IDLE, "t", null, null, null);
    }

    @Test
    void addressesAnsweredGetTheNameAskedForAndOthersStay() {
        PassiveDns names = new PassiveDns(100);
        names.learn(answer("www.example.com", List.of("www.example.net", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946",
                "10 mail.example.com", "v=spf1 -all")));
        assertEquals("www.example.com", names.nameOf(IpAddress.parse("93.184.216.34")));
        assertEquals("www.example.com", names.nameOf(IpAddress.parse("2606:2800:220:1:248:1893:25c8:1946")));
        assertEquals(2, names.size(), "the CNAME, MX and TXT data are not addresses");
        Flow f = names.annotate(flow("10.0.0.1", "93.184.216.34"));
        assertNull(f.origName());
        assertEquals("www.example.com", f.respName());
        Flow unknown = flow("10.0.0.1", "192.0.2.1");
        assertSame(unknown, names.annotate(unknown));
        names.learn(answer("cdn.example.org", List.of("93.184.216.34")));
        assertEquals("cdn.example.org", names.nameOf(IpAddress.parse("93.184.216.34")), "the latest answer wins");
    }

    @Test
    void aNameLearntAfterTheFlowEndedIsNotTheFlows() {
        PassiveDns names = new PassiveDns(100);
        Flow early = new Flow(10, "Cf", IpAddress.parse("10.0.0.1"), 40001, IpAddress.parse("192.0.2.7"), 443, Transport.TCP,
                6, 500, 0, 0, "S0", "S", 1, 60, 0, 0, -1, -1, CloseReason.IDLE, "t", null, null, null);
        names.learn(new DnsEvent(600, "Cx", IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.53"), 53,
                Transport.UDP, 1, 100, "later.example", 1, 1, 0, false, false, true, true, List.of("192.0.2.7"), List.of(60L),
                DnsEvent.Status.ANSWERED, 0, "t"));
        assertNull(names.annotate(early).respName(), "answered at 700 ns, the flow's last packet was at 510");
        Flow later = early.withNames(null, null);
        assertEquals("later.example", names.annotate(new Flow(10, "Cg", later.origH(), 40002, later.respH(), 443,
                Transport.TCP, 6, 1000, 0, 0, "S0", "S", 1, 60, 0, 0, -1, -1, CloseReason.IDLE, "t", null, null, null))
                .respName());
    }

    @Test
    void atMostCapacityAddressesAreKeptAndTheEvictionsCounted() {
        PassiveDns names = new PassiveDns(3);
        for (int i = 1; i <= 10; i++) names.learn(answer("h" + i + ".example", List.of("192.0.2." + i)));
        assertEquals(3, names.size());
        assertEquals(7, names.evicted());
        assertNull(names.nameOf(IpAddress.parse("192.0.2.1")));
        assertEquals("h10.example", names.nameOf(IpAddress.parse("192.0.2.10")));
    }

    @Test
    void anAddressUsedByAFlowOutlivesOneAnsweredOnceAndNeverUsed() {
        PassiveDns names = new PassiveDns(3);
        for (int i = 1; i <= 3; i++) names.learn(answer("h" + i + ".example", List.of("192.0.2." + i)));
        assertEquals("h1.example", names.annotate(flow("10.0.0.1", "192.0.2.1")).respName());
        names.learn(answer("h4.example", List.of("192.0.2.4")));
        assertEquals("h1.example", names.nameOf(IpAddress.parse("192.0.2.1")), "looked up since the hand passed");
        assertNull(names.nameOf(IpAddress.parse("192.0.2.2")), "answered once, never used: the first to go");
        assertEquals(1, names.evicted());
    }

    @Test
    void growsAsAddressesComeUpToItsCapacity() {
        PassiveDns names = new PassiveDns(3000);
        for (int i = 0; i < 2500; i++) names.learn(answer("h" + i + ".example", List.of(IpAddress.ofV4(0x0A00_0000 + i).toString())));
        assertEquals(2500, names.size());
        for (int i = 0; i < 2500; i++) assertEquals("h" + i + ".example", names.nameOf(IpAddress.ofV4(0x0A00_0000 + i)));
        for (int i = 2500; i < 3500; i++) names.learn(answer("h" + i + ".example", List.of(IpAddress.ofV4(0x0A00_0000 + i).toString())));
        assertEquals(3000, names.size());
        assertEquals(500, names.evicted());
        assertEquals("h3499.example", names.nameOf(IpAddress.ofV4(0x0A00_0000 + 3499)));
    }

    @Test
    void decodedAnswersTeachTheAddressesOfTheirAAndAaaaRecordsOnly() {
        // www.example.com: CNAME, A, AAAA and a TXT record whose text looks like an address
        DnsMessage response = new DnsMessage(1, true, 0, false, false, true, true, 0, 1, 4, 0, 0, List.of(),
                List.of(new DnsRecord("www.example.com", DnsDecoder.CNAME, 1, 60, "cdn.example.net", List.of()),
                        new DnsRecord("cdn.example.net", DnsDecoder.A, 1, 60, "93.184.216.34", List.of()),
                        new DnsRecord("cdn.example.net", DnsDecoder.AAAA, 1, 60, "2606:2800:220:1::1946", List.of()),
                        new DnsRecord("cdn.example.net", DnsDecoder.TXT, 1, 60, "192.0.2.9", List.of("192.0.2.9"))),
                List.of(), List.of(), null);
        PassiveDns names = new PassiveDns(10);
        names.learn(answer("www.example.com", List.of()), response);
        assertEquals("www.example.com", names.nameOf(IpAddress.parse("93.184.216.34")));
        assertEquals("www.example.com", names.nameOf(IpAddress.parse("2606:2800:220:1::1946")));
        assertNull(names.nameOf(IpAddress.parse("192.0.2.9")), "a TXT string is not an address of the name");
        assertEquals(2, names.size());
        names.learn(answer("www.example.com", List.of()), null);
        assertEquals(2, names.size(), "an unanswered query teaches nothing");
    }

    /**
     * The open-addressing table against a reference that keeps the same entries in a list and finds them
     * by a linear search: the same clock, so the same addresses must be remembered, with the same names,
     * whatever the order of answers and lookups (small capacities make evictions and the index's
     * back-shifts frequent).
     */
    @Property(tries = 300)
    void remembersWhatALinearSearchOfTheSameClockRemembers(@ForAll @IntRange(min = 1, max = 40) int capacity,
                                                           @ForAll("operations") List<Integer> operations) {
        PassiveDns names = new PassiveDns(capacity);
        Reference reference = new Reference(capacity);
        List<IpAddress> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            addresses.add(i % 3 == 0 ? IpAddress.ofV6(0x2001_0db8_0000_0000L + i, i * 0x1_0000_0001L)
                    : IpAddress.ofV4(0xC000_0200 + i));
        }
        int step = 0;
        for (int op : operations) {
            IpAddress a = addresses.get(Math.floorMod(op, addresses.size()));
            if (op >= 0) {
                String name = "n" + step + ".example";
                names.learn(answer(name, List.of(a.toString())));
                reference.learn(a, name);
            } else {
                assertEquals(reference.lookup(a), names.annotate(flow("10.9.9.9", a.toString())).respName(), "step " + step);
            }
            step++;
            assertEquals(reference.size(), names.size());
            assertEquals(reference.evicted, names.evicted());
        }
        for (IpAddress a : addresses) assertEquals(reference.peek(a), names.nameOf(a), a.toString());
    }

    @Provide
    net.jqwik.api.Arbitrary<List<Integer>> operations() {
        return net.jqwik.api.Arbitraries.integers().between(-120, 119).list().ofMaxSize(600);
    }

    /** The clock of {@link PassiveDns} over plain lists. */
    private static final class Reference {
        final int capacity;
        final List<IpAddress> keys = new java.util.ArrayList<>();
        final List<String> values = new java.util.ArrayList<>();
        final List<Boolean> used = new java.util.ArrayList<>();
        int hand;
        long evicted;

        Reference(int capacity) {
            this.capacity = capacity;
        }

        int size() {
            return keys.size();
        }

        void learn(IpAddress a, String name) {
            int i = keys.indexOf(a);
            if (i >= 0) {
                values.set(i, name);
                used.set(i, true);
                return;
            }
            if (keys.size() < capacity) {
                keys.add(a);
                values.add(name);
                used.add(false);
                return;
            }
            while (used.get(hand)) {
                used.set(hand, false);
                hand = (hand + 1) % keys.size();
            }
            keys.set(hand, a);
            values.set(hand, name);
            used.set(hand, false);
            hand = (hand + 1) % keys.size();
            evicted++;
        }

        String lookup(IpAddress a) {
            int i = keys.indexOf(a);
            if (i < 0) return null;
            used.set(i, true);
            return values.get(i);
        }

        String peek(IpAddress a) {
            int i = keys.indexOf(a);
            return i < 0 ? null : values.get(i);
        }
    }

    @Test
    void dottedQuadsAreReadAsTheGeneralParserReadsThem() {
        for (String t : List.of("1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1..2.3", "1.2.3.4.",
                ".1.2.3", "1.2.3.4 ", "01.2.3.4", "1.2.3.0004", "10 mail.example.com", "example.com", "1.2.3.a")) {
            IpAddress general;
            try {
                general = IpAddress.parse(t);
            } catch (IllegalArgumentException e) {
                general = null;
            }
            IpAddress fast = PassiveDns.address(t);
            if (fast != null) assertEquals(general, fast, t);
            if (general != null && general.isV4() && t.matches("[0-9.]+")) assertEquals(general, fast, t);
        }
    }

    @Property(tries = 2000)
    void anyAnswerTextIsReadWithoutAnException(@ForAll String data) {
        IpAddress a = PassiveDns.address(data);
        if (a != null) assertEquals(IpAddress.parse(data), a);
    }
}
