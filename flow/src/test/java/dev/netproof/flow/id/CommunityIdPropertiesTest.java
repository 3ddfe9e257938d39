package dev.netproof.flow.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Direction symmetry, ICMP pairing and agreement with a plain re-statement of the spec. */
class CommunityIdPropertiesTest {

    /** Two flow endpoints' addresses. */
    record Endpoints(IpAddress a, IpAddress b) {}

    /** An ICMP ({@code v6 == false}) or ICMPv6 message type. */
    record IcmpType(boolean v6, int type) {}

    private static final int[] PORT_PROTOS = {1, 6, 17, 58, 132};

    @Property
    void bothDirectionsGiveOneId(@ForAll("seeds") int seed, @ForAll("transportProtos") int proto,
                                 @ForAll("endpoints") Endpoints e,
                                 @ForAll @IntRange(max = 0xffff) int sport, @ForAll @IntRange(max = 0xffff) int dport) {
        assertEquals(id(seed, proto, e.a(), e.b(), sport, dport), id(seed, proto, e.b(), e.a(), dport, sport));
    }

    @Property
    void icmpRequestAndReplyGiveOneId(@ForAll("seeds") int seed, @ForAll("twoWayIcmpTypes") IcmpType t,
                                      @ForAll("endpoints") Endpoints e,
                                      @ForAll @IntRange(max = 0xff) int code,
                                      @ForAll @IntRange(max = 0xff) int replyCode) {
        int reply = CommunityId.icmpCounterpart(t.type(), t.v6());
        int proto = t.v6() ? 58 : 1;
        assertEquals(id(seed, proto, e.a(), e.b(), t.type(), code), id(seed, proto, e.b(), e.a(), reply, replyCode));
    }

    @Property
    void icmpOneWayIdDependsOnDirection(@ForAll("seeds") int seed, @ForAll boolean v6, @ForAll("endpoints") Endpoints e,
                                        @ForAll @IntRange(max = 0xff) int type,
                                        @ForAll @IntRange(max = 0xff) int code) {
        Assume.that(CommunityId.icmpCounterpart(type, v6) < 0 && !e.a().equals(e.b()));
        int proto = v6 ? 58 : 1;
        assertNotEquals(id(seed, proto, e.a(), e.b(), type, code), id(seed, proto, e.b(), e.a(), type, code));
    }

    @Property
    void portlessProtocolsIgnorePorts(@ForAll("seeds") int seed, @ForAll @IntRange(max = 0xff) int proto,
                                      @ForAll("endpoints") Endpoints e, @ForAll int sport, @ForAll int dport) {
        Assume.that(Arrays.stream(PORT_PROTOS).noneMatch(p -> p == proto));
        assertEquals(id(seed, proto, e.a(), e.b(), 0, 0), id(seed, proto, e.a(), e.b(), sport, dport));
    }

    @Property
    void counterpartIsAnInvolution(@ForAll @IntRange(min = -1, max = 0x100) int type, @ForAll boolean v6) {
        int c = CommunityId.icmpCounterpart(type, v6);
        if (c >= 0) {
            assertTrue(c <= 0xff && c != type);
            assertEquals(type, CommunityId.icmpCounterpart(c, v6));
        }
    }

    /** Also checks that per-thread scratch state never leaks from one call into the next. */
    @Property(tries = 2000)
    void agreesWithSpecPseudoCode(@ForAll("seeds") int seed, @ForAll("anyProto") int proto,
                                  @ForAll("endpoints") Endpoints e,
                                  @ForAll @IntRange(max = 0xffff) int sport, @ForAll @IntRange(max = 0xffff) int dport) {
        if (proto == 1 || proto == 58) {
            sport &= 0xff;
            dport &= 0xff;
        }
        String actual = id(seed, proto, e.a(), e.b(), sport, dport);
        assertEquals(reference(seed, proto, e.a(), e.b(), sport, dport), actual);
        assertEquals(30, actual.length());
        assertTrue(actual.startsWith("1:"));
        assertEquals(20, Base64.getDecoder().decode(actual.substring(2)).length);
    }

