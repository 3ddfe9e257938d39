package dev.netproof.decode.tls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Parses one direction of a TLS connection from its bytes in order, delivered in chunks of any
 * size, and tells a {@link TlsListener} what it finds. No decryption: records are framed, plaintext
 * handshake messages, alerts and ChangeCipherSpec are decoded, the rest is counted.
 *
 * <pre>
 *  record:    type(1) version(2) length(2) | body (at most 2^14 + 2048)
 *  handshake: type(1) length(3)            | body (may span records; several per record)
 * </pre>
 *
 * <p><b>Chunks.</b> A record header, an alert or a handshake message may be split across
 * {@link #accept} calls. Each handshake message is gathered into a buffer and decoded from there, whole
 * or split; alert and ChangeCipherSpec bytes are copied out too, and application data is only counted.
 *
 * <p><b>Memory.</b> The buffer holds one handshake message and never exceeds the cap given to the
 * constructor, plus {@link #SLACK} bytes the decoders need past a message's end; a message declaring
 * more, or a record longer than {@link #MAX_RECORD}, is a stopping {@link TlsError} before anything is
 * allocated. Nothing else is sized from a length on the wire.
 *
 * <p><b>Encryption.</b> After this direction's ChangeCipherSpec (TLS 1.2 and older) or its own
 * TLS 1.3 ServerHello, handshake records are encrypted: counted, not parsed. Once the connection is
 * known to be TLS 1.3 ({@link #tls13()}), a ChangeCipherSpec is the compatibility no-op and the
 * direction counts as encrypted from its first application_data record (Zeek's rule).
 *
 * <p><b>Errors.</b> Nothing is thrown whatever the bytes. A {@link #gap} ends parsing (records cannot
 * be found again after a hole), as does every error that {@link TlsError#stopsParser() stops}; after
 * that, calls are ignored. Not thread-safe: one parser per direction, called from one thread.
 */
public final class TlsStreamParser {
    public static final int DEFAULT_MAX_MESSAGE = 64 * 1024;
    /** Longest record any TLS version allows: 2^14 plaintext + 2048 of expansion (RFC 5246 §6.2.3). */
    public static final int MAX_RECORD = (1 << 14) + 2048;
    static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23, HEARTBEAT = 24;
    /** A buffer grown past this is dropped after its message: idle connections stay small. */
    private static final int KEEP_BUFFER = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];
    /** Bytes the buffer holds past the longest message it was sized for ({@code Reader} says why). */
    static final int SLACK = Reader.SLACK;

    private final TlsListener listener;
    private final int maxMessage;
    private final MessageDecoder messages;

    private final byte[] header = new byte[5];
    private int headerHave;
    private boolean inBody;
    private int recordType, recordLength, recordLeft;
    private boolean badRecord, recordEncrypted;
    private long records;

    /**
     * Alert and ChangeCipherSpec bytes, copied out of the chunk before they are read: like handshake messages
     * (see {@link #handshake}), nothing here reads the chunk's segment itself, whose kind varies.
     */
    private final byte[] plain = new byte[8];
    private final byte[] hsHeader = new byte[4];
    private int hsHeaderHave;
    private boolean inMessage;
    private int msgType, msgLength, msgHave;
    /** The message being gathered, then decoded from here; {@link #SLACK} bytes longer than its room (none when empty). */
    private byte[] buffer = EMPTY;
    private int alertLevel = -1;

    private boolean stopped, tls13, encrypted, handshakeEncrypted;
    private TlsError stopReason;

    public TlsStreamParser(TlsListener listener) {
        this(listener, DEFAULT_MAX_MESSAGE);
    }

    /** @param maxMessage the longest handshake message buffered, in bytes (at least 1 KiB) */
    public TlsStreamParser(TlsListener listener, int maxMessage) {
        if (maxMessage < 1024) throw new IllegalArgumentException("maxMessage below 1 KiB: " + maxMessage);
        this.listener = listener;
        this.maxMessage = maxMessage;
        this.messages = new MessageDecoder(listener);
    }

    /** The next {@code length} bytes of the direction, at {@code data[offset..]}, valid during the call only. */
    public void accept(MemorySegment data, long offset, int length, long tsNanos) {
        if (stopped || offset < 0) return;
        long p = offset, end = offset + Math.max(0, Math.min(length, data.byteSize() - offset));
        while (p < end && !stopped) {
            if (!inBody) {
                int n = (int) Math.min(5 - headerHave, end - p);
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, p, header, headerHave, n);
                headerHave += n;
                p += n;
                if (headerHave < 5) return;
                headerHave = 0;
                startRecord(tsNanos);
                continue;
            }
            int n = (int) Math.min(recordLeft, end - p);
            body(data, p, n, tsNanos);
            p += n;
            recordLeft -= n;
            if (recordLeft == 0 && inBody) endRecord(tsNanos);
        }
    }

    /** Bytes of this direction were lost: parsing stops with {@link TlsError#GAP}. */
    public void gap(long tsNanos) {
        if (!stopped) stop(TlsError.GAP, tsNanos);
    }

    /** The direction ended: {@link TlsError#TRUNCATED} if it stopped inside a record or message. */
    public void end(long tsNanos) {
        if (stopped) return;
        if (inBody || headerHave > 0 || inMessage || hsHeaderHave > 0) {
            stop(TlsError.TRUNCATED, tsNanos);
        } else {
            stopped = true;
            release();
        }
    }

    /** The connection negotiated TLS 1.3 (the other direction's ServerHello said so). */
    public void tls13() {
        tls13 = true;
    }

    public boolean isTls13() {
        return tls13;
    }

    /** This direction sends encrypted records now (Zeek's per-side encryption state). */
    public boolean encrypted() {
        return encrypted;
    }

    public boolean stopped() {
        return stopped;
    }

    /** The error that stopped parsing, null if none did. */
    public TlsError stopReason() {
        return stopReason;
    }

    /** Records framed so far. */
    public long records() {
        return records;
    }

    /** Bytes the message buffer holds now: never more than the cap plus {@link #SLACK}. */
    public int bufferCapacity() {
        return buffer.length;
    }

    private void startRecord(long ts) {
        int type = header[0] & 0xff, len = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT || header[1] != 3 || (header[2] & 0xff) > 4) {
            stop(records == 0 ? TlsError.NOT_TLS : TlsError.BAD_RECORD_HEADER, ts);
            return;
        }
        if (len > MAX_RECORD) {
            stop(TlsError.RECORD_TOO_LONG, ts);
            return;
        }
        if (type != HANDSHAKE && (inMessage || hsHeaderHave > 0)) {
            stop(TlsError.INTERLEAVED, ts);
            return;
        }
        records++;
        recordType = type;
        recordLength = len;
        recordLeft = len;
        badRecord = false;
        // decided at the header: a TLS 1.3 ServerHello switches what follows it, not its own record
        recordEncrypted = type == HANDSHAKE ? handshakeEncrypted : type == ALERT && encrypted && !tls13;
        alertLevel = -1;
        inBody = true;
        if (len == 0) endRecord(ts);
    }

    private void body(MemorySegment data, long p, int n, long ts) {
        switch (recordType) {
            case HANDSHAKE -> {
                if (!handshakeEncrypted) handshake(data, p, p + n, ts);
            }
            case ALERT -> {
                if (recordEncrypted) return;
                for (long q = p; q < p + n; ) {
                    int k = (int) Math.min(plain.length, p + n - q);
                    MemorySegment.copy(data, ValueLayout.JAVA_BYTE, q, plain, 0, k);
                    q += k;
                    for (int i = 0; i < k; i++) {
                        int b = plain[i] & 0xff;
                        if (alertLevel < 0) {
                            alertLevel = b;
                        } else {
                            listener.alert(alertLevel, b, ts);
                            alertLevel = -1;
                        }
                    }
                }
            }
            case CHANGE_CIPHER_SPEC -> {
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, p, plain, 0, 1);
                badRecord |= recordLength != 1 || plain[0] != 1;
            }
            default -> { } // application data and heartbeats: counted at the record's end
        }
    }

    private void endRecord(long ts) {
        inBody = false;
        if (recordLength == 0 && recordType != APPLICATION_DATA && recordType != HEARTBEAT) {
            error(TlsError.EMPTY_RECORD, ts);
            return;
        }
        switch (recordType) {
            case CHANGE_CIPHER_SPEC -> {
                if (badRecord) error(TlsError.BAD_CHANGE_CIPHER_SPEC, ts);
                if (!tls13) {
                    encrypted = true;
                    handshakeEncrypted = true;
                }
                listener.changeCipherSpec(ts);
            }
            case ALERT -> {
                if (recordEncrypted) {
                    listener.encryptedAlert(recordLength, ts);
                } else if (alertLevel >= 0) {
                    alertLevel = -1;
                    error(TlsError.BAD_ALERT, ts);
                }
            }
            case HANDSHAKE -> {
                if (recordEncrypted) listener.encryptedHandshake(recordLength, ts);
            }
            case APPLICATION_DATA -> {
                if (tls13) encrypted = true;
                listener.applicationData(recordLength, ts);
            }
            default -> { }
        }
    }

    /**
     * Handshake bytes {@code [p, end)} of a plaintext record, gathered message by message into the buffer. A
     * message lying whole in the record is copied too: the decoders then read only heap arrays. Fed from the
     * mapped file in place and from the buffer when split, their segment reads saw two kinds of segment, and C2
     * compiled this method with the hello decoders in it (44 kB) a second time when its speculation on one kind
     * failed (JFR deoptimization events). A hello is a few hundred bytes, copied once.
     */
    private void handshake(MemorySegment data, long p, long end, long ts) {
        while (p < end && !stopped && !handshakeEncrypted) {
            if (!inMessage) {
                int k = (int) Math.min(4 - hsHeaderHave, end - p);
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, p, hsHeader, hsHeaderHave, k);
                hsHeaderHave += k;
                p += k;
                if (hsHeaderHave < 4) return;
                hsHeaderHave = 0;
                msgType = hsHeader[0] & 0xff;
                msgLength = ((hsHeader[1] & 0xff) << 16) | ((hsHeader[2] & 0xff) << 8) | (hsHeader[3] & 0xff);
                if (msgLength > maxMessage) {
                    stop(TlsError.MESSAGE_TOO_LONG, ts);
                    return;
                }
                if (buffer.length - SLACK < msgLength) {
                    buffer = new byte[Math.min(maxMessage, Math.max(msgLength, 2 * (buffer.length - SLACK))) + SLACK];
                }
                if (msgLength == 0) {
                    message(msgType, 0, ts);
                    continue;
                }
                inMessage = true;
                msgHave = 0;
                continue;
            }
            int k = (int) Math.min(msgLength - msgHave, end - p);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, p, buffer, msgHave, k);
            msgHave += k;
            p += k;
            if (msgHave == msgLength) {
                inMessage = false;
                message(msgType, msgLength, ts);
                if (buffer.length - SLACK > KEEP_BUFFER) release();
            }
        }
    }

    /** The message in {@code buffer[0, len)}. */
    private void message(int type, int len, long ts) {
        ServerHello sh = messages.decode(type, buffer, len, ts);
        if (sh != null && sh.tls13()) {
            tls13 = true;
            // a HelloRetryRequest is followed by a plaintext ServerHello; a real one by encryption
            if (!sh.helloRetryRequest()) handshakeEncrypted = true;
        }
        listener.handshakeMessage(type, len, ts);
    }

    private void error(TlsError e, long ts) {
        listener.error(e, ts);
    }

    private void stop(TlsError e, long ts) {
        stopped = true;
        stopReason = e;
        release();
        listener.error(e, ts);
    }

    private void release() {
        buffer = EMPTY;
    }
}
