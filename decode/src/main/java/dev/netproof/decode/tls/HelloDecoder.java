package dev.netproof.decode.tls;

import dev.netproof.decode.internal.ArrayBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes ClientHello and ServerHello bodies (RFC 8446 §4.1.2-3, RFC 5246 §7.4.1) from the parser's
 * message buffer ({@link Reader} says why an array, and why with slack past the message). Strict about
 * lengths: a vector or extension that runs past its block, or a block with bytes left over, makes the
 * whole hello {@link Malformed}. Stateless.
 */
final class HelloDecoder {
    static final int SERVER_NAME = 0, SUPPORTED_GROUPS = 10, EC_POINT_FORMATS = 11, SIGNATURE_ALGORITHMS = 13,
            ALPN = 16, SESSION_TICKET = 35, PRE_SHARED_KEY = 41, SUPPORTED_VERSIONS = 43, KEY_SHARE = 51,
            ECH = 0xfe0d;

    /** SHA-256("HelloRetryRequest"), the random of every HelloRetryRequest (RFC 8446 §4.1.3). */
    private static final long[] HRR_RANDOM = {
        0xCF21AD74E59A6111L, 0xBE1D8C021E65B891L, 0xC2A211167ABB8C5EL, 0x079E09E2C8A8339CL};

    private HelloDecoder() {}

    static ClientHello client(byte[] m, int off, int len) throws Malformed {
        Reader r = new Reader(m, off, off + len);
        int version = r.u16();
        r.skip(32);
        String sessionId = r.hex(r.u8());
        Reader cs = r.sub(r.u16());
        Codes ciphers = cs.u16s();
        Codes compression = r.sub(r.u8()).u8s();
        String sni = null;
        List<String> alpn = List.of();
        Codes versions = Codes.EMPTY, groups = Codes.EMPTY, points = Codes.EMPTY, sigs = Codes.EMPTY,
                shares = Codes.EMPTY;
        boolean ticket = false, psk = false, ech = false;
        Reader block = extensions(r);
        int[] exts = new int[block.remaining() / 4]; // an extension takes 4 bytes at least
        int extCount = 0;
        while (block.remaining() > 0) {
            int type = block.u16();
            Reader e = block.sub(block.u16());
            exts[extCount++] = type;
            switch (type) {
                case SERVER_NAME -> {
                    if (e.remaining() == 0) break; // a server's echo form; not sent by clients, harmless
                    Reader list = e.sub(e.u16());
                    while (list.remaining() > 0) {
                        int nameType = list.u8();
                        String name = list.latin1(list.u16());
                        if (nameType == 0 && sni == null) sni = name;
                    }
                }
                case ALPN -> {
                    Reader list = e.sub(e.u16());
                    List<String> names = new ArrayList<>(2);
                    while (list.remaining() > 0) names.add(list.latin1(list.u8()));
                    alpn = names;
                }
                case SUPPORTED_VERSIONS -> versions = e.sub(e.u8()).u16s();
                case SUPPORTED_GROUPS -> groups = e.sub(e.u16()).u16s();
                case EC_POINT_FORMATS -> points = e.sub(e.u8()).u8s();
                case SIGNATURE_ALGORITHMS -> sigs = e.sub(e.u16()).u16s();
                case KEY_SHARE -> {
                    Reader list = e.sub(e.u16());
                    int[] found = new int[list.remaining() / 4]; // a group and a length at least
                    int n = 0;
                    while (list.remaining() > 0) {
                        found[n++] = list.u16();
                        list.skip(list.u16());
                    }
                    shares = Codes.of(found, n);
                }
                case SESSION_TICKET -> {
                    ticket = e.remaining() > 0;
                    e.skip(e.remaining());
                }
                case PRE_SHARED_KEY -> {
                    psk = true;
                    e.skip(e.remaining());
                }
                case ECH -> {
                    ech = true;
                    e.skip(e.remaining());
                }
                default -> e.skip(e.remaining());
            }
            e.done();
        }
        return new ClientHello(version, sessionId, ciphers, compression, Codes.of(exts, extCount), sni, alpn, versions,
                groups, points, sigs, shares, ticket, psk, ech);
    }

    static ServerHello server(byte[] m, int off, int len) throws Malformed {
        Reader r = new Reader(m, off, off + len);
        int version = r.u16();
        if (r.remaining() < 32) throw Malformed.INSTANCE;
        boolean hrr = true;
        for (int i = 0; i < 4; i++) hrr &= ArrayBytes.i64(m, r.pos + 8 * i) == HRR_RANDOM[i];
        r.skip(32);
        String sessionId = r.hex(r.u8());
        int cipher = r.u16();
        int compression = r.u8();
        int selected = version, group = -1;
        String alpn = null;
        boolean psk = false;
        Reader block = extensions(r);
        int[] exts = new int[block.remaining() / 4];
        int extCount = 0;
        while (block.remaining() > 0) {
            int type = block.u16();
            Reader e = block.sub(block.u16());
            exts[extCount++] = type;
            switch (type) {
                case SUPPORTED_VERSIONS -> selected = e.u16();
                case KEY_SHARE -> {
                    group = e.u16();
                    if (!hrr) e.skip(e.u16()); // a HelloRetryRequest names the group only
                }
                case ALPN -> {
                    Reader list = e.sub(e.u16());
                    alpn = list.latin1(list.u8());
                    list.done(); // the server selects exactly one
                }
                case PRE_SHARED_KEY -> {
                    psk = true;
                    e.skip(e.remaining());
                }
                default -> e.skip(e.remaining());
            }
            e.done();
        }
        return new ServerHello(version, selected, cipher, compression, Codes.of(exts, extCount), alpn, group, sessionId,
                hrr, psk);
    }

    /** The extensions block: absent (SSLv3-style hello ending after compression) or exactly the rest. */
    private static Reader extensions(Reader r) throws Malformed {
        if (r.remaining() == 0) return r;
        Reader block = r.sub(r.u16());
        r.done();
        return block;
    }
}
