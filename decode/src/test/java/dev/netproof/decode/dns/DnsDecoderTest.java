package dev.netproof.decode.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DnsDecoderTest {
    /** Writes DNS messages byte by byte; names as labels, pointers by hand. */
    static final class Msg {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Msg header(int id, int flags, int qd, int an, int ns, int ar) {
            return u16(id).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
        }

        Msg u8(int v) {
            b.write(v);
            return this;
        }

        Msg u16(int v) {
            return u8(v >>> 8).u8(v & 0xff);
        }

        Msg u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v & 0xffff);
        }

        Msg labels(String... labels) {
            for (String l : labels) {
                byte[] x = l.getBytes(StandardCharsets.ISO_8859_1);
                u8(x.length);
                b.writeBytes(x);
            }
            return this;
        }

        Msg name(String dotted) {
            return labels(dotted.isEmpty() ? new String[0] : dotted.split("\\.")).u8(0);
        }

        Msg pointer(int to) {
            return u16(0xC000 | to);
        }

        Msg bytes(int... v) {
            for (int x : v) u8(x);
            return this;
        }

        int size() {
            return b.size();
        }

        DnsMessage decode() {
            byte[] a = b.toByteArray();
            return new DnsDecoder().decode(MemorySegment.ofArray(a), 0, a.length);
        }
    }

    @Test
    void aCompressedResponseWithEveryCommonType() {
        Msg m = new Msg().header(0xBEEF, 0x8180, 1, 9, 1, 0);
        int qname = m.size();
        m.name("example.com").u16(1).u16(1);
        m.pointer(qname).u16(1).u16(1).u32(300).u16(4).bytes(93, 184, 216, 34); // A
        m.pointer(qname).u16(28).u16(1).u32(300).u16(16).bytes(0x26, 0x06, 0x28, 0, 0x02, 0x20, 0, 1, 0x2, 0x48, 0x18, 0x93, 0x25, 0xc8, 0x19, 0x46); // AAAA
        int www = m.size();
        m.labels("www").pointer(qname).u16(5).u16(1).u32(60).u16(2).pointer(qname); // CNAME
        m.pointer(qname).u16(15).u16(1).u32(60).u16(7).u16(10).labels("mx").pointer(qname); // MX
        m.pointer(qname).u16(16).u16(1).u32(60).u16(7).labels("ab", "cde"); // TXT: two strings
        m.pointer(qname).u16(33).u16(1).u32(60).u16(8).u16(1).u16(2).u16(443).pointer(www); // SRV
        m.pointer(qname).u16(65).u16(1).u32(60).u16(16).u16(1).u8(0).u16(1).u16(3).labels("h2").u16(3).u16(2).u16(8443); // HTTPS
        m.pointer(qname).u16(12).u16(1).u32(60).u16(2).pointer(www); // PTR
        m.pointer(qname).u16(99).u16(1).u32(60).u16(3).bytes(1, 2, 255); // unknown type
        m.pointer(qname).u16(6).u16(1).u32(60).u16(27).labels("ns").pointer(qname).pointer(www)
                .u32(2024).u32(7200).u32(900).u32(1209600).u32(86400); // SOA in authority
        DnsMessage d = m.decode();
        assertNull(d.error(), "complete");
        assertEquals(0xBEEF, d.id());
        assertTrue(d.response() && d.recursionDesired() && d.recursionAvailable());
        assertEquals("example.com", d.question().name());
        assertEquals(List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "example.com", "10 mx.example.com",
                        "ab cde", "1 2 443 www.example.com", "1 . alpn=h2 port=8443", "www.example.com", "\\# 3 0102ff"),
                d.answers().stream().map(DnsRecord::data).toList());
        assertEquals("www.example.com", d.answers().get(2).name());
        assertEquals(List.of("ab", "cde"), d.answers().get(4).texts());
        assertEquals("ns.example.com www.example.com 2024 7200 900 1209600 86400", d.authority().get(0).data());
    }

    @Test
    void aPointerToItselfOrForwardOrIntoTheHeaderIsRefused() {
        Msg self = new Msg().header(1, 0, 1, 0, 0, 0);
        self.pointer(self.size()).u16(1).u16(1);
        assertEquals(DnsError.BAD_POINTER, self.decode().error());

        Msg loop = new Msg().header(1, 0, 1, 0, 0, 0);
        int at = loop.size();
        loop.labels("a").pointer(at).u16(1).u16(1); // a.a.a.a... if followed
        assertEquals(DnsError.BAD_POINTER, loop.decode().error());

        Msg forward = new Msg().header(1, 0, 1, 0, 0, 0);
        forward.pointer(forward.size() + 2).name("x").u16(1).u16(1);
        assertEquals(DnsError.BAD_POINTER, forward.decode().error());

        Msg header = new Msg().header(1, 0, 1, 0, 0, 0).pointer(4).u16(1).u16(1);
        assertEquals(DnsError.BAD_POINTER, header.decode().error());
    }

    @Test
    void aChainOfBackwardPointersEnds() {
        // each name points at the one before it: legal, and the reader follows it to the root
        Msg m = new Msg().header(1, 0, 40, 0, 0, 0);
        int prev = m.size();
        m.labels("a").u8(0).u16(1).u16(1);
        for (int i = 1; i < 40; i++) {
            int here = m.size();
            m.labels("b").pointer(prev).u16(1).u16(1);
            prev = here;
        }
        DnsMessage d = m.decode();
        assertNull(d.error());
        assertEquals(("b.".repeat(39)) + "a", d.questions().get(39).name());
    }

    @Test
    void labelsAndNamesAreBounded() {
        Msg reserved = new Msg().header(1, 0, 1, 0, 0, 0).bytes(0x40, 1, 2).u16(1).u16(1);
        assertEquals(DnsError.BAD_LABEL, reserved.decode().error());
        String l63 = "x".repeat(63);
        Msg longName = new Msg().header(1, 0, 1, 0, 0, 0).labels(l63, l63, l63, l63, l63).u8(0).u16(1).u16(1);
        assertEquals(DnsError.NAME_TOO_LONG, longName.decode().error());
        Msg limit = new Msg().header(1, 0, 1, 0, 0, 0).labels(l63, l63, l63, "y".repeat(61)).u8(0).u16(1).u16(1);
        assertNull(limit.decode().error(), "255 bytes on the wire is the limit, not over it");
    }

    @Test
    void countsFromTheHeaderDoNotAllocate() {
        DnsMessage d = new Msg().header(7, 0x8000, 65535, 65535, 65535, 65535).decode();
        assertEquals(DnsError.TRUNCATED, d.error());
        assertEquals(65535, d.answerCount());
        assertTrue(d.questions().isEmpty() && d.answers().isEmpty());
        assertEquals(DnsError.TRUNCATED_HEADER, new Msg().bytes(1, 2, 3).decode().error());
    }

    @Test
    void recordsPastTheLimitAreCountedNotDecoded() {
        Msg m = new Msg().header(1, 0x8000, 0, 2000, 0, 0);
        for (int i = 0; i < 2000; i++) m.u8(0).u16(1).u16(1).u32(1).u16(4).bytes(10, 0, i >>> 8, i & 0xff);
        DnsMessage d = m.decode();
        assertEquals(DnsError.TOO_MANY_RECORDS, d.error());
        assertEquals(DnsDecoder.MAX_RECORDS, d.answers().size());
    }

    @Test
    void recordDataMustFitItsType() {
        Msg shortA = new Msg().header(1, 0x8000, 0, 1, 0, 0).u8(0).u16(1).u16(1).u32(1).u16(5).bytes(1, 2, 3, 4, 5);
        assertEquals(DnsError.BAD_RDATA, shortA.decode().error());
        Msg cnameOut = new Msg().header(1, 0x8000, 0, 1, 0, 0).u8(0).u16(5).u16(1).u32(1).u16(2).labels("abc").u8(0);
        assertEquals(DnsError.BAD_RDATA, cnameOut.decode().error(), "the name runs past its record data");
        Msg txtOver = new Msg().header(1, 0x8000, 0, 1, 0, 0).u8(0).u16(16).u16(1).u32(1).u16(3).bytes(5, 'a', 'b');
        assertEquals(DnsError.BAD_RDATA, txtOver.decode().error());
        Msg past = new Msg().header(1, 0x8000, 0, 1, 0, 0).u8(0).u16(1).u16(1).u32(1).u16(4).bytes(1, 2);
        assertEquals(DnsError.TRUNCATED, past.decode().error());
    }

    @Property(tries = 3000)
    void anyBytesGiveAMessageOrANamedErrorAndNothingElse(@ForAll @Size(max = 600) byte[] bytes) {
        DnsMessage d = new DnsDecoder().decode(MemorySegment.ofArray(bytes), 0, bytes.length);
        check(d, bytes.length);
    }

    @Property(tries = 3000)
    void mutatedResponsesStayBounded(@ForAll @IntRange(min = 0, max = 400) int at, @ForAll byte value,
                                     @ForAll @IntRange(min = 0, max = 400) int cut) {
        Msg m = new Msg().header(0xBEEF, 0x8180, 1, 2, 0, 0);
        int qname = m.size();
        m.name("mutate.example.org").u16(1).u16(1);
        m.pointer(qname).u16(5).u16(1).u32(1).u16(6).labels("www").pointer(qname);
        m.pointer(qname).u16(16).u16(1).u32(1).u16(6).labels("hello");
        byte[] b = m.b.toByteArray();
        if (at < b.length) b[at] = value;
        int len = Math.min(b.length, Math.max(0, b.length - cut % 40));
        DnsMessage d = new DnsDecoder().decode(MemorySegment.ofArray(b), 0, len);
        check(d, len);
    }

    /**
     * Names that are lone pointers come from the names already read in the message: the same names, offsets
     * and errors as reading each afresh, for well-formed and mutated messages with chains of pointers.
     */
    @Property(tries = 3000)
    void rememberedNamesAreTheNamesReadAfresh(@ForAll @IntRange(min = 0, max = 600) int at, @ForAll byte value,
                                             @ForAll @IntRange(min = 1, max = 12) int answers,
                                             @ForAll @IntRange(min = 0, max = 9) int chain) {
        Msg m = new Msg().header(0xBEEF, 0x8180, 1, answers + chain, 0, 0);
        int qname = m.size();
        m.name("memo.example.org").u16(1).u16(1);
        int prev = qname;
        for (int i = 0; i < chain; i++) { // owner names that point at the previous record's owner name
            int here = m.size();
            m.pointer(prev).u16(5).u16(1).u32(1).u16(6).labels("www").pointer(qname);
            prev = here;
        }
        for (int i = 0; i < answers; i++) m.pointer(i % 2 == 0 ? qname : prev).u16(1).u16(1).u32(60).u16(4).bytes(10, 0, 0, i);
        byte[] b = m.b.toByteArray();
        if (at < b.length) b[at] = value;
        DnsMessage remembered = new DnsDecoder().decode(MemorySegment.ofArray(b), 0, b.length);
        DnsMessage afresh = new DnsDecoder(false).decode(MemorySegment.ofArray(b), 0, b.length);
        assertEquals(afresh, remembered);
        DnsDecoder reused = new DnsDecoder(); // a decoder's memo holds one message's names only
        reused.decode(MemorySegment.ofArray(b), 0, b.length);
        byte[] other = b.clone();
        if (other.length > qname + 1) other[qname + 1] ^= 0x01; // another name at the same offsets
        assertEquals(new DnsDecoder(false).decode(MemorySegment.ofArray(other), 0, other.length),
                reused.decode(MemorySegment.ofArray(other), 0, other.length));
    }

    /**
     * A decoder reads each message from a buffer of its own that it reuses: a message after a longer one (its
     * bytes still in the buffer past the new end), a message cut short within its segment (the segment's next
     * bytes must not be read), and one given a length past the segment's end decode as with a new decoder.
     */
    @Property(tries = 500)
    void aReusedDecoderReadsOnlyTheMessageItIsGiven(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 40) Integer> txts,
                                                   @ForAll @IntRange(min = 0, max = 2000) int cut, @ForAll byte junk,
                                                   @ForAll @IntRange(min = 0, max = 2000) int at, @ForAll byte value) {
        DnsDecoder reused = new DnsDecoder();
        for (int round = 0; round < txts.size(); round++) {
            int records = txts.get(round);
            Msg m = new Msg().header(round, 0x8180, 1, records, 0, 0).name("txt.example.org").u16(16).u16(1);
            for (int i = 0; i < records; i++) {
                m.pointer(12).u16(16).u16(1).u32(60).u16(1 + 40).u8(40);
                for (int k = 0; k < 40; k++) m.u8('a' + (i + k) % 26);
            }
            byte[] msg = m.b.toByteArray();
            if (at < msg.length) msg[at] = value;
            // the message at offset 3 of a segment with junk before and after it
            byte[] seg = new byte[3 + msg.length + 64];
            java.util.Arrays.fill(seg, junk);
            System.arraycopy(msg, 0, seg, 3, msg.length);
            int length = round % 3 == 0 ? Math.min(cut, msg.length) : round % 3 == 1 ? msg.length : msg.length + 200;
            MemorySegment s = MemorySegment.ofArray(seg).asSlice(0, round % 3 == 2 ? 3 + msg.length : seg.length);
            DnsDecoder fresh = new DnsDecoder();
            assertEquals(fresh.decode(s, 3, length), reused.decode(s, 3, length), "round " + round);
            assertEquals(fresh.consumed(), reused.consumed());
        }
    }

    private static void check(DnsMessage d, int length) {
        int records = d.answers().size() + d.authority().size() + d.additional().size();
        assertTrue(records <= DnsDecoder.MAX_RECORDS && records * 11 <= Math.max(0, length - 12), "records " + records);
        assertTrue(d.questions().size() * 5 <= Math.max(0, length - 12));
        for (DnsQuestion q : d.questions()) assertTrue(q.name().length() <= 254, q.name());
        if (d.error() == null) {
            assertEquals(d.questionCount(), d.questions().size());
            assertEquals(d.answerCount(), d.answers().size());
        }
    }
}