    @Provide
    Arbitrary<Integer> seeds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xffff)));
    }

    @Provide
    Arbitrary<IcmpType> twoWayIcmpTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 8, 9, 10, 13, 14, 15, 16, 17, 18).map(t -> new IcmpType(false, t)),
                Arbitraries.of(128, 129, 130, 131, 133, 134, 135, 136, 139, 140, 144, 145).map(t -> new IcmpType(true, t)));
    }

    @Provide
    Arbitrary<Integer> transportProtos() {
        return Arbitraries.oneOf(Arbitraries.of(6, 17, 132, 46, 47, 50, 0, 255),
                Arbitraries.integers().between(0, 0xff).filter(p -> p != 1 && p != 58));
    }

    @Provide
    Arbitrary<Integer> anyProto() {
        return Arbitraries.oneOf(Arbitraries.of(1, 6, 17, 58, 132), Arbitraries.integers().between(0, 0xff));
    }

    @Provide
    Arbitrary<Endpoints> endpoints() {
        Arbitrary<IpAddress> v4 = Arbitraries.integers().map(IpAddress::ofV4);
        Arbitrary<IpAddress> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::ofV6);
        Arbitrary<IpAddress> v6SameHi = Arbitraries.longs().map(lo -> IpAddress.ofV6(0xfe80_0000_0000_0000L, lo));
        Arbitrary<IpAddress> edge = Arbitraries.of(IpAddress.ofV4(0), IpAddress.ofV4(-1), IpAddress.ofV4(0x7fff_ffff),
                IpAddress.ofV6(0, 0), IpAddress.ofV6(0, 1), IpAddress.ofV6(-1, -1), IpAddress.ofV6(Long.MIN_VALUE, 0));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(v4, v4).as(Endpoints::new)),
                Tuple.of(4, Combinators.combine(v6, v6).as(Endpoints::new)),
                Tuple.of(2, Combinators.combine(v6SameHi, v6SameHi).as(Endpoints::new)),
                Tuple.of(2, Combinators.combine(edge, edge).as(Endpoints::new)),
                Tuple.of(2, Arbitraries.oneOf(v4, v6).map(a -> new Endpoints(a, a))),
                Tuple.of(1, Combinators.combine(v4, v6).as(Endpoints::new)));
    }

    private static String id(int seed, int proto, IpAddress src, IpAddress dst, int sport, int dport) {
        return CommunityId.v1(seed, proto, src.hi(), src.lo(), dst.hi(), dst.lo(), sport, dport);
    }

    /**
     * The README pseudo-code, written out with fresh objects and byte arrays: addresses ordered
     * by unsigned byte comparison of their 16-byte forms, hashed in wire width (both as 16 bytes
     * when the families differ, as {@link CommunityId} documents).
     */
    private static String reference(int seed, int proto, IpAddress src, IpAddress dst, int sport, int dport) {
        boolean ports = Arrays.stream(PORT_PROTOS).anyMatch(p -> p == proto);
        boolean oneWay = false;
        if (proto == 1 || proto == 58) {
            int counterpart = CommunityId.icmpCounterpart(sport, proto == 58);
            if (counterpart < 0) oneWay = true;
            else dport = counterpart;
        }
        int cmp = Arrays.compareUnsigned(src.toBytes16(), dst.toBytes16());
        boolean flip = !oneWay && (cmp > 0 || (cmp == 0 && ports && sport > dport));
        IpAddress first = flip ? dst : src;
        IpAddress second = flip ? src : dst;
        int firstPort = flip ? dport : sport;
        int secondPort = flip ? sport : dport;

        boolean v4 = src.isV4() && dst.isV4();
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(seed >>> 8);
        in.write(seed);
        in.writeBytes(v4 ? first.toWireBytes() : first.toBytes16());
        in.writeBytes(v4 ? second.toWireBytes() : second.toBytes16());
        in.write(proto);
        in.write(0);
        if (ports) {
            in.write(firstPort >>> 8);
            in.write(firstPort);
            in.write(secondPort >>> 8);
            in.write(secondPort);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(in.toByteArray());
            return "1:" + new String(Base64.getEncoder().encode(digest), StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
