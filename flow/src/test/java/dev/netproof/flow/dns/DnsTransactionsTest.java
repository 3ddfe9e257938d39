package dev.netproof.flow.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.decode.dns.DnsMessage;
import dev.netproof.decode.dns.DnsQuestion;
import dev.netproof.decode.dns.DnsRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsTransactionsTest {
    private static final long MS = 1_000_000L;
    private static final IpAddress CLIENT = IpAddress.parse("10.0.0.1"), SERVER = IpAddress.parse("8.8.8.8");
    private static final DnsTransactions.Endpoints ASK = new DnsTransactions.Endpoints("Cflow1", CLIENT, 5353, SERVER, 53, Transport.UDP);
    private static final DnsTransactions.Endpoints REPLY = new DnsTransactions.Endpoints("Cflow1", SERVER, 53, CLIENT, 5353, Transport.UDP);

    private final List<DnsEvent> events = new ArrayList<>();
    private final DnsTransactions tx = new DnsTransactions(5_000 * MS, 3, "test", events::add);

    private static DnsMessage query(int id, String name) {
        return new DnsMessage(id, false, 0, false, false, true, false, 0, 1, 0, 0, 0,
                List.of(new DnsQuestion(name, 1, 1)), List.of(), List.of(), List.of(), null);
    }

    private static DnsMessage response(int id, String name, int rcode, String... addresses) {
        List<DnsRecord> answers = new ArrayList<>();
        for (String a : addresses) answers.add(new DnsRecord(name, 1, 1, 300, a, List.of()));
        return new DnsMessage(id, true, 0, false, false, true, true, rcode, 1, answers.size(), 0, 0,
                List.of(new DnsQuestion(name, 1, 1)), answers, List.of(), List.of(), null);
    }

    @Test
    void aQueryAndItsResponseMakeOneAnsweredEvent() {
        tx.accept(1_000 * MS, ASK, query(7, "example.com"));
        assertTrue(events.isEmpty(), "waits for the response");
        tx.accept(1_012 * MS, REPLY, response(7, "EXAMPLE.com", 0, "93.184.216.34", "93.184.216.35"));
        assertEquals(1, events.size());
        DnsEvent e = events.get(0);
        assertEquals(DnsEvent.Status.ANSWERED, e.status());
        assertEquals(12 * MS, e.rttNanos());
        assertEquals(1_000 * MS, e.tsNanos());
        assertEquals(CLIENT, e.origH());
        assertEquals(53, e.respP());
        assertEquals("example.com", e.query());
        assertEquals(List.of("93.184.216.34", "93.184.216.35"), e.answers());
        assertEquals(List.of(300L, 300L), e.ttls());
        assertEquals(0, e.rcode());
        assertTrue(e.recursionDesired() && e.recursionAvailable());
        assertEquals(0, tx.pending());
    }

    @Test
    void copiesOfAWaitingQueryAreDuplicates() {
        tx.accept(0, ASK, query(7, "example.com"));
        tx.accept(1_000 * MS, ASK, query(7, "example.com"));
        tx.accept(2_000 * MS, ASK, query(7, "example.com"));
        tx.accept(2_010 * MS, REPLY, response(7, "example.com", 3));
        assertEquals(1, events.size());
        assertEquals(2, events.get(0).duplicates());
        assertEquals(2_010 * MS, events.get(0).rttNanos(), "from the first copy, as Zeek does");
        assertEquals(3, events.get(0).rcode());
    }

    @Test
    void aQueryWithoutResponseIsUnansweredAfterTheTimeoutOrAtTheEnd() {
        tx.accept(0, ASK, query(1, "a.example"));
        tx.accept(1_000 * MS, ASK, query(2, "b.example"));
        tx.expire(4_999 * MS);
        assertTrue(events.isEmpty());
        tx.expire(5_000 * MS);
        assertEquals(List.of("a.example"), events.stream().map(DnsEvent::query).toList());
        assertEquals(DnsEvent.Status.UNANSWERED, events.get(0).status());
        assertEquals(-1, events.get(0).rcode());
        assertEquals(-1, events.get(0).rttNanos());
        tx.finish();
        assertEquals(2, events.size());
        assertEquals(0, tx.pending());
    }

    @Test
    void aResponseWithoutItsQueryStandsAloneWithTheAskerAsOriginator() {
        tx.accept(0, REPLY, response(9, "x.example", 0, "1.2.3.4"));
        DnsEvent e = events.get(0);
        assertEquals(DnsEvent.Status.RESPONSE_ONLY, e.status());
        assertEquals(CLIENT, e.origH());
        assertEquals(5353, e.origP());
        assertEquals(List.of("1.2.3.4"), e.answers());
    }

    @Test
    void onlyTheSameFlowIdAndQuestionPairUp() {
        tx.accept(0, ASK, query(7, "example.com"));
        tx.accept(1, new DnsTransactions.Endpoints("Cother", SERVER, 53, CLIENT, 5353, Transport.UDP),
                response(7, "example.com", 0));
        tx.accept(2, REPLY, response(8, "example.com", 0));
        tx.accept(3, REPLY, response(7, "example.org", 0));
        assertEquals(3, events.size());
        assertTrue(events.stream().allMatch(e -> e.status() == DnsEvent.Status.RESPONSE_ONLY));
        assertEquals(1, tx.pending());
    }

    @Test
    void waitingQueriesAreBoundedAndTheOldestGoFirst() {
        for (int i = 0; i < 5; i++) tx.accept(i, ASK, query(i, "n" + i + ".example"));
        assertEquals(3, tx.pending());
        assertEquals(2, tx.evicted());
        assertEquals(List.of("n0.example", "n1.example"), events.stream().map(DnsEvent::query).toList());
        assertTrue(events.stream().allMatch(e -> e.status() == DnsEvent.Status.UNANSWERED));
    }
}
