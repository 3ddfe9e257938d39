package dev.netproof.bench.internal;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.source.pcap.CaptureOpenException;
import dev.netproof.source.pcap.CaptureReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP payloads of a capture of flow exports (what {@code dumpcap -i lo} saw of softflowd's export),
 * in capture order, copied to the heap. IPv4 over Ethernet (loopback captures), Linux SLL/SLL2 or raw
 * IP; anything else (IPv6, fragments, other protocols) is skipped and counted in {@link #skipped()}.
 */
public final class ExportDatagrams {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final List<byte[]> payloads = new ArrayList<>();
    private int skipped;

    private ExportDatagrams() {
    }

    /** Reads every UDP payload of {@code pcap}. */
    public static ExportDatagrams load(Path pcap) throws CaptureOpenException {
        ExportDatagrams d = new ExportDatagrams();
        try (CaptureReader r = CaptureReader.open(pcap, QualitySink.DISCARD)) {
            r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> d.add(data, offset, capLen, linkType));
        }
        return d;
    }

    private void add(MemorySegment data, long offset, int capLen, int linkType) {
        int l2 = switch (linkType) {
            case 1 -> 14;
            case 113 -> 16;
            case 276 -> 20;
            case 101, 228 -> 0;
            default -> -1;
        };
        if (l2 < 0 || capLen < l2 + 28) {
            skipped++;
            return;
        }
        long ip = offset + l2;
        int vihl = data.get(ValueLayout.JAVA_BYTE, ip) & 0xff;
        int proto = data.get(ValueLayout.JAVA_BYTE, ip + 9) & 0xff;
        int frag = data.get(U16, ip + 6) & 0x3fff;
        if (vihl >> 4 != 4 || proto != 17 || frag != 0) {
            skipped++;
            return;
        }
        int ihl = (vihl & 0xf) * 4;
        long udp = ip + ihl;
        int udpLen = Short.toUnsignedInt(data.get(U16, udp + 4)) - 8;
        if (udpLen < 0 || udp + 8 + udpLen > offset + capLen) {
            skipped++;
            return;
        }
        payloads.add(data.asSlice(udp + 8, udpLen).toArray(ValueLayout.JAVA_BYTE));
    }

    /** The payloads, in capture order; not copied: do not change them. */
    public List<byte[]> payloads() {
        return payloads;
    }

    /** Packets that were not IPv4/UDP. */
    public int skipped() {
        return skipped;
    }

    /**
     * The flow records each NetFlow v9 datagram of {@code payloads} carries, in order: the records of its
     * data flowsets whose template (learned from the template flowsets before them) is a flow template,
     * not an options template. Header counts are no use here: exporters differ on whether they count
     * templates and options records (softflowd counts neither). -1 for a datagram that is not NetFlow v9.
     */
    public static int[] v9Flows(List<byte[]> payloads) {
        java.util.Map<Integer, Integer> length = new java.util.HashMap<>();
        java.util.Set<Integer> options = new java.util.HashSet<>();
        int[] out = new int[payloads.size()];
        for (int k = 0; k < out.length; k++) {
            byte[] p = payloads.get(k);
            if (p.length < 20 || u16(p, 0) != 9) {
                out[k] = -1;
                continue;
            }
            int pos = 20;
            while (pos + 4 <= p.length) {
                int id = u16(p, pos);
                int len = u16(p, pos + 2);
                if (len < 4 || pos + len > p.length) break;
                if (id == 0) { // templates: id, field count, then (type, length) per field
                    int t = pos + 4;
                    while (t + 4 <= pos + len) {
                        int fields = u16(p, t + 2);
                        int bytes = 0;
                        for (int f = 0; f < fields && t + 8 + 4 * f <= pos + len; f++) bytes += u16(p, t + 6 + 4 * f);
                        length.put(u16(p, t), bytes);
                        options.remove(u16(p, t));
                        t += 4 + 4 * fields;
                    }
                } else if (id == 1 && len >= 10) { // one options template: id, scope length, option length, fields
                    int fields = (u16(p, pos + 6) + u16(p, pos + 8)) / 4;
                    int bytes = 0;
                    for (int f = 0; f < fields && pos + 14 + 4 * f <= pos + len; f++) bytes += u16(p, pos + 12 + 4 * f);
                    length.put(u16(p, pos + 4), bytes);
                    options.add(u16(p, pos + 4));
                } else if (id >= 256 && !options.contains(id)) {
                    Integer l = length.get(id);
                    if (l != null && l > 0) out[k] += (len - 4) / l;
                }
                pos += len;
            }
        }
        return out;
    }

    static int u16(byte[] p, int i) {
        return (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
    }
}
