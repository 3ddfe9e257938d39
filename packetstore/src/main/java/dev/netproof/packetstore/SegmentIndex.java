package dev.netproof.packetstore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The index of one segment: its source, time range, link types, a Bloom filter of the addresses in it,
 * and one 20-byte entry per packet: capture time, offset of its block in the segment, flow hash, and
 * 16-bit hashes of its two addresses. Extraction reads the index whole and only the packets whose
 * entries match.
 *
 * <pre>
 *  0  "NPIX"  u16 version=1  u16 link types n
 *  8  i64 first ts   i64 last ts (ns, the segment's range)   i32 packets   i32 snapped   i64 segment bytes
 * 40  u16 source length, source UTF-8, u16 link type × n
 *     Bloom filter of addresses, 8192 bytes (65,536 bits, 3 probes)
 *     packets × { i64 ts ns, i32 block offset, i32 flow hash, u16 host hash src, u16 host hash dst }
 *     u32 CRC-32 of all of the above
 * </pre>
 * Little-endian, like the segments written on x86 and ARM. Instances are immutable after decoding.
 */
public final class SegmentIndex {
    public static final int ENTRY_BYTES = 20;
    public static final int BLOOM_BYTES = 8192;
    private static final int MAGIC = 0x5849504E; // "NPIX" little-endian
    private static final int VERSION = 1;
    private static final int MAX_LINK_TYPES = 256;

    public final String source;
    public final long firstTs, lastTs;
    public final int packets, snapped;
    public final long segmentBytes;
    public final int[] linkTypes;
    final byte[] bloom;
    public final long[] ts;
    public final int[] offset, flow, hosts;

    SegmentIndex(String source, long firstTs, long lastTs, int packets, int snapped, long segmentBytes, int[] linkTypes,
                 byte[] bloom, long[] ts, int[] offset, int[] flow, int[] hosts) {
        this.source = source;
        this.firstTs = firstTs;
        this.lastTs = lastTs;
        this.packets = packets;
        this.snapped = snapped;
        this.segmentBytes = segmentBytes;
        this.linkTypes = linkTypes;
        this.bloom = bloom;
        this.ts = ts;
        this.offset = offset;
        this.flow = flow;
        this.hosts = hosts;
    }

    /** Whether the segment may hold packets of this address (false: certainly not). */
    public boolean mayHoldHost(long hi, long lo) {
        long h = FlowHash.host64(hi, lo);
        for (int k = 0; k < 3; k++) {
            int bit = (int) (h >>> (k * 16)) & 0xffff;
            if ((bloom[bit >>> 3] & (1 << (bit & 7))) == 0) return false;
        }
        return true;
    }

    static void addHost(byte[] bloom, long hi, long lo) {
        long h = FlowHash.host64(hi, lo);
        for (int k = 0; k < 3; k++) {
            int bit = (int) (h >>> (k * 16)) & 0xffff;
            bloom[bit >>> 3] |= (byte) (1 << (bit & 7));
        }
    }

    public static int hosts(int srcHash16, int dstHash16) {
        return (srcHash16 << 16) | (dstHash16 & 0xffff);
    }

    public byte[] encode() {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        int size = 42 + src.length + 2 * linkTypes.length + BLOOM_BYTES + packets * ENTRY_BYTES + 4;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) linkTypes.length);
        b.putLong(firstTs).putLong(lastTs).putInt(packets).putInt(snapped).putLong(segmentBytes);
        b.putShort((short) src.length).put(src);
        for (int lt : linkTypes) b.putShort((short) lt);
        b.put(bloom);
        for (int i = 0; i < packets; i++) b.putLong(ts[i]).putInt(offset[i]).putInt(flow[i]).putInt(hosts[i]);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * @throws DamagedException naming what is wrong when {@code bytes} is not an index this version wrote
     *                          whole (truncated, altered, another file)
     */
    public static SegmentIndex decode(byte[] bytes) throws DamagedException {
        if (bytes.length < 46 + BLOOM_BYTES) throw new DamagedException("index is " + bytes.length + " bytes, shorter than any index");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) throw new DamagedException("index does not start with NPIX");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) throw new DamagedException("index checksum does not match (altered or cut)");
        int version = b.getShort() & 0xffff;
        if (version != VERSION) throw new DamagedException("index version " + version + " is not " + VERSION);
        int n = b.getShort() & 0xffff;
        if (n == 0 || n > MAX_LINK_TYPES) throw new DamagedException("index names " + n + " link types");
        long first = b.getLong(), last = b.getLong();
        int packets = b.getInt(), snapped = b.getInt();
        long segBytes = b.getLong();
        int srcLen = b.getShort() & 0xffff;
        long expected = 42L + srcLen + 2L * n + BLOOM_BYTES + (long) packets * ENTRY_BYTES + 4;
        if (packets < 0 || snapped < 0 || snapped > packets || expected != bytes.length || last < first || segBytes < 0) {
            throw new DamagedException("index header does not match its size (" + packets + " packets in " + bytes.length + " bytes)");
        }
        byte[] src = new byte[srcLen];
        b.get(src);
        int[] lts = new int[n];
        for (int i = 0; i < n; i++) lts[i] = b.getShort() & 0xffff;
        byte[] bloom = new byte[BLOOM_BYTES];
        b.get(bloom);
        long[] ts = new long[packets];
        int[] off = new int[packets], flow = new int[packets], hosts = new int[packets];
        for (int i = 0; i < packets; i++) {
            ts[i] = b.getLong();
            off[i] = b.getInt();
            flow[i] = b.getInt();
            hosts[i] = b.getInt();
            if (off[i] < 0 || off[i] >= segBytes) throw new DamagedException("index entry " + i + " points outside the segment");
        }
        return new SegmentIndex(new String(src, StandardCharsets.UTF_8), first, last, packets, snapped, segBytes, lts,
                bloom, ts, off, flow, hosts);
    }

    /** A segment or index file that is not what this version writes: the message says what is wrong. */
    public static final class DamagedException extends Exception {
        public DamagedException(String message) {
            super(message);
        }
    }
}
