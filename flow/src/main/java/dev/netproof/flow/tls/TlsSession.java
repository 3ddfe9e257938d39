package dev.netproof.flow.tls;

import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.tls.CertificateInfo;
import dev.netproof.decode.tls.ClientHello;
import dev.netproof.decode.tls.ServerHello;
import dev.netproof.decode.tls.TlsError;
import dev.netproof.decode.tls.TlsListener;
import dev.netproof.decode.tls.TlsNames;
import dev.netproof.decode.tls.TlsStreamParser;
import dev.netproof.flow.stream.ConnectionId;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One TLS connection's two parsers and what they told, interpreted the way Zeek's
 * {@code base/protocols/ssl/main.zeek} does: the version, cipher and curve the server chose,
 * {@code ssl_history} letters (upper case from the client), {@code resumed} by session id, ticket
 * or PSK, and {@code established} when both sides have switched to encrypted records and one is
 * seen. The first ClientHello gives the client's columns and fingerprints (a second one, after a
 * HelloRetryRequest, only adds a letter). Not thread-safe.
 */
final class TlsSession {
    /** Zeek's {@code SSL::max_ssl_history_length}. */
    static final int MAX_HISTORY = 100;

    private final ConnectionId id;
    private final TlsAnalyzers owner;
    final TlsStreamParser client, server;

    private final long firstTs;
    private ClientHello hello;
    /** The row's columns from the hellos' offers, looked up as each hello arrives (its lists are in cache then). */
    private Offers.Client offer;
    private Offers.Server serverOffer;
    private long helloTs;
    private ServerHello serverHello;
    private boolean lastWasRetry;
    private String version, cipher, curve, nextProtocol, lastAlert, error;
    private List<CertificateInfo> chain;
    private final StringBuilder history = new StringBuilder();
    private final List<TlsEvent.Alert> alerts = new ArrayList<>();
    private String clientSessionId;
    private boolean ticketWithoutSessionId, clientKeyExchange, clientPsk, resumed;
    private long establishedTs = -1;

    TlsSession(ConnectionId id, TlsAnalyzers owner, long firstTs) {
        this.id = id;
        this.owner = owner;
        this.firstTs = firstTs;
        this.client = new TlsStreamParser(new Side(true), owner.maxMessage());
        this.server = new TlsStreamParser(new Side(false), owner.maxMessage());
    }

    void data(boolean fromOrig, MemorySegment s, long off, int len, long ts) {
        (fromOrig ? client : server).accept(s, off, len, ts);
    }

    void gap(boolean fromOrig, long ts) {
        (fromOrig ? client : server).gap(ts);
    }

    /**
     * Nothing more to learn: the handshake is established (the rest is encrypted), both parsers
     * stopped, one stopped while the other is past its last plaintext message or after both hellos, or
     * the handshake did not complete within {@link #AFTER_ENCRYPTION} records of the server's switch.
     */
    boolean finished() {
        if (establishedTs >= 0 || (client.stopped() && server.stopped())
                || (client.stopped() && server.encrypted()) || (server.stopped() && client.encrypted())) {
            return true;
        }
        // both hellos seen and one side's records no longer parse (garbage, or a capture cut mid-record):
        // what the row can say is known, and the other side alone cannot complete the handshake's proof
        if (hello != null && serverHello != null && (client.stopped() || server.stopped())) return true;
        // A handshake completes within a few records of the server's switch to encryption; one that has
        // not after AFTER_ENCRYPTION more records (one side silent, a capture of one direction) will not
        // be seen to: the row says not established, and the rest of a long transfer is not followed.
        if (!server.encrypted()) return false;
        long records = client.records() + server.records();
        if (recordsAtEncryption < 0) recordsAtEncryption = records;
        return records - recordsAtEncryption > AFTER_ENCRYPTION;
    }

    /** Records followed after the server's switch to encryption while waiting for the handshake to complete. */
    static final int AFTER_ENCRYPTION = 16;
    private long recordsAtEncryption = -1;

    /** The row, as things stand; {@code endTs} ends the parsers that were still inside a record. */
    TlsEvent event(long endTs) {
        if (establishedTs < 0) {
            client.end(endTs);
            server.end(endTs);
        }
        long ts = hello != null ? helloTs : firstTs;
        Offers.Client c = offer;
        Offers.Server s = serverOffer;
        // Immutable lists, as the offer's are: TlsEvent's defensive copies then return them as they are. Given an
        // ArrayList, each copy (seven, inlined) made TlsEvent's constructor a 63 kB compile (JFR).
        List<String> fps = List.of();
        if (chain != null && !chain.isEmpty()) {
            String[] sums = new String[chain.size()];
            for (int i = 0; i < sums.length; i++) sums[i] = chain.get(i).sha256();
            fps = List.of(sums);
        }
        CertificateInfo leaf = chain != null && !chain.isEmpty() && chain.get(0).decoded() ? chain.get(0) : null;
        return new TlsEvent(ts, id.uid(), id.origH(), id.origP(), id.respH(), id.respP(), version, cipher, curve,
                hello == null ? null : hello.serverName(), resumed, lastAlert, nextProtocol, establishedTs >= 0,
                history.toString(), fps,
                c == null ? null : c.version(),
                c == null ? List.of() : c.versions(),
                c == null ? List.of() : c.ciphers(),
                hello == null ? List.of() : hello.alpn(),
                c == null ? List.of() : c.groups(),
                hello != null && hello.ech(),
                c == null ? null : c.ja3(), s == null ? null : s.ja3s(),
                c == null ? null : c.ja3Hash(), s == null ? null : s.ja3sHash(),
                c == null ? null : c.ja4(),
                establishedTs < 0 ? -1 : Math.max(0, establishedTs - ts), // capture clocks can step back
                leaf == null ? null : leaf.subject(), leaf == null ? null : leaf.issuer(),
                leaf == null ? null : leaf.notBefore(), leaf == null ? null : leaf.notAfter(),
                leaf == null ? List.of() : leaf.sans(), alerts.isEmpty() ? List.of() : List.copyOf(alerts), hello != null, error,
                owner.source());
    }

