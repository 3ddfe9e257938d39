package dev.netproof.decode.http;

import static dev.netproof.decode.http.Recorder.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpRedactionTest {
    private static final String M = HttpRedaction.MARKER;
    private final HttpRedaction on = HttpRedaction.ON;

    @Test
    void secretQueryParametersLoseTheirValues() {
        assertEquals("/a?q=shoes&token=" + M + "&page=2", on.uri("/a?q=shoes&token=abc123&page=2"));
        assertEquals("/cb?access_token=" + M + ";state=x", on.uri("/cb?access_token=eyJhbGc;state=x"));
        assertEquals("/x?apiKey=" + M + "&API_KEY=" + M + "&x-api-key=" + M, on.uri("/x?apiKey=1&API_KEY=2&x-api-key=3"));
        assertEquals("/s3?X-Amz-Signature=" + M + "&X-Amz-Credential=" + M + "&X-Amz-Date=20240101",
                on.uri("/s3?X-Amz-Signature=ff00&X-Amz-Credential=AKIA%2F&X-Amz-Date=20240101"));
        assertEquals("/l?user=bob&password=" + M + "&passwd=" + M + "&pwd=" + M,
                on.uri("/l?user=bob&password=hunter2&passwd=a&pwd=b"));
        assertEquals("/o?client_secret=" + M + "&code=" + M + "&sig=" + M + "&auth=" + M + "&sessionId=" + M,
                on.uri("/o?client_secret=s&code=c&sig=z&auth=a&sessionId=9"));
        assertEquals("/p?PHPSESSID=" + M + "&jwt=" + M, on.uri("/p?PHPSESSID=abc&jwt=e.y.j"));
    }

    @Test
    void percentEncodedNamesAreDecodedFirst() {
        assertEquals("/x?api%5Fkey=" + M, on.uri("/x?api%5Fkey=secret"));
        assertEquals("/x?%74oken=" + M, on.uri("/x?%74oken=secret"));
        assertEquals("/x?access%5ftoken=" + M, on.uri("/x?access%5ftoken=v"));
        assertEquals("/x?api%255Fkey=" + M, on.uri("/x?api%255Fkey=v"), "double-encoded");
        assertEquals("/x?pass+word=" + M, on.uri("/x?pass+word=v"));
        assertEquals("/x?%zztoken=" + M, on.uri("/x?%zztoken=v"), "a bad escape stays, the name still matches");
    }

    @Test
    void harmlessParametersAndShapesStay() {
        for (String u : new String[] {"/", "/a/b.html", "/search?q=keyword&monkey=1&author=x", "/x?token", "/x?=v",
                "/x?a=&b=1", "*", "example.org:443", "/x?", "/x#frag", "/p;v=1/q"}) {
            assertSame(u, on.uri(u), u);
        }
        assertSame(null, on.uri(null));
        assertSame("/x?token=abc", HttpRedaction.OFF.uri("/x?token=abc"));
    }

    @Test
    void pathAndFragmentParameters() {
        assertEquals("/shop;jsessionid=" + M + "/cart?id=1", on.uri("/shop;jsessionid=ABCDEF/cart?id=1"));
        assertEquals("/a;x=1;session=" + M, on.uri("/a;x=1;session=2"));
        // token_type is harmless but looks like a secret: the rule errs towards redacting
        assertEquals("http://h/cb#access_token=" + M + "&token_type=" + M + "&expires_in=3600",
                on.uri("http://h/cb#access_token=xyz&token_type=bearer&expires_in=3600"));
        assertEquals("http://h/p?token=" + M + "#frag", on.uri("http://h/p?token=1#frag"));
    }

    @Test
    void cardNumbersAreMaskedButForTheLastFour() {
        assertEquals("/pay?n=XXXXXXXXXXXX1111", on.uri("/pay?n=4111111111111111"));
        assertEquals("/pay?n=XXXX-XXXX-XXXX-1111", on.uri("/pay?n=4111-1111-1111-1111"));
        assertEquals("/pay?n=XXXX+XXXX+XXXX+1111", on.uri("/pay?n=4111+1111+1111+1111"));
        assertEquals("/pay?n=XXXX%20XXXX%20XXXX%201111", on.uri("/pay?n=4111%201111%201111%201111"));
        assertEquals("/card/XXXXXXXXXXX0005/info", on.uri("/card/378282246310005/info"), "15-digit Amex in a path");
        assertEquals("/x?a=1&c=XXXXXXXXXXXX4242&d=2", on.uri("/x?a=1&c=4242424242424242&d=2"));
        assertEquals("/x?id=12-XXXX-XXXX-XXXX-1111", on.uri("/x?id=12-4111-1111-1111-1111"), "a valid run inside a chain");
    }

    @Test
    void numbersThatAreNotCardsStay() {
        for (String u : new String[] {"/pay?n=4111111111111112", "/x?ts=1700000000", "/x?id=123456789012",
                "/x?big=41111111111111111111111", "/x?d=2024-01-01"}) {
            assertSame(u, on.uri(u), u);
        }
    }

    @Test
    void secretNames() {
        for (String n : new String[] {"token", "refresh_token", "oauth_token", "Authorization", "sid", "SessionToken",
                "aws_secret_access_key", "authkey", "X-Goog-Signature", "pin", "cvv"}) {
            assertTrue(HttpRedaction.secret(n), n);
        }
        for (String n : new String[] {"q", "page", "keyword", "monkey", "id", "lang", "design", "sort"}) {
            assertFalse(HttpRedaction.secret(n), n);
        }
    }

    @Test
    void theParserRedactsTheTargetAndReferrerAndNotesCredentialFields() {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r);
        feed(p, "GET /a?token=t1 HTTP/1.1\r\nReferer: http://h/b?password=p&x=1\r\n\r\n"
                + "GET /plain HTTP/1.1\r\nAuthorization: Basic dXNlcjpwYXNz\r\nProxy-Authorization: x\r\n\r\n"
                + "GET /plain HTTP/1.1\r\n\r\n", 1);
        HttpRequestHead a = r.requests.get(0), b = r.requests.get(1), c = r.requests.get(2);
        assertEquals("/a?token=" + M, a.uri());
        assertEquals("http://h/b?password=" + M + "&x=1", a.referrer());
        assertTrue(a.redacted());
        assertTrue(b.redacted(), "credential fields present");
        assertFalse(b.toString().contains("dXNlcjpwYXNz"), "the credential never becomes a string");
        assertFalse(c.redacted());

        Recorder r2 = new Recorder();
        HttpParser off = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.OFF, r2);
        feed(off, "GET /a?token=t1 HTTP/1.1\r\nCookie: c=1\r\n\r\n", 1);
        assertEquals("/a?token=t1", r2.requests.getFirst().uri());
        assertTrue(r2.requests.getFirst().redacted(), "the Cookie value is withheld even with redaction off");

        Recorder r3 = new Recorder();
        HttpParser resp = HttpParser.responses(HttpLimits.DEFAULTS, HttpRedaction.ON, r3, () -> null);
        feed(resp, "HTTP/1.1 200 OK\r\nSet-Cookie: s=secret\r\nContent-Length: 0\r\n\r\n", 1);
        assertTrue(r3.responses.getFirst().redacted());
    }
}
