package dev.netproof.source.flow.sflow;

import dev.netproof.core.model.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test rig: lays out sFlow v5 datagrams, samples and records, XDR big-endian, opaques padded to 4. */
final class SflowBuilder {
    private final IpAddress agent;
    private final long subAgent, sequence, uptime;
    private final List<byte[]> samples = new ArrayList<>();

    private SflowBuilder(IpAddress agent, long subAgent, long sequence, long uptime) {
        this.agent = agent;
        this.subAgent = subAgent;
        this.sequence = sequence;
        this.uptime = uptime;
    }

    static SflowBuilder datagram(String agent, long subAgent, long sequence, long uptime) {
        return new SflowBuilder(IpAddress.parse(agent), subAgent, sequence, uptime);
    }

    /** A compact flow sample (format 1); {@code output} is the whole word, format bits included. */
    SflowBuilder flowSample(long seq, int sourceType, int sourceIndex, long rate, long pool, long drops, long input,
                            long output, byte[]... records) {
        return sample(1, words(seq, (long) sourceType << 24 | sourceIndex, rate, pool, drops, input, output), records);
    }

    /** An expanded flow sample (format 3). */
    SflowBuilder expandedFlowSample(long seq, long sourceType, long sourceIndex, long rate, long pool, long drops,
                                    long inFormat, long input, long outFormat, long output, byte[]... records) {
        return sample(3, words(seq, sourceType, sourceIndex, rate, pool, drops, inFormat, input, outFormat, output),
                records);
    }

    SflowBuilder counterSample(long seq, int sourceType, int sourceIndex, byte[]... records) {
        return sample(2, words(seq, (long) sourceType << 24 | sourceIndex), records);
    }

    SflowBuilder expandedCounterSample(long seq, long sourceType, long sourceIndex, byte[]... records) {
        return sample(4, words(seq, sourceType, sourceIndex), records);
    }

    private SflowBuilder sample(int format, byte[] fixed, byte[]... records) {
        Out o = new Out().bytes(fixed).u32(records.length);
        for (byte[] r : records) o.bytes(r);
        return rawSample(format, o.toBytes());
    }

    /** A sample of any tag, its data as given (padded). */
    SflowBuilder rawSample(int tag, byte[] data) {
        samples.add(new Out().u32(tag).opaque(data).toBytes());
        return this;
    }

    byte[] build() {
        return build(samples.size());
    }

    /** The datagram with {@code statedCount} in its sample count field. */
    byte[] build(long statedCount) {
        Out o = new Out().u32(5);
        if (agent.isV4()) {
            o.u32(1).u32(agent.v4() & 0xffff_ffffL);
        } else {
            o.u32(2).bytes(agent.toBytes16());
        }
        o.u32(subAgent).u32(sequence).u32(uptime).u32(statedCount);
        for (byte[] s : samples) o.bytes(s);
        return o.toBytes();
    }

    // --- records

    static byte[] record(int format, byte[] data) {
        return new Out().u32(format).opaque(data).toBytes();
    }

    static byte[] rawHeader(int protocol, long frameLength, long stripped, byte[] header) {
        return record(1, new Out().u32(protocol).u32(frameLength).u32(stripped).opaque(header).toBytes());
    }

    static byte[] sampledEthernet(long length, int type) {
        return record(2, new Out().u32(length).bytes(new byte[16]).u32(type).toBytes());
    }

    static byte[] sampledIpv4(long length, int proto, String src, String dst, long sport, long dport, int flags,
                              int tos) {
        return record(3, new Out().u32(length).u32(proto).bytes(IpAddress.parse(src).toWireBytes())
                .bytes(IpAddress.parse(dst).toWireBytes()).u32(sport).u32(dport).u32(flags).u32(tos).toBytes());
    }

    static byte[] sampledIpv6(long length, int proto, String src, String dst, long sport, long dport, int flags,
                              int priority) {
        return record(4, new Out().u32(length).u32(proto).bytes(IpAddress.parse(src).toBytes16())
                .bytes(IpAddress.parse(dst).toBytes16()).u32(sport).u32(dport).u32(flags).u32(priority).toBytes());
    }

    static byte[] extendedSwitch(long inVlan, long outVlan) {
        return record(1001, words(inVlan, 0, outVlan, 0));
    }

    static byte[] extendedRouter(String nextHop, int srcMask, int dstMask) {
        return record(1002, address(new Out(), nextHop).u32(srcMask).u32(dstMask).toBytes());
    }

    /** Extended gateway with one AS_SEQUENCE segment holding {@code path} (none when empty), no communities. */
    static byte[] extendedGateway(String nextHop, long as, long srcAs, long peerAs, long... path) {
        Out o = address(new Out(), nextHop).u32(as).u32(srcAs).u32(peerAs);
        if (path.length == 0) {
            o.u32(0);
        } else {
            o.u32(1).u32(2).u32(path.length);
            for (long a : path) o.u32(a);
        }
        return record(1003, o.u32(0).u32(100).toBytes());
    }

    /** Generic interface counters (counter record 1), fields in record order. */
    static byte[] genericCounters(long ifIndex, long ifType, long ifSpeed, long direction, long status, long inOctets,
                                  long[] in6, long outOctets, long[] out6) {
        Out o = new Out().u32(ifIndex).u32(ifType).u64(ifSpeed).u32(direction).u32(status).u64(inOctets);
        for (long v : in6) o.u32(v);
        o.u64(outOctets);
        for (long v : out6) o.u32(v);
        return record(1, o.toBytes());
    }

    /** Ethernet counters (counter record 2): the 13 dot3Stats values. */
    static byte[] ethernetCounters(long... thirteen) {
        return record(2, words(thirteen));
    }

    static byte[] words(long... values) {
        Out o = new Out();
        for (long v : values) o.u32(v);
        return o.toBytes();
    }

    private static Out address(Out o, String text) {
        IpAddress a = IpAddress.parse(text);
        return a.isV4() ? o.u32(1).bytes(a.toWireBytes()) : o.u32(2).bytes(a.toBytes16());
    }

    /** XDR writer. */
    static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Out u32(long v) {
            return bytes(ByteBuffer.allocate(4).putInt((int) v).array());
        }

        Out u64(long v) {
            return bytes(ByteBuffer.allocate(8).putLong(v).array());
        }

        Out bytes(byte[] v) {
            b.writeBytes(v);
            return this;
        }

        /** Length, bytes, zero padding to 4. */
        Out opaque(byte[] v) {
            u32(v.length).bytes(v);
            return bytes(new byte[(4 - v.length % 4) % 4]);
        }

        byte[] toBytes() {
            return b.toByteArray();
        }
    }
}
