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
     * NetFlow v9 data records in a datagram: the header's count (every record, templates included) less
     * the template and options-template records of its template flowsets; -1 if not NetFlow v9.
     */
    public static int v9DataRecords(byte[] p) {
        if (p.length < 20 || u16(p, 0) != 9) return -1;
        int records = u16(p, 2);
        int pos = 20;
        while (pos + 4 <= p.length) {
            int id = u16(p, pos);
            int len = u16(p, pos + 2);
            if (len < 4 || pos + len > p.length) break;
            if (id == 0) { // templates: id, field count, fields of 4 bytes each
                int t = pos + 4;
                while (t + 4 <= pos + len) {
                    records--;
                    t += 4 + 4 * u16(p, t + 2);
                }
            } else if (id == 1) {
                records--; // one options template per flowset, as exporters send them
            }
            pos += len;
        }
        return Math.max(0, records);
    }

    static int u16(byte[] p, int i) {
        return (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
    }
}
