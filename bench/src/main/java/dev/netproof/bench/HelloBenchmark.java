package dev.netproof.bench;

import dev.netproof.decode.tls.ClientHello;
import dev.netproof.decode.tls.TlsListener;
import dev.netproof.decode.tls.TlsStreamParser;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a browser's ClientHello (one per TLS connection): the record through {@link TlsStreamParser} to the
 * {@link ClientHello} and its JA3 and JA4. The hello is Chrome's shape: 16 suites, 17 extensions, GREASE
 * values in four lists, an x25519 key share, padding to 512 bytes.
 *
 * <pre>java -jar bench/target/benchmarks.jar HelloBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HelloBenchmark {
    private MemorySegment record;

    @Setup
    public void setup() {
        record = MemorySegment.ofArray(chromeHelloRecord());
    }

    /** The hello decoded, as the TLS analyzer gets it. */
    @Benchmark
    public void decode(Blackhole bh) {
        new TlsStreamParser(new TlsListener() {
            @Override
            public void clientHello(ClientHello hello, long tsNanos) {
                bh.consume(hello);
            }
        }).accept(record, 0, (int) record.byteSize(), 0);
    }

    /** The same, and its JA3 and JA4 made afresh (what a row costs when its offer is not remembered). */
    @Benchmark
    public void decodeAndFingerprint(Blackhole bh) {
        new TlsStreamParser(new TlsListener() {
            @Override
            public void clientHello(ClientHello hello, long tsNanos) {
                bh.consume(hello.ja3());
                bh.consume(hello.ja4());
            }
        }).accept(record, 0, (int) record.byteSize(), 0);
    }

    static byte[] chromeHelloRecord() {
        Out exts = new Out();
        exts.ext(0x8a8a, new byte[0]);
        Out sni = new Out();
        byte[] host = "www.example.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sni.u16(host.length + 3).u8(0).u16(host.length).bytes(host);
        exts.ext(0, sni.toByteArray());
        exts.ext(23, new byte[0]);
        exts.ext(65281, new byte[] {0});
        exts.ext(10, new Out().u16(8).u16(0x4a4a).u16(29).u16(23).u16(24).toByteArray());
        exts.ext(11, new byte[] {1, 0});
        exts.ext(35, new byte[0]);
        Out alpn = new Out().u16(12).u8(2).bytes("h2".getBytes()).u8(8).bytes("http/1.1".getBytes());
        exts.ext(16, alpn.toByteArray());
        exts.ext(5, new byte[] {1, 0, 0, 0, 0});
        Out sigs = new Out().u16(16);
        for (int s : new int[] {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601}) sigs.u16(s);
        exts.ext(13, sigs.toByteArray());
        exts.ext(18, new byte[0]);
        Out share = new Out().u16(1 + 4 + 4 + 32).u16(0x4a4a).u16(1).u8(0).u16(29).u16(32).bytes(new byte[32]);
        exts.ext(51, share.toByteArray());
        exts.ext(45, new byte[] {1, 1});
        exts.ext(43, new Out().u8(6).u16(0x7a7a).u16(0x0304).u16(0x0303).toByteArray());
        exts.ext(27, new byte[] {2, 0, 2});
        exts.ext(17513, new Out().u16(3).u8(2).bytes("h2".getBytes()).toByteArray());
        exts.ext(0x9a9a, new byte[] {0});
        Out body = new Out().u16(0x0303).bytes(new byte[32]).u8(32).bytes(new byte[32]);
        int[] suites = {0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014,
            0x009c, 0x009d, 0x002f, 0x0035};
        body.u16(2 * suites.length);
        for (int s : suites) body.u16(s);
        body.u8(1).u8(0);
        byte[] e = exts.toByteArray();
        int pad = Math.max(0, 508 - (body.size() + 2 + e.length + 4)); // padding (21) to a 512-byte hello
        Out all = new Out().bytes(e);
        all.ext(21, new byte[pad]);
        byte[] allExts = all.toByteArray();
        body.u16(allExts.length).bytes(allExts);
        byte[] b = body.toByteArray();
        Out msg = new Out().u8(1).u8(b.length >>> 16).u16(b.length & 0xffff).bytes(b);
        byte[] m = msg.toByteArray();
        return new Out().u8(22).u16(0x0301).u16(m.length).bytes(m).toByteArray();
    }

    /** Big-endian bytes. */
    private static final class Out extends ByteArrayOutputStream {
        Out u8(int v) {
            write(v);
            return this;
        }

        Out u16(int v) {
            write(v >>> 8);
            write(v);
            return this;
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out ext(int type, byte[] data) {
            return u16(type).u16(data.length).bytes(data);
        }
    }
}
