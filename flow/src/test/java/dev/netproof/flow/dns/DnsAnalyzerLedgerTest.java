package dev.netproof.flow.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What passive DNS forgets for lack of room is counted in the DNS ledger. */
class DnsAnalyzerLedgerTest {
    /** A length-prefixed query (or its response with one A record 192.0.2.{last}) for {@code name}. */
    static byte[] framed(int id, String name, boolean response, int last) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int[] header = {id, response ? 0x8180 : 0x0100, 1, response ? 1 : 0, 0, 0};
        for (int v : header) {
            b.write(v >>> 8);
            b.write(v);
        }
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(new byte[] {0, 0, 1, 0, 1});
        if (response) b.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, (byte) 192, 0, 2, (byte) last});
        byte[] m = b.toByteArray();
        byte[] out = new byte[m.length + 2];
        out[0] = (byte) (m.length >>> 8);
        out[1] = (byte) m.length;
        System.arraycopy(m, 0, out, 2, m.length);
        return out;
    }

    @Test
    void addressesPassiveDnsForgetsAreCounted() {
        List<QualityRow> ledger = new ArrayList<>();
        List<DnsEvent> events = new ArrayList<>();
        PassiveDns names = new PassiveDns(1);
        DnsAnalyzer dns = new DnsAnalyzer("t", ledger::add, events::add, names);
        StreamConsumer c = dns.tcp(new ConnectionId("Cx", IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.53"), 53, -1));
        for (int i = 1; i <= 3; i++) {
            byte[] q = framed(i, "h" + i + ".example", false, 0), r = framed(i, "h" + i + ".example", true, i);
            c.data(true, MemorySegment.ofArray(q), 0, q.length, 1_000_000_000L * i);
            c.data(false, MemorySegment.ofArray(r), 0, r.length, 1_000_000_000L * i + 1000);
        }
        c.end(10_000_000_000L);
        dns.finish();
        assertEquals(3, events.size());
        assertEquals(1, names.size());
        assertEquals("h3.example", names.nameOf(IpAddress.parse("192.0.2.3")));
        long evicted = ledger.stream().filter(r -> r.stage().equals("dns") && r.metric().equals("names_evicted"))
                .mapToLong(QualityRow::value).sum();
        assertEquals(2, evicted);
    }
}
