package dev.netproof.decode.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes TLS bytes by hand for tests: records, handshake messages, hellos and their extensions. */
final class Tls {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    Tls u8(int v) {
        b.write(v);
        return this;
    }

    Tls u16(int v) {
        return u8(v >>> 8).u8(v & 0xff);
    }

    Tls u24(int v) {
        return u8(v >>> 16).u16(v & 0xffff);
    }

    Tls bytes(byte[] v) {
        b.writeBytes(v);
        return this;
    }

    Tls zeros(int n) {
        return bytes(new byte[n]);
    }

    Tls text(String s) {
        return bytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    int size() {
        return b.size();
    }

    byte[] toBytes() {
        return b.toByteArray();
    }

    /** One record of {@code type} around {@code body}. */
    static byte[] record(int type, byte[] body) {
        return new Tls().u8(type).u16(0x0303).u16(body.length).bytes(body).toBytes();
    }

    /** One handshake message (type, 24-bit length, body). */
    static byte[] handshake(int type, byte[] body) {
        return new Tls().u8(type).u24(body.length).bytes(body).toBytes();
    }

    static byte[] concat(byte[]... parts) {
        Tls t = new Tls();
        for (byte[] p : parts) t.bytes(p);
        return t.toBytes();
    }

    /** An extension: type, 16-bit length, data. */
    static byte[] ext(int type, byte[] data) {
        return new Tls().u16(type).u16(data.length).bytes(data).toBytes();
    }

    static byte[] sni(String host) {
        byte[] name = host.getBytes(StandardCharsets.ISO_8859_1);
        return ext(0, new Tls().u16(name.length + 3).u8(0).u16(name.length).bytes(name).toBytes());
    }

    static byte[] alpn(String... protocols) {
        Tls list = new Tls();
        for (String p : protocols) list.u8(p.length()).text(p);
        byte[] l = list.toBytes();
        return ext(16, new Tls().u16(l.length).bytes(l).toBytes());
    }

    static byte[] u16List16(int type, int... values) {
        Tls l = new Tls().u16(2 * values.length);
        for (int v : values) l.u16(v);
        return ext(type, l.toBytes());
    }

    static byte[] supportedVersions(int... versions) {
        Tls l = new Tls().u8(2 * versions.length);
        for (int v : versions) l.u16(v);
        return ext(43, l.toBytes());
    }

    static byte[] keyShare(int... groups) {
        Tls l = new Tls();
        for (int g : groups) l.u16(g).u16(32).zeros(32);
        byte[] e = l.toBytes();
        return ext(51, new Tls().u16(e.length).bytes(e).toBytes());
    }

    /** A ClientHello body: version 0x0303, zero random, the session id, ciphers, null compression, extensions. */
    static byte[] clientHello(byte[] sessionId, int[] ciphers, byte[]... extensions) {
        Tls t = new Tls().u16(0x0303).zeros(32).u8(sessionId.length).bytes(sessionId).u16(2 * ciphers.length);
        for (int c : ciphers) t.u16(c);
        t.u8(1).u8(0);
        byte[] exts = concat(extensions);
        return t.u16(exts.length).bytes(exts).toBytes();
    }

    /** A ServerHello body with {@code random} (32 bytes), the cipher, null compression and extensions. */
    static byte[] serverHello(byte[] random, int cipher, byte[]... extensions) {
        byte[] exts = concat(extensions);
        return new Tls().u16(0x0303).bytes(random).u8(0).u16(cipher).u8(0).u16(exts.length).bytes(exts).toBytes();
    }

    static final byte[] HRR_RANDOM = java.util.HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
}
