package dev.netproof.bench;

import dev.netproof.decode.dns.DnsDecoder;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
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

/**
 * Decoding one DNS message the way the DNS analyzer does ({@link DnsDecoder#decodeAnswers}), from a native
 * segment as a mapped capture file gives it: a query for {@code www.example.com} A with EDNS, and its response
 * (a CNAME and two A records, names compressed, EDNS). Those two make up most of a resolver's traffic.
 *
 * <pre>java -jar bench/target/benchmarks.jar DnsBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DnsBenchmark {
    private final DnsDecoder decoder = new DnsDecoder();
    private MemorySegment query;
    private MemorySegment response;

    @Setup
    public void setup() {
        query = nativeCopy(queryBytes());
        response = nativeCopy(responseBytes());
    }

    @Benchmark
    public Object query() {
        return decoder.decodeAnswers(query, 0, (int) query.byteSize());
    }

    @Benchmark
    public Object response() {
        return decoder.decodeAnswers(response, 0, (int) response.byteSize());
    }

    private static MemorySegment nativeCopy(byte[] b) {
        MemorySegment s = Arena.global().allocate(b.length);
        MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
        return s;
    }

    static byte[] queryBytes() {
        Out m = new Out().u16(0x1234).u16(0x0100).u16(1).u16(0).u16(0).u16(1);
        m.name("www.example.com").u16(1).u16(1);
        return m.opt().toByteArray();
    }

    static byte[] responseBytes() {
        Out m = new Out().u16(0x1234).u16(0x8180).u16(1).u16(3).u16(0).u16(1);
        m.name("www.example.com").u16(1).u16(1);
        // the CNAME's owner points at the question's name (offset 12); its target is written out
        Out target = new Out().name("edge.example.net");
        m.u16(0xc00c).u16(5).u16(1).u32(300).u16(target.size()).bytes(target.toByteArray());
        int edge = 12 + 17 + 4 + 12; // header, question, CNAME's fixed part: where the target's name starts
        for (int i = 0; i < 2; i++) m.u16(0xc000 | edge).u16(1).u16(1).u32(60).u16(4).bytes(new byte[] {93, (byte) 184, 2, (byte) (10 + i)});
        return m.opt().toByteArray();
    }

    private static final class Out extends ByteArrayOutputStream {
        Out u16(int v) {
            write(v >>> 8);
            write(v);
            return this;
        }

        Out u32(int v) {
            return u16(v >>> 16).u16(v);
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out name(String n) {
            for (String label : n.split("\\.")) {
                write(label.length());
                bytes(label.getBytes(StandardCharsets.US_ASCII));
            }
            write(0);
            return this;
        }

        /** An EDNS OPT record: root owner, 1232-byte UDP payload, no options. */
        Out opt() {
            write(0);
            return u16(41).u16(1232).u32(0).u16(0);
        }
    }
}