    /** True for an empty or all-zero session id (hex); String.matches compiled a pattern for every hello. */
    static boolean allZeros(String hex) {
        for (int i = 0; i < hex.length(); i++) if (hex.charAt(i) != '0') return false;
        return true;
    }

    private void letter(boolean fromOrig, char c) {
        if (history.length() < MAX_HISTORY) history.append(fromOrig ? Character.toUpperCase(c) : c);
    }

    private void alert(TlsEvent.Alert a, long ts) {
        if (alerts.size() < TlsEvent.MAX_ALERTS) alerts.add(a);
        else owner.count(TlsAnalyzers.Metric.ALERTS_DROPPED, ts);
    }

    /** Zeek's ssl_established: a record from an encrypted side while both are encrypted. */
    private void ciphertext(long ts) {
        owner.count(TlsAnalyzers.Metric.ENCRYPTED_RECORDS, ts);
        if (establishedTs < 0 && client.encrypted() && server.encrypted()) establishedTs = ts;
    }

    /** What one direction's parser reports, with the side it came from. */
    private final class Side implements TlsListener {
        private final boolean fromOrig;

        Side(boolean fromOrig) {
            this.fromOrig = fromOrig;
        }

        @Override
        public void clientHello(ClientHello h, long ts) {
            owner.count(TlsAnalyzers.Metric.HELLOS, ts);
            if (!fromOrig) return;
            if (hello == null) {
                hello = h;
                helloTs = ts;
                offer = owner.offers().client(h);
            }
            clientPsk |= h.pskOffered();
            // Zeek: a session id (not all zeros) is what resumption is judged by; else a ticket may be
            if (!allZeros(h.sessionId())) {
                clientSessionId = h.sessionId();
                ticketWithoutSessionId = false;
            } else if (h.sessionTicket()) {
                ticketWithoutSessionId = true;
            }
        }

        @Override
        public void serverHello(ServerHello sh, long ts) {
            owner.count(TlsAnalyzers.Metric.SERVER_HELLOS, ts);
            if (fromOrig) return;
            serverHello = sh;
            serverOffer = owner.offers().server(sh);
            lastWasRetry = sh.helloRetryRequest();
            version = TlsNames.version(sh.selectedVersion());
            cipher = TlsNames.cipherSuite(sh.cipherSuite());
            if (sh.keyShareGroup() >= 0) curve = TlsNames.group(sh.keyShareGroup());
            if (sh.alpn() != null) nextProtocol = sh.alpn();
            if (sh.tls13()) client.tls13();
            if (clientSessionId != null && clientSessionId.equals(sh.sessionId()) && !sh.tls13()) resumed = true;
            if (sh.psk() && clientPsk) resumed = true;
        }

        @Override
        public void certificates(List<CertificateInfo> certs, long ts) {
            owner.add(TlsAnalyzers.Metric.CERTIFICATES, certs.size(), ts);
            if (!fromOrig && chain == null) chain = certs;
        }

        @Override
        public void serverKeyExchangeGroup(int group, long ts) {
            if (!fromOrig) curve = TlsNames.group(group);
        }

        @Override
        public void handshakeMessage(int type, int length, long ts) {
            if (fromOrig && type == 16) clientKeyExchange = true;
            char c = switch (type) {
                case 0 -> 'h';
                case 1 -> 'c';
                case 2 -> lastWasRetry && !fromOrig ? 'j' : 's';
                case 3 -> 'v';
                case 4 -> 't';
                case 5 -> 'e';
                case 6 -> 'j';
                case 8 -> 'o';
                case 11 -> 'x';
                case 12 -> 'k';
                case 13 -> 'r';
                case 14 -> 'n';
                case 15 -> 'y';
                case 16 -> 'g';
                case 20 -> 'f';
                case 21 -> 'w';
                case 22 -> 'u';
                case 23 -> 'a';
                case 24 -> 'p';
                case 254 -> 'm';
                default -> 'z';
            };
            if (type == 2) lastWasRetry = false;
            letter(fromOrig, c);
        }

        @Override
        public void changeCipherSpec(long ts) {
            letter(fromOrig, 'i');
            if (fromOrig && ticketWithoutSessionId && !clientKeyExchange) resumed = true;
        }

        @Override
        public void alert(int level, int description, long ts) {
            letter(fromOrig, 'l');
            lastAlert = TlsNames.alert(description);
            TlsSession.this.alert(new TlsEvent.Alert(fromOrig, false, TlsNames.alertLevel(level), lastAlert), ts);
        }

        @Override
        public void encryptedAlert(int length, long ts) {
            TlsSession.this.alert(new TlsEvent.Alert(fromOrig, true, null, null), ts);
            ciphertext(ts);
        }

        @Override
        public void applicationData(int length, long ts) {
            if ((fromOrig ? client : server).encrypted()) ciphertext(ts);
        }

        @Override
        public void encryptedHandshake(int length, long ts) {
            ciphertext(ts);
        }

        @Override
        public void error(TlsError e, long ts) {
            owner.error(e, ts);
            if (error == null && e.stopsParser()) {
                error = (fromOrig ? "orig:" : "resp:") + e.name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
