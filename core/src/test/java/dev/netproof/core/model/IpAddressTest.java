package dev.netproof.core.model;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IpAddressTest {
    @Test
    void v4IsMappedAndPrintsDotted() {
        IpAddress a = IpAddress.parse("192.168.1.20");
        assertTrue(a.isV4());
        assertEquals(0L, a.hi());
        assertEquals(0x0000_ffff_c0a8_0114L, a.lo());
        assertEquals("192.168.1.20", a.toString());
    }

    @Test
    void v6PrintsRfc5952() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:0db8:0:0:0:0:0:1").toString());
        assertEquals("fe80::217:f2ff:fed7:cf65", IpAddress.parse("fe80::217:f2ff:fed7:cf65").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("1::", IpAddress.parse("1::").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("ff02::fb", IpAddress.parse("ff02::fb").toString());
    }

    @Test
    void rejectsGarbageWithTheTextInTheMessage() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.256", "1:2:3", "1::2::3", "g::1", "1.2.3.4.5", "12345::"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"));
        }
    }

    @Property
    void v6RoundTripsLikeTheJdk(@ForAll long hi, @ForAll long lo) throws Exception {
        IpAddress a = IpAddress.ofV6(hi, lo);
        if (a.isV4()) return;
        IpAddress back = IpAddress.parse(a.toString());
        assertEquals(a, back);
        assertEquals(InetAddress.getByAddress(a.toBytes16()), InetAddress.getByName(a.toString()));
    }

    /** tryParse is parse without the exception: null exactly where parse refuses, the same address elsewhere. */
    @Property
    void tryParseAgreesWithParse(@ForAll("addressLike") String text) {
        IpAddress expected;
        try {
            expected = IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            expected = null;
        }
        assertEquals(expected, IpAddress.tryParse(text), text);
    }

    @Provide
    Arbitrary<String> addressLike() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789abcdefABCDEFg:. v=%[]").ofMaxLength(41);
        Arbitrary<String> v6 = Arbitraries.longs().tuple2().map(t -> IpAddress.ofV6(t.get1(), t.get2()).toString());
        Arbitrary<String> txt = Arbitraries.of("v=spf1 include:_spf.example.com ~all", "a:b c", "::", "::1", "1::", " ::1 ");
        return Arbitraries.oneOf(noise, v6, txt);
    }

    @Property
    void v4RoundTrips(@ForAll int v4) throws Exception {
        IpAddress a = IpAddress.ofV4(v4);
        assertEquals(a, IpAddress.parse(a.toString()));
        byte[] bytes = {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        assertEquals(java.net.InetAddress.getByAddress(bytes).getHostAddress(), a.toString(), "printed as the JDK prints it");
        assertEquals(v4, a.v4());
    }

    @Property
    void orderingIsUnsigned(@ForAll long hi1, @ForAll long lo1, @ForAll long hi2, @ForAll long lo2) {
        var a = new IpAddress(hi1, lo1);
        var b = new IpAddress(hi2, lo2);
        var ba = new java.math.BigInteger(1, a.toBytes16());
        var bb = new java.math.BigInteger(1, b.toBytes16());
        assertEquals(Integer.signum(ba.compareTo(bb)), Integer.signum(a.compareTo(b)));
    }
}
