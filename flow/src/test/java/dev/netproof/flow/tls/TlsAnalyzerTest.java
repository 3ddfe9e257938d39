package dev.netproof.flow.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.tls.TlsError;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import dev.netproof.testkit.Corpus;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One connection at a time through {@link StreamConsumer}: what comes out, when, and what the ledger says. */
class TlsAnalyzerTest {
    static final ConnectionId ID = new ConnectionId("Cx", IpAddress.parse("10.0.0.1"), 40000,
            IpAddress.parse("10.0.0.2"), 8443, -1);
    static final long T0 = 1_700_000_000_000_000_000L;

    final List<TlsEvent> events = new ArrayList<>();
    final List<QualityRow> ledger = new ArrayList<>();
    final TlsAnalyzers tls = new TlsAnalyzers("unit", ledger::add, events::add);

    /** A minimal ClientHello record: TLS 1.2, one suite, no extensions. */
    static byte[] clientHello() {
        byte[] b = new byte[5 + 4 + 41];
        int i = 0;
        for (int v : new int[] {22, 3, 1, 0, 45, 1, 0, 0, 41, 3, 3}) b[i++] = (byte) v;
        i += 32;
        for (int v : new int[] {0, 0, 2, 0x13, 0x01, 1, 0}) b[i++] = (byte) v;
        return b;
    }

    static void send(StreamConsumer c, boolean fromOrig, byte[] bytes, long ts) {
        c.data(fromOrig, MemorySegment.ofArray(bytes), 0, bytes.length, ts);
    }

    @Test
    void aConnectionThatIsNotTlsGivesNoEvent() {
        send(tls.open(ID, T0), true, "GET / HTTP/1.1\r\n\r\n".getBytes(), T0);
        StreamConsumer serverFirst = tls.open(ID, T0);
        send(serverFirst, false, "220 smtp ready\r\n".getBytes(), T0);
        send(serverFirst, true, clientHello(), T0 + 1);
        serverFirst.end(T0 + 2);
        StreamConsumer shortOne = tls.open(ID, T0);
        send(shortOne, true, new byte[] {22, 3, 1}, T0);
        shortOne.end(T0 + 1);
        StreamConsumer gapFirst = tls.open(ID, T0);
        gapFirst.gap(true, 100, T0);
        send(gapFirst, true, clientHello(), T0 + 1);
        gapFirst.end(T0 + 2);
        assertEquals(List.of(), events);
        assertEquals(4, tls.total(TlsAnalyzers.Metric.CONNECTIONS));
        assertEquals(2, tls.total(TlsAnalyzers.Metric.NOT_TLS));
        assertEquals(2, tls.total(TlsAnalyzers.Metric.UNDECIDED));
    }

