package dev.netproof.flow.id;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID flow hashing, version 1, as specified by corelight/community-id-spec and computed
 * by Zeek, Suricata, Wireshark and pycommunityid.
 *
 * <p>The SHA-1 input is, all fields big-endian:
 *
 * <pre>
 * +--------+-----------+-----------+-------+-----+--------+--------+
 * | seed   | addr A    | addr B    | proto | 0   | port A | port B |
 * | 2 B    | 4 or 16 B | 4 or 16 B | 1 B   | 1 B | 2 B    | 2 B    |
 * +--------+-----------+-----------+-------+-----+--------+--------+
 *                                                 \_ only for TCP, UDP, SCTP, ICMP, ICMPv6 _/
 * </pre>
 *
 * where endpoint A is the smaller of the two (address compared as unsigned bytes, then port), so
 * both directions of a flow hash alike. IPv4 addresses ({@link IpAddress#isV4(long, long)}) are
 * hashed as their 4 wire bytes, IPv6 addresses as 16 bytes. The result is {@code "1:"} followed by the
 * base64 (RFC 4648, padded) of the 20-byte digest: always 30 ASCII characters.
 *
 * <p>ICMP (IP protocol 1) and ICMPv6 (58) take the message type and code in place of the ports and
 * map them as Zeek does: a request/reply type ({@link #icmpCounterpart}) hashes as port pair
 * (type, counterpart type) and is ordered like a port pair, so an echo request and its reply get
 * one ID; any other type is one-way and hashes as (type, code) in the given direction, unordered.
 * Passing Zeek conn.log-style ports (type, counterpart) therefore gives the same ID as (type, code).
 *
 * <p>Not covered by the spec (no packet has one), so only promised to be deterministic,
 * direction-independent and unambiguous: a tuple mixing an IPv4 and an IPv6 address hashes both as
 * 16 bytes, the IPv4 one in its IPv4-mapped form. (Hashing each in its own width would make
 * {@code 255.255.255.255 -> ffff:...:ffff} and its reverse the same byte string.)
 *
 * <p>Thread safety: all methods are safe to call from any thread; each thread keeps its own
 * {@link MessageDigest} and scratch buffers (a few hundred bytes per thread, kept for the thread's
 * life). Allocation per call: the returned {@code String} only.
 */
public final class CommunityId {

    // IP protocol numbers whose v1 tuple includes ports (ICMP: type and code); others hash without.
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP6 = 58;
    private static final int SCTP = 132;

    private static final int SHA1_LEN = 20;
    private static final int B64_LEN = 28;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private CommunityId() {}

    /**
     * The Community ID of a flow row, seed 0: what Zeek and Suricata write for the same connection. Not a
     * field of {@link Flow}: nothing on the ingest path reads it, and the store makes it on read (the SQL
     * macro {@code np_community_id}), so the flow table does not spend a SHA-1 per flow on it.
     */
    public static String of(Flow f) {
        return v1(0, f.ipProto(), f.origH().hi(), f.origH().lo(), f.respH().hi(), f.respH().lo(), f.origP(), f.respP());
    }

    /**
     * The version-1 Community ID of a flow tuple.
     *
     * @param seed the 16-bit seed, 0 by default ({@code 0..65535})
     * @param ipProto the IP protocol number ({@code 0..255}); for IPv6 the final next-header
     * @param srcHi bytes 0-7 of the source address (IPv4 stored IPv4-mapped)
     * @param srcLo bytes 8-15 of the source address
     * @param dstHi bytes 0-7 of the destination address
     * @param dstLo bytes 8-15 of the destination address
     * @param srcPort the source port ({@code 0..65535}); for ICMP/ICMPv6 the message type ({@code 0..255});
     *     ignored for protocols without ports
     * @param dstPort the destination port ({@code 0..65535}); for ICMP/ICMPv6 the message code ({@code 0..255});
     *     ignored for protocols without ports
     * @return {@code "1:"} + base64(SHA-1), 30 characters
     * @throws IllegalArgumentException if the seed, protocol or a used port/type/code is out of range
     *     (values decoded from a packet header never are)
     */
    public static String v1(int seed, int ipProto, long srcHi, long srcLo, long dstHi, long dstLo,
                            int srcPort, int dstPort) {
        if ((seed & ~0xffff) != 0) throw new IllegalArgumentException("seed not 16-bit: " + seed);
        if ((ipProto & ~0xff) != 0) throw new IllegalArgumentException("ipProto not 8-bit: " + ipProto);

        boolean hasPorts;
        boolean oneWay = false;
        int sp = srcPort;
        int dp = dstPort;
        switch (ipProto) {
            case TCP, UDP, SCTP -> {
                checkRange(srcPort, 0xffff, "srcPort");
                checkRange(dstPort, 0xffff, "dstPort");
                hasPorts = true;
            }
            case ICMP, ICMP6 -> {
                checkRange(srcPort, 0xff, "ICMP type");
                checkRange(dstPort, 0xff, "ICMP code");
                int counterpart = icmpCounterpart(srcPort, ipProto == ICMP6);
                if (counterpart < 0) {
                    oneWay = true; // (type, code), kept in packet direction
                } else {
                    dp = counterpart;
                }
                hasPorts = true;
            }
            default -> hasPorts = false;
        }

        boolean flip = !oneWay && greater(srcHi, srcLo, sp, dstHi, dstLo, dp, hasPorts);
        boolean v4 = IpAddress.isV4(srcHi, srcLo) && IpAddress.isV4(dstHi, dstLo);
        Scratch s = SCRATCH.get();
        byte[] in = s.in;
        int n = 0;
        in[n++] = (byte) (seed >>> 8);
        in[n++] = (byte) seed;
        if (flip) {
            n = putAddress(in, n, dstHi, dstLo, v4);
            n = putAddress(in, n, srcHi, srcLo, v4);
        } else {
            n = putAddress(in, n, srcHi, srcLo, v4);
            n = putAddress(in, n, dstHi, dstLo, v4);
        }
        in[n++] = (byte) ipProto;
        in[n++] = 0;
        if (hasPorts) {
            int first = flip ? dp : sp;
            int second = flip ? sp : dp;
            in[n++] = (byte) (first >>> 8);
            in[n++] = (byte) first;
            in[n++] = (byte) (second >>> 8);
            in[n++] = (byte) second;
        }
        return s.finish(n);
    }

    /**
     * The request/reply counterpart of an ICMP or ICMPv6 message type, as Zeek's
     * {@code ICMP4_counterpart}/{@code ICMP6_counterpart} and the Community ID spec define it: echo,
     * timestamp, information, router solicitation/advertisement and address mask for ICMP; echo,
     * MLD query/report, router and neighbor solicitation/advertisement, node information (139/140)
     * and home agent address discovery (144/145) for ICMPv6. The mapping is an involution.
     *
     * @param type the ICMP message type (any int; out-of-range values have no counterpart)
     * @param v6 {@code true} for ICMPv6 (IP protocol 58), {@code false} for ICMP (1)
     * @return the counterpart type, or -1 when the type is one-way (errors, redirects, unknown types)
     */
    public static int icmpCounterpart(int type, boolean v6) {
        if (v6) {
            return switch (type) {
                case 128 -> 129; // echo request -> reply
                case 129 -> 128;
                case 130 -> 131; // MLD listener query -> report
                case 131 -> 130;
                case 133 -> 134; // router solicitation -> advertisement
                case 134 -> 133;
                case 135 -> 136; // neighbor solicitation -> advertisement
                case 136 -> 135;
                case 139 -> 140; // node information query -> response ("who are you")
                case 140 -> 139;
                case 144 -> 145; // home agent address discovery request -> reply
                case 145 -> 144;
                default -> -1;
            };
        }
        return switch (type) {
            case 8 -> 0; // echo -> echo reply
            case 0 -> 8;
            case 13 -> 14; // timestamp -> reply
            case 14 -> 13;
            case 15 -> 16; // information request -> reply
            case 16 -> 15;
            case 10 -> 9; // router solicitation -> advertisement
            case 9 -> 10;
            case 17 -> 18; // address mask request -> reply
            case 18 -> 17;
            default -> -1;
        };
    }

    /** True when endpoint (src, sp) sorts after (dst, dp): addresses unsigned, then ports if any. */
    private static boolean greater(long srcHi, long srcLo, int sp, long dstHi, long dstLo, int dp,
                                   boolean hasPorts) {
        int c = Long.compareUnsigned(srcHi, dstHi);
        if (c == 0) c = Long.compareUnsigned(srcLo, dstLo);
        if (c == 0 && hasPorts) c = Integer.compare(sp, dp);
        return c > 0;
    }

    /** Writes the 4-byte IPv4 form when {@code v4}, else all 16 bytes. */
    private static int putAddress(byte[] b, int n, long hi, long lo, boolean v4) {
        if (v4) {
            return putBytes(b, n, lo, 4);
        }
        n = putBytes(b, n, hi, 8);
        return putBytes(b, n, lo, 8);
    }

    /** Writes the low {@code count} bytes of {@code v}, most significant first. */
    private static int putBytes(byte[] b, int n, long v, int count) {
        for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
            b[n++] = (byte) (v >>> shift);
        }
        return n;
    }

    private static void checkRange(int v, int max, String what) {
        if (v < 0 || v > max) throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + v);
    }

    /** Per-thread digest and buffers; never shared between threads. */
    private static final class Scratch {
        final MessageDigest sha1;
        final byte[] in = new byte[2 + 16 + 16 + 2 + 4];
        final byte[] digest = new byte[SHA1_LEN];
        final byte[] b64 = new byte[B64_LEN];
        final byte[] out = new byte[2 + B64_LEN];

        Scratch() {
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every Java platform", e);
            }
            out[0] = '1';
            out[1] = ':';
        }

        String finish(int len) {
            sha1.update(in, 0, len);
            try {
                sha1.digest(digest, 0, SHA1_LEN); // also resets the digest
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-1 digest into a 20-byte buffer failed", e);
            }
            Base64.getEncoder().encode(digest, b64);
            System.arraycopy(b64, 0, out, 2, B64_LEN);
            return new String(out, 0, out.length, StandardCharsets.ISO_8859_1);
        }
    }
}
