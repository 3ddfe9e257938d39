package dev.netproof.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.decode.tls.ClientHello;
import dev.netproof.decode.tls.TlsError;
import dev.netproof.decode.tls.TlsListener;
import dev.netproof.decode.tls.TlsStreamParser;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's hello is a well-formed one of Chrome's shape, so the benchmark times a whole decode. */
class HelloBenchmarkTest {
    @Test
    void theHelloDecodesWhole() {
        byte[] record = HelloBenchmark.chromeHelloRecord();
        List<ClientHello> hellos = new ArrayList<>();
        List<TlsError> errors = new ArrayList<>();
        new TlsStreamParser(new TlsListener() {
            @Override
            public void clientHello(ClientHello hello, long tsNanos) {
                hellos.add(hello);
            }

            @Override
            public void error(TlsError error, long tsNanos) {
                errors.add(error);
            }
        }).accept(MemorySegment.ofArray(record), 0, record.length, 0);
        assertEquals(List.of(), errors);
        assertEquals(1, hellos.size());
        ClientHello h = hellos.getFirst();
        assertEquals("www.example.com", h.serverName());
        assertEquals(16, h.cipherSuites().size());
        assertEquals(18, h.extensions().size());
        assertEquals(List.of("h2", "http/1.1"), h.alpn());
        assertTrue(h.ja4().startsWith("t13d1516h2_"), h.ja4());
        assertNotNull(h.ja3());
        assertEquals(517, record.length, "a 512-byte hello in a 5-byte record header");
    }
}
