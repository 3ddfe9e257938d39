package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction tables keep their addresses as numbers only ({@link Schema#EVENT_ADDRESS_COLUMNS}): a new row's
 * text columns are NULL, and what readers select ({@link Schema#EVENT_ORIG_H}) is the text {@link IpAddress} gives,
 * IPv4 and IPv6 alike; a store written before keeps its rows' stored text, and takes new rows.
 */
class EventAddressTextTest {
    @TempDir Path dir;

    private static final List<String> ADDRESSES = List.of("10.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.53",
            "2001:db8::1", "::1", "::", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1", "2001:0:0:1::",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "::ffff:192.0.2.1", "64:ff9b::c000:221", "1::");

    @Test
    void newRowsKeepNumbersOnlyAndReadBackTheSameText() throws Exception {
        List<DnsEvent> rows = new ArrayList<>();
        for (int i = 0; i < ADDRESSES.size(); i++) {
            rows.add(dns(i, ADDRESSES.get(i), ADDRESSES.get(ADDRESSES.size() - 1 - i)));
        }
        try (Store store = Store.inMemory()) {
            try (StoreWriter w = new StoreWriter(store, 100, 2)) {
                for (DnsEvent e : rows) w.add(e);
            }
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT uid, orig_h, resp_h, " + Schema.EVENT_ORIG_H + ", "
                         + Schema.EVENT_RESP_H + " FROM dns_events ORDER BY ts_ns")) {
                int n = 0;
                while (rs.next()) {
                    DnsEvent e = rows.get(n++);
                    assertEquals(e.uid(), rs.getString(1));
                    assertNull(rs.getString(2), "no text stored");
                    assertNull(rs.getString(3), "no text stored");
                    assertEquals(e.origH().toString(), rs.getString(4), e.uid());
                    assertEquals(e.respH().toString(), rs.getString(5), e.uid());
                }
                assertEquals(rows.size(), n);
            }
        }
    }

    @Test
    void aStoreWithStoredTextKeepsItAndTakesNewRows() throws Exception {
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 100, 2)) {
                w.add(dns(0, "10.0.0.1", "10.0.0.53"));
            }
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                // as an older build left it: the text stored, and required
                s.execute("UPDATE dns_events SET orig_h = 'stored-orig', resp_h = 'stored-resp'");
                s.execute("ALTER TABLE dns_events ALTER COLUMN orig_h SET NOT NULL");
                s.execute("ALTER TABLE dns_events ALTER COLUMN resp_h SET NOT NULL");
                s.execute("DELETE FROM np_schema"); // its catalogue is made again at the next open
            }
        }
        try (Store store = Store.open(dir)) {
            try (StoreWriter w = new StoreWriter(store, 100, 2)) {
                w.add(dns(1, "2001:db8::7", "10.0.0.53"));
            }
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + Schema.EVENT_ORIG_H + ", " + Schema.EVENT_RESP_H
                         + " FROM dns_events ORDER BY ts_ns")) {
                rs.next();
                assertEquals(List.of("stored-orig", "stored-resp"), List.of(rs.getString(1), rs.getString(2)));
                rs.next();
                assertEquals(List.of("2001:db8::7", "10.0.0.53"), List.of(rs.getString(1), rs.getString(2)));
            }
        }
    }

    private static DnsEvent dns(int i, String orig, String resp) {
        return new DnsEvent(1_700_000_000_000_000_000L + i * 1_000_000L, "C" + i, IpAddress.parse(orig), 40000 + i,
                IpAddress.parse(resp), 53, Transport.UDP, i, 1_000_000L, "n" + i + ".example", 1, 1, 0,
                false, false, true, true, List.of("192.0.2.1"), List.of(300L), DnsEvent.Status.ANSWERED, 0, "t.pcap");
    }
}
