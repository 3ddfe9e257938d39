package dev.netproof.bench.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Lays out Ethernet (optionally 802.1Q-tagged), IPv4/IPv6, TCP (with options) and UDP headers into a
 * {@link MemorySegment}, big-endian, with every length field and the IPv4, TCP and UDP checksums
 * right. Benchmark setup only: not tuned, not thread-safe (static helpers over the caller's segment).
 *
 * <p>Addresses are two longs each in {@code IpAddress}'s form (IPv4 mapped as {@code ::ffff:a.b.c.d}).
 */
public final class FrameWriter {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    public static final int PROTO_TCP = 6, PROTO_UDP = 17;

    /** TCP options of a SYN: none, or MSS + SACK-permitted + window scale, optionally with timestamps. */
    public static final int OPT_NONE = 0, OPT_SYN = 1, OPT_SYN_TS = 2, OPT_TS = 3;

    private static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

    private FrameWriter() {
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED;
    }

    public static long v4(int address) {
        return V4_MAPPED | (address & 0xffff_ffffL);
    }

    /** Bytes of the TCP options for {@code kind} (a multiple of 4). */
    public static int optionBytes(int kind) {
        return switch (kind) {
            case OPT_SYN -> 12;
            case OPT_SYN_TS -> 20;
            case OPT_TS -> 12;
            default -> 0;
        };
    }

    /**
     * Writes one TCP segment in an Ethernet frame at {@code at}; the payload bytes are filled with a
     * constant. Returns the frame length.
     */
    public static int tcp(MemorySegment m, long at, int vlan, long srcHi, long srcLo, long dstHi, long dstLo,
                          int sport, int dport, long seq, long ack, int flags, int window, int options,
                          int tsVal, int tsEcr, int payloadLen) {
        int tcpLen = 20 + optionBytes(options);
        int l4Len = tcpLen + payloadLen;
        boolean v4 = isV4(srcHi, srcLo);
        long ip = at + ethernet(m, at, vlan, v4 ? 0x0800 : 0x86DD);
        long l4 = ip + (v4 ? ipv4(m, ip, srcLo, dstLo, PROTO_TCP, l4Len, (int) seq)
                : ipv6(m, ip, srcHi, srcLo, dstHi, dstLo, PROTO_TCP, l4Len));
        m.set(BE16, l4, (short) sport);
        m.set(BE16, l4 + 2, (short) dport);
        m.set(BE32, l4 + 4, (int) seq);
        m.set(BE32, l4 + 8, (int) ack);
        m.set(BE16, l4 + 12, (short) (((tcpLen / 4) << 12) | (flags & 0xff)));
        m.set(BE16, l4 + 14, (short) window);
        m.set(BE16, l4 + 16, (short) 0);
        m.set(BE16, l4 + 18, (short) 0);
        long o = l4 + 20;
        switch (options) {
            case OPT_SYN -> { // MSS, NOP NOP SACK-permitted, NOP window scale 7
                m.set(BE32, o, 0x0204_05b4);
                m.set(BE32, o + 4, 0x0101_0402);
                m.set(BE32, o + 8, 0x0103_0307);
            }
            case OPT_SYN_TS -> { // MSS, SACK-permitted, timestamps, NOP, window scale 7 (Linux's order)
                m.set(BE32, o, 0x0204_05b4);
                m.set(BE16, o + 4, (short) 0x0402);
                m.set(BE16, o + 6, (short) 0x080a);
                m.set(BE32, o + 8, tsVal);
                m.set(BE32, o + 12, tsEcr);
                m.set(BE32, o + 16, 0x0103_0307);
            }
            case OPT_TS -> { // NOP NOP timestamps
                m.set(BE32, o, 0x0101_080a);
                m.set(BE32, o + 4, tsVal);
                m.set(BE32, o + 8, tsEcr);
            }
            default -> { }
        }
        m.asSlice(l4 + tcpLen, payloadLen).fill((byte) 0x5a);
        m.set(BE16, l4 + 16, (short) l4Checksum(m, ip, v4, PROTO_TCP, l4, l4Len));
        return (int) (l4 + l4Len - at);
    }

    /** Writes one UDP datagram carrying {@code payload} in an Ethernet frame at {@code at}; returns the frame length. */
    public static int udp(MemorySegment m, long at, int vlan, long srcHi, long srcLo, long dstHi, long dstLo,
                          int sport, int dport, byte[] payload, int payloadLen) {
        int l4Len = 8 + payloadLen;
        boolean v4 = isV4(srcHi, srcLo);
        long ip = at + ethernet(m, at, vlan, v4 ? 0x0800 : 0x86DD);
        long l4 = ip + (v4 ? ipv4(m, ip, srcLo, dstLo, PROTO_UDP, l4Len, sport)
                : ipv6(m, ip, srcHi, srcLo, dstHi, dstLo, PROTO_UDP, l4Len));
        m.set(BE16, l4, (short) sport);
        m.set(BE16, l4 + 2, (short) dport);
        m.set(BE16, l4 + 4, (short) l4Len);
        m.set(BE16, l4 + 6, (short) 0);
        MemorySegment.copy(payload, 0, m, ValueLayout.JAVA_BYTE, l4 + 8, payloadLen);
        int sum = l4Checksum(m, ip, v4, PROTO_UDP, l4, l4Len);
        m.set(BE16, l4 + 6, (short) (sum == 0 ? 0xffff : sum));
        return (int) (l4 + l4Len - at);
    }

    private static int ethernet(MemorySegment m, long at, int vlan, int etherType) {
        m.set(BE32, at, 0x0200_0000);       // dst 02:00:00:00:00:01
        m.set(BE16, at + 4, (short) 0x0001);
        m.set(BE32, at + 6, 0x0200_0000);   // src 02:00:00:00:00:02
        m.set(BE16, at + 10, (short) 0x0002);
        if (vlan < 0) {
            m.set(BE16, at + 12, (short) etherType);
            return 14;
        }
        m.set(BE16, at + 12, (short) 0x8100);
        m.set(BE16, at + 14, (short) (vlan & 0x0fff));
        m.set(BE16, at + 16, (short) etherType);
        return 18;
    }

    private static int ipv4(MemorySegment m, long at, long srcLo, long dstLo, int proto, int l4Len, int id) {
        m.set(BE16, at, (short) 0x4500);
        m.set(BE16, at + 2, (short) (20 + l4Len));
        m.set(BE16, at + 4, (short) id);
        m.set(BE16, at + 6, (short) 0x4000); // DF
        m.set(BE16, at + 8, (short) ((64 << 8) | proto));
        m.set(BE16, at + 10, (short) 0);
        m.set(BE32, at + 12, (int) srcLo);
        m.set(BE32, at + 16, (int) dstLo);
        m.set(BE16, at + 10, (short) fold(sum(m, at, 20, 0)));
        return 20;
    }

    private static int ipv6(MemorySegment m, long at, long srcHi, long srcLo, long dstHi, long dstLo, int next,
                            int l4Len) {
        m.set(BE32, at, 0x6000_0000);
        m.set(BE16, at + 4, (short) l4Len);
        m.set(BE16, at + 6, (short) ((next << 8) | 64));
        m.set(BE64, at + 8, srcHi);
        m.set(BE64, at + 16, srcLo);
        m.set(BE64, at + 24, dstHi);
        m.set(BE64, at + 32, dstLo);
        return 40;
    }

    private static int l4Checksum(MemorySegment m, long ip, boolean v4, int proto, long l4, int l4Len) {
        long s = proto + l4Len;
        s = v4 ? sum(m, ip + 12, 8, s) : sum(m, ip + 8, 32, s);
        return fold(sum(m, l4, l4Len, s));
    }

    private static long sum(MemorySegment m, long at, int len, long s) {
        int i = 0;
        for (; i + 1 < len; i += 2) s += m.get(BE16, at + i) & 0xffff;
        if (i < len) s += (m.get(ValueLayout.JAVA_BYTE, at + i) & 0xff) << 8;
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) (~s & 0xffff);
    }
}
