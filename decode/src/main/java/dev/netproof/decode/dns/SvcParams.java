package dev.netproof.decode.dns;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.internal.ArrayBytes;
import java.util.HexFormat;

/** SVCB/HTTPS parameters as {@code key=value} text, in RFC 9460's presentation names. */
final class SvcParams {
    private SvcParams() {}

    private static final String[] NAMES = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"};

    static String format(byte[] b, int key, int v, int n) {
        String name = key < NAMES.length ? NAMES[key] : "key" + key;
        StringBuilder sb = new StringBuilder(name);
        if (n == 0) return sb.toString();
        sb.append('=');
        switch (key) {
            case 0 -> { // mandatory: a list of keys
                if (n % 2 != 0) return hex(sb, b, v, n);
                for (int i = 0; i < n; i += 2) {
                    int k = ArrayBytes.u16(b, v + i);
                    sb.append(i == 0 ? "" : ",").append(k < NAMES.length ? NAMES[k] : "key" + k);
                }
            }
            case 1 -> { // alpn: length-prefixed ids
                int p = v;
                boolean first = true;
                while (p < v + n) {
                    int len = ArrayBytes.u8(b, p);
                    if (p + 1 + len > v + n) return hex(new StringBuilder(name).append('='), b, v, n);
                    sb.append(first ? "" : ",").append(DnsDecoder.latin1(b, p + 1, len));
                    first = false;
                    p += 1 + len;
                }
            }
            case 3 -> {
                if (n != 2) return hex(sb, b, v, n);
                sb.append(ArrayBytes.u16(b, v));
            }
            case 4 -> {
                if (n % 4 != 0) return hex(sb, b, v, n);
                for (int i = 0; i < n; i += 4) sb.append(i == 0 ? "" : ",").append(IpAddress.ofV4(ArrayBytes.i32(b, v + i)));
            }
            case 6 -> {
                if (n % 16 != 0) return hex(sb, b, v, n);
                for (int i = 0; i < n; i += 16) {
                    sb.append(i == 0 ? "" : ",").append(IpAddress.ofV6(ArrayBytes.i64(b, v + i), ArrayBytes.i64(b, v + i + 8)));
                }
            }
            default -> hex(sb, b, v, n);
        }
        return sb.toString();
    }

    private static String hex(StringBuilder sb, byte[] b, int v, int n) {
        return sb.append(HexFormat.of().formatHex(b, v, v + n)).toString();
    }
}