    @Test
    void aHelloInDribsIsFoundAndAnUnansweredOneEndsUnestablished() {
        StreamConsumer c = tls.open(ID, T0);
        byte[] ch = clientHello();
        for (int i = 0; i < ch.length; i++) c.data(true, MemorySegment.ofArray(ch), i, 1, T0 + i);
        assertEquals(List.of(), events, "nothing before the end: the server may still answer");
        c.end(T0 + 1000);
        TlsEvent e = events.getFirst();
        assertEquals(T0 + ch.length - 1, e.tsNanos(), "the time of the byte that completed the hello");
        assertEquals("C", e.sslHistory());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), e.clientCiphers());
        assertEquals("TLSv12", e.clientVersion());
        assertTrue(e.helloWhole());
        assertFalse(e.established());
        assertEquals(-1, e.handshakeNanos());
        assertNull(e.version());
        assertEquals("771,4865,,,", e.ja3());
    }

    @Test
    void gapsInBothDirectionsEndTheParseEarlyAndAreCounted() {
        StreamConsumer c = tls.open(ID, T0);
        byte[] ch = clientHello();
        c.data(true, MemorySegment.ofArray(ch), 0, 20, T0);
        c.gap(true, 30, T0 + 1);
        c.gap(false, -1, T0 + 2);
        assertEquals(1, events.size(), "both parsers stopped: nothing more to learn");
        TlsEvent e = events.getFirst();
        assertFalse(e.helloWhole());
        assertEquals(T0, e.tsNanos(), "no hello: the time of the first client bytes");
        assertEquals("orig:gap", e.error());
        c.end(T0 + 3);
        assertEquals(1, events.size());
        assertEquals(2, tls.total(TlsAnalyzers.Metric.GAPS));
        assertEquals(2, tls.total(TlsError.GAP));
    }

    @Test
    void alertsAreKeptUpToTheCapAndTheRestCounted() {
        StreamConsumer c = tls.open(ID, T0);
        send(c, true, clientHello(), T0);
        byte[] alerts = new byte[20 * 7];
        for (int i = 0; i < 20; i++) System.arraycopy(new byte[] {21, 3, 3, 0, 2, 1, 0}, 0, alerts, 7 * i, 7);
        alerts[alerts.length - 2] = 2;
        alerts[alerts.length - 1] = 40;
        send(c, false, alerts, T0 + 5);
        c.end(T0 + 6);
        TlsEvent e = events.getFirst();
        assertEquals(TlsEvent.MAX_ALERTS, e.alerts().size());
        assertEquals(new TlsEvent.Alert(false, false, "warning", "close_notify"), e.alerts().getFirst());
        assertEquals("handshake_failure", e.lastAlert());
        assertEquals(4, tls.total(TlsAnalyzers.Metric.ALERTS_DROPPED));
        assertEquals("C" + "l".repeat(20), e.sslHistory());
    }

    @Test
    void anEstablishedHandshakeIsSentAtOnceAndTheRestIgnored() throws Exception {
        TcpStreams.Conn conn = TcpStreams.read(Corpus.bundled("zeek-tls12").path()).getFirst();
        StreamConsumer c = tls.open(conn.id(), 0);
        int sentAt = -1, i = 0;
        for (TcpStreams.Chunk k : conn.chunks()) {
            send(c, k.fromOrig(), k.bytes(), k.tsNanos());
            if (sentAt < 0 && !events.isEmpty()) sentAt = i;
            i++;
        }
        c.end(conn.endTs());
        assertEquals(1, events.size());
        assertTrue(sentAt < conn.chunks().size() - 1, "sent before the connection's last bytes: " + sentAt);
        TlsEvent e = events.getFirst();
        assertTrue(e.established());
        assertEquals(80_787_000, e.handshakeNanos(), "ClientHello to the server's Finished, from the capture");
        assertEquals("CN=*.taleo.net,OU=Comodo PremiumSSL Wildcard,OU=Web,O=Taleo Inc.,STREET=4140 Dublin Boulevard,"
                + "STREET=Suite 400,L=Dublin,ST=CA,2.5.4.17=#13053934353638,C=US", e.certSubject());
        assertEquals(List.of("*.taleo.net", "taleo.net"), e.certSan());
        assertEquals("2016-07-04T23:59:59Z", e.certNotValidAfter().toString());
        assertEquals(1, tls.total(TlsAnalyzers.Metric.ESTABLISHED));
        assertEquals(3, tls.total(TlsAnalyzers.Metric.CERTIFICATES));
        assertTrue(tls.total(TlsAnalyzers.Metric.ENCRYPTED_RECORDS) >= 2);
    }

    /** A hello record (type 1 or 2) of TLS 1.2 with a 32-byte session id of {@code id}s, suite 0xc02f, no extensions. */
    static byte[] hello(int type, int id) {
        int body = 2 + 32 + 1 + 32 + (type == 1 ? 4 + 2 : 3);
        byte[] b = new byte[5 + 4 + body];
        int i = 0;
        for (int v : new int[] {22, 3, 3, 0, 4 + body, type, 0, 0, body, 3, 3}) b[i++] = (byte) v;
        i += 32;
        b[i++] = 32;
        for (int k = 0; k < 32; k++) b[i++] = (byte) id;
        int[] rest = type == 1 ? new int[] {0, 2, 0xc0, 0x2f, 1, 0} : new int[] {0xc0, 0x2f, 0};
        for (int v : rest) b[i++] = (byte) v;
        return b;
    }

    @Test
    void aSessionIdTheServerEchoesIsAResumption() {
        for (int serverId : new int[] {7, 8}) {
            StreamConsumer c = tls.open(ID, T0);
            send(c, true, hello(1, 7), T0);
            send(c, false, hello(2, serverId), T0 + 1);
            c.end(T0 + 2);
        }
        assertEquals(List.of(true, false), events.stream().map(TlsEvent::resumed).toList());
        assertEquals("Cs", events.getFirst().sslHistory());
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", events.getFirst().cipher());
        assertEquals("771,49199,", events.getFirst().ja3s());
    }

    @Test
    void theLedgerGoesOutAsRowsOfStageTls() {
        StreamConsumer c = tls.open(ID, T0);
        send(c, true, clientHello(), T0);
        send(c, false, new byte[] {21, 3, 3, 0, 3, 2, 40, 0}, T0 + 1);
        c.end(T0 + 2_000_000_000L);
        tls.flush();
        assertTrue(ledger.stream().allMatch(r -> r.stage().equals("tls") && r.source().equals("unit")));
        List<String> metrics = ledger.stream().map(QualityRow::metric).toList();
        assertTrue(metrics.containsAll(List.of("connections", "hellos", "events", "errors", "error.bad_alert")), metrics.toString());
        assertEquals(T0 / 1_000_000_000L, ledger.getFirst().second());
    }
}
