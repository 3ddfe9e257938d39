package dev.netproof.flow.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PassiveDnsTest {
    static DnsEvent answer(String query, List<String> answers) {
        return new DnsEvent(1, "Cx", IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.53"), 53, Transport.UDP,
                1, 1000, query, 1, 1, 0, false, false, true, true, answers, answers.stream().map(a -> 60L).toList(),
                DnsEvent.Status.ANSWERED, 0, "t");
    }

    static Flow flow(String orig, String resp) {
        return new Flow(2000, "Cf", IpAddress.parse(orig), 40001, IpAddress.parse(resp), 443, Transport.TCP, 6, 0, 0, 0, "S0",
                "S", 1, 60, 0, 0, -1, -1, "1:x", CloseReason.IDLE, "t", null, null, null);
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
                6, 500, 0, 0, "S0", "S", 1, 60, 0, 0, -1, -1, "1:x", CloseReason.IDLE, "t", null, null, null);
        names.learn(new DnsEvent(600, "Cx", IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.53"), 53,
                Transport.UDP, 1, 100, "later.example", 1, 1, 0, false, false, true, true, List.of("192.0.2.7"), List.of(60L),
                DnsEvent.Status.ANSWERED, 0, "t"));
        assertNull(names.annotate(early).respName(), "answered at 700 ns, the flow's last packet was at 510");
        Flow later = early.withNames(null, null);
        assertEquals("later.example", names.annotate(new Flow(10, "Cg", later.origH(), 40002, later.respH(), 443,
                Transport.TCP, 6, 1000, 0, 0, "S0", "S", 1, 60, 0, 0, -1, -1, "1:x", CloseReason.IDLE, "t", null, null, null))
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
