package dev.netproof.core.ledger;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageCountersTest {
    enum M { PACKETS, ERROR__BAD_MAGIC }

    @Test
    void countsArePerSecondAndTotalsAddUp() {
        List<QualityRow> rows = new ArrayList<>();
        var c = new StageCounters("f.pcap", "read", M.class, rows::add);
        c.at(100);
        c.inc(M.PACKETS);
        c.inc(M.PACKETS);
        c.at(100);
        c.add(M.ERROR__BAD_MAGIC, 3);
        c.at(101);
        c.inc(M.PACKETS);
        c.flush();
        assertEquals(List.of(
                new QualityRow("f.pcap", 100, "read", "packets", 2),
                new QualityRow("f.pcap", 100, "read", "error.bad_magic", 3),
                new QualityRow("f.pcap", 101, "read", "packets", 1)), rows);
        assertEquals(3, c.total(M.PACKETS));
        assertEquals(3, rows.stream().filter(r -> r.metric().equals("packets")).mapToLong(QualityRow::value).sum());
    }

    @Test
    void prefixIsPutBeforeEveryName() {
        List<QualityRow> rows = new ArrayList<>();
        var c = new StageCounters("s", "decode", "error.", M.class, rows::add);
        c.inc(M.PACKETS);
        c.flush();
        assertEquals("error.packets", rows.get(0).metric());
        assertEquals(0, rows.get(0).second());
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new QualityRow("s", 1, "x", "y", -1));
    }
}
