package dev.netproof.flow.id;

import static dev.netproof.flow.id.Vectors.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netproof.core.model.IpAddress;
import dev.netproof.flow.id.Vectors.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Community ID v1 against the spec's published expectations (corelight/community-id-spec). */
class CommunityIdTest {

    static Stream<Vector> specTables() {
        return Vectors.specTables().stream();
    }

    static Stream<Vector> baselineSeed0() {
        return Vectors.baselineJson("baseline_deflt.json", 0).stream();
    }

    static Stream<Vector> baselineSeed1() {
        return Vectors.baselineJson("baseline_seed1.json", 1).stream();
    }

    /** The README tables: TCP, UDP, SCTP, ICMP, ICMPv6 and port-less RSVP, v4 and v6, seeds 0 and 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specTables")
    void matchesSpecTables(Vector v) {
        assertEquals(v.expected(), v.actual(), v.toString());
    }

    /**
     * Per-packet tuples of the spec's combined.pcap. ICMP ports there are the mapped (type,
     * counterpart) or (type, code) pairs, which must hash the same as the raw (type, code).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("baselineSeed0")
    void matchesBaselineSeed0(Vector v) {
        assertEquals(v.expected(), v.actual(), v.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselineSeed1")
    void matchesBaselineSeed1(Vector v) {
        assertEquals(v.expected(), v.actual(), v.toString());
    }

    @Test
    void tcpV4BothDirections() {
        // spec README: "10.0.0.1, 127.0.0.1, 1234, 80" example and baseline TCP v4 flow
        assertEquals("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", id(0, 6, "128.232.110.120", "66.35.250.204", 34855, 80));
        assertEquals("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", id(0, 6, "66.35.250.204", "128.232.110.120", 80, 34855));
        assertEquals(id(0, 6, "10.0.0.1", "127.0.0.1", 1234, 80), id(0, 6, "127.0.0.1", "10.0.0.1", 80, 1234));
    }

    @Test
    void tcpV6BothDirections() {
        String a = "2001:470:e5bf:dead:4957:2174:e82c:4887";
        String b = "2607:f8b0:400c:c03::1a";
        assertEquals("1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=", id(0, 6, a, b, 63943, 25));
        assertEquals("1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=", id(0, 6, b, a, 25, 63943));
    }

    @Test
    void udpV4() {
        assertEquals("1:d/FP5EW3wiY1vCndhwleRRKHowQ=", id(0, 17, "192.168.1.52", "8.8.8.8", 54585, 53));
        assertEquals("1:d/FP5EW3wiY1vCndhwleRRKHowQ=", id(0, 17, "8.8.8.8", "192.168.1.52", 53, 54585));
    }

    @Test
    void sctpEqualPortsBothDirections() {
        assertEquals("1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=", id(0, 132, "192.168.170.8", "192.168.170.56", 7, 7));
        assertEquals("1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=", id(0, 132, "192.168.170.56", "192.168.170.8", 7, 7));
    }

    @Test
    void icmpEchoRequestAndReplyShareAnId() {
        // wire type/code: request 8/0 one way, reply 0/0 back
        assertEquals("1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", id(0, 1, "192.168.0.89", "192.168.0.1", 8, 0));
        assertEquals("1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", id(0, 1, "192.168.0.1", "192.168.0.89", 0, 0));
    }

    @Test
    void icmpTwoWayTypesIgnoreTheCode() {
        // Zeek conn.log stores (type, counterpart) as ports; that must hash like (type, code).
        String wire = id(0, 1, "192.168.0.89", "192.168.0.1", 8, 0);
        assertEquals(wire, id(0, 1, "192.168.0.89", "192.168.0.1", 8, 7));
        assertEquals(wire, id(0, 1, "192.168.0.1", "192.168.0.89", 0, 8));
    }

    @Test
    void icmpOneWayKeepsDirectionAndCode() {
        assertEquals("1:YHxtAirCG//0OzkcVAukqKQN9xM=", id(0, 1, "10.0.0.1", "10.0.0.2", 11, 0));
        assertNotEquals("1:YHxtAirCG//0OzkcVAukqKQN9xM=", id(0, 1, "10.0.0.2", "10.0.0.1", 11, 0));
        assertNotEquals(id(0, 1, "10.0.0.1", "10.0.0.2", 3, 1), id(0, 1, "10.0.0.1", "10.0.0.2", 3, 3));
        // one-way is not flipped even when the source sorts after the destination
        assertEquals("1:f/YiSyWqczrTgfUCZlBUnvHRcPk=", id(0, 1, "1.2.3.4", "5.6.7.8", 11, 0));
    }

    @Test
    void icmpv6NeighborDiscoveryPairs() {
        String a = "fe80::200:86ff:fe05:80da";
        String b = "fe80::260:97ff:fe07:69ea";
        assertEquals("1:dGHyGvjMfljg6Bppwm3bg0LO8TY=", id(0, 58, a, b, 135, 0)); // solicitation
        assertEquals("1:dGHyGvjMfljg6Bppwm3bg0LO8TY=", id(0, 58, b, a, 136, 0)); // advertisement back
        assertEquals("1:zavyT/cezQr1fmImYCwYnMXbgck=", id(0, 58, b, a, 135, 0)); // other direction's pair
    }

    @Test
    void icmpv6OneWay() {
        // time exceeded (3/0) and destination unreachable (1/4) from the baseline capture
        assertEquals("1:2ObVBgIn28oZvibYZhZMBgh7WdQ=",
                id(0, 58, "3ffe:501:1800:2345::2", "3ffe:507:0:1:200:86ff:fe05:80da", 3, 0));
        assertEquals("1:hLZd0XGWojozrvxqE0dWB1iM6R0=",
                id(0, 58, "3ffe:501:410:0:2c0:dfff:fe47:33e", "3ffe:507:0:1:200:86ff:fe05:80da", 1, 4));
    }

    @Test
    void portlessProtocolsIgnorePorts() {
        assertEquals("1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=", id(0, 46, "10.1.12.1", "10.1.12.2", 0, 0));
        assertEquals("1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=", id(0, 46, "10.1.12.2", "10.1.12.1", 1234, 99));
        assertEquals(id(0, 47, "10.1.12.1", "10.1.12.2", 0, 0), id(0, 47, "10.1.12.2", "10.1.12.1", -1, 70000));
        assertNotEquals(id(0, 46, "10.1.12.1", "10.1.12.2", 0, 0), id(0, 47, "10.1.12.1", "10.1.12.2", 0, 0));
    }

    @Test
    void seedChangesTheId() {
        assertEquals("1:wCb3OG7yAFWelaUydu0D+125CLM=", id(0, 6, "1.2.3.4", "5.6.7.8", 1122, 3344));
        assertEquals("1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=", id(1, 6, "1.2.3.4", "5.6.7.8", 1122, 3344));
        assertNotEquals(id(1, 6, "1.2.3.4", "5.6.7.8", 1122, 3344), id(0xffff, 6, "1.2.3.4", "5.6.7.8", 1122, 3344));
    }

    @Test
    void ipv4MappedAddressesHashAsFourBytes() {
        // ::ffff:1.2.3.4 is how the model stores 1.2.3.4; the spec hashes the 4-byte form
        IpAddress v4 = IpAddress.ofV4(0x01020304);
        assertEquals(v4, address("::ffff:1.2.3.4"));
        assertEquals("1:wCb3OG7yAFWelaUydu0D+125CLM=", id(0, 6, "::ffff:1.2.3.4", "::ffff:5.6.7.8", 1122, 3344));
        // ::1.2.3.4 (IPv4-compatible, deprecated) is not IPv4-mapped and hashes as 16 bytes
        IpAddress compat = IpAddress.ofV6(0, 0x01020304L);
        IpAddress other = IpAddress.ofV6(0, 0x05060708L);
        assertNotEquals("1:wCb3OG7yAFWelaUydu0D+125CLM=",
                CommunityId.v1(0, 6, compat.hi(), compat.lo(), other.hi(), other.lo(), 1122, 3344));
    }

    @Test
    void mixedFamiliesAreSymmetricAndUnambiguous() {
        // outside the spec; with each address in its own width both directions would be the same bytes
        String v4 = "255.255.255.255";
        String v6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        assertNotEquals(id(0, 1, v4, v6, 3, 0), id(0, 1, v6, v4, 3, 0));
        assertEquals(id(0, 6, v4, v6, 1, 2), id(0, 6, v6, v4, 2, 1));
    }

    @Test
    void icmpCounterparts() {
        int[][] v4 = {{8, 0}, {13, 14}, {15, 16}, {10, 9}, {17, 18}};
        int[][] v6 = {{128, 129}, {130, 131}, {133, 134}, {135, 136}, {139, 140}, {144, 145}};
        for (int[] p : v4) {
            assertEquals(p[1], CommunityId.icmpCounterpart(p[0], false));
            assertEquals(p[0], CommunityId.icmpCounterpart(p[1], false));
            assertEquals(-1, CommunityId.icmpCounterpart(p[0], true));
        }
        for (int[] p : v6) {
            assertEquals(p[1], CommunityId.icmpCounterpart(p[0], true));
            assertEquals(p[0], CommunityId.icmpCounterpart(p[1], true));
            assertEquals(-1, CommunityId.icmpCounterpart(p[0], false));
        }
        for (int oneWay : new int[] {3, 4, 5, 11, 12, 255, -1, 256}) {
            assertEquals(-1, CommunityId.icmpCounterpart(oneWay, false), "v4 type " + oneWay);
        }
        for (int oneWay : new int[] {1, 2, 3, 4, 132, 137, 143, 146, 0, 8, -1, 384}) {
            assertEquals(-1, CommunityId.icmpCounterpart(oneWay, true), "v6 type " + oneWay);
        }
    }

    @Test
    void rejectsOutOfRangeArguments() {
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(-1, 6, 0, 0, 0, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0x10000, 6, 0, 0, 0, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0, 256, 0, 0, 0, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0, -1, 0, 0, 0, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0, 6, 0, 0, 0, 0, 65536, 2));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0, 17, 0, 0, 0, 0, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0, 1, 0, 0, 0, 0, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> CommunityId.v1(0, 58, 0, 0, 0, 0, 128, 256));
    }

    @Test
    void sameResultsFromManyThreads() throws Exception {
        List<Vector> all = new ArrayList<>(Vectors.specTables());
        all.addAll(Vectors.baselineJson("baseline_deflt.json", 0));
        all.addAll(Vectors.baselineJson("baseline_seed1.json", 1));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                jobs.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (Vector v : all) assertEquals(v.expected(), v.actual(), v.toString());
                    }
                }));
            }
            for (Future<?> job : jobs) job.get();
        }
    }

    private static String id(int seed, int proto, String src, String dst, int sport, int dport) {
        IpAddress s = address(src);
        IpAddress d = address(dst);
        return CommunityId.v1(seed, proto, s.hi(), s.lo(), d.hi(), d.lo(), sport, dport);
    }
}
