package dev.netproof.decode.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HttpDetectorTest {
    private static HttpDetector.Verdict detect(String s) {
        byte[] b = ("xx" + s).getBytes(StandardCharsets.ISO_8859_1);
        return HttpDetector.detect(b, 2, b.length - 2);
    }

    @Test
    void requests() {
        for (String s : new String[] {"GET / HTTP/1.1\r\n", "POST /x", "HEAD /", "PUT /a", "DELETE /a", "OPTIONS * HTTP/1.1",
                "PATCH /p", "CONNECT example.org:443 HTTP/1.1", "TRACE /", "PROPFIND /dav HTTP/1.1", "MKCOL /x",
                "GET http://h/ HTTP/1.1", "M-SEARCH / HTTP/1.1", "BREW http://pot/ HTTP/1.1", "GET /"}) {
            assertEquals(HttpDetector.Verdict.HTTP, detect(s), s);
        }
    }

    @Test
    void notRequests() {
        for (String s : new String[] {"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "EHLO mail.example.org\r\n", "SSH-2.0-OpenSSH_9.6\r\n",
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", "HTTP/1.1 200 OK\r\n", " GET / HTTP/1.1",
                "get / HTTP/1.1", "USER anonymous\r\n", "GET\r\n", "ABCDEFGHIJKLMNOPQRSTUVWXYZ /"}) {
            assertEquals(HttpDetector.Verdict.NOT_HTTP, detect(s), s);
        }
    }

    @Test
    void tooFewBytesToTell() {
        for (String s : new String[] {"", "G", "GET", "GET ", "PROPFIND ", "PROPFIND ht"}) {
            assertEquals(HttpDetector.Verdict.NEED_MORE, detect(s), s);
            assertFalse(HttpDetector.looksLikeRequest(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length()));
        }
        assertTrue(HttpDetector.looksLikeRequest("GET /".getBytes(StandardCharsets.ISO_8859_1), 0, 5));
    }

    @Property(tries = 2000)
    void anyBytesGetAVerdictWithinTheSegment(@ForAll byte[] bytes) {
        // the segment ends with the bytes: a read past them would throw
        HttpDetector.Verdict v = HttpDetector.detect(bytes, 0, bytes.length);
        if (bytes.length >= HttpDetector.NEEDED) assertTrue(v != HttpDetector.Verdict.NEED_MORE);
    }
}
