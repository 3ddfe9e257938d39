package dev.netproof.packetstore;

import dev.netproof.packetstore.internal.Pcapng;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes extracted packets as a capture file: classic pcap with nanosecond timestamps (magic
 * {@code a1b23c4d}) when every packet has the same link type, which every pcap tool reads; pcapng with
 * one interface per link type otherwise, since classic pcap has one link type per file. Both keep each
 * packet's original length, so a packet the store cut shows as cut.
 */
public final class CaptureOutput {
    private final OutputStream out;
    private final int[] linkTypes;
    private final boolean pcapng;
    private final byte[] head = new byte[64];

    /** Writes the file header for packets of {@code linkTypes} (at least one). */
    public CaptureOutput(OutputStream out, int[] linkTypes) throws IOException {
        this.out = out;
        this.linkTypes = linkTypes.length == 0 ? new int[] {1} : linkTypes.clone();
        this.pcapng = this.linkTypes.length > 1;
        if (pcapng) {
            int p = Pcapng.shb(head, 0);
            out.write(head, 0, p);
            for (int lt : this.linkTypes) {
                p = Pcapng.idb(head, 0, lt);
                out.write(head, 0, p);
            }
        } else {
            int p = Pcapng.i32(head, 0, 0xA1B23C4D);
            p = Pcapng.i16(head, p, 2);
            p = Pcapng.i16(head, p, 4);
            p = Pcapng.i32(head, p, 0);
            p = Pcapng.i32(head, p, 0);
            p = Pcapng.i32(head, p, Pcapng.SNAPLEN);
            p = Pcapng.i32(head, p, this.linkTypes[0]);
            out.write(head, 0, p);
        }
    }

    public boolean isPcapng() {
        return pcapng;
    }

    public static String mediaType(boolean pcapng) {
        return pcapng ? "application/x-pcapng" : "application/vnd.tcpdump.pcap";
    }

    public void packet(long tsNanos, byte[] data, int capLen, int origLen, int linkType) throws IOException {
        if (pcapng) {
            int iface = 0;
            while (iface < linkTypes.length - 1 && linkTypes[iface] != linkType) iface++;
            int p = Pcapng.epbHead(head, 0, iface, tsNanos, capLen, origLen);
            out.write(head, 0, p);
            out.write(data, 0, capLen);
            int tail = Pcapng.epbTail(head, 0, capLen);
            out.write(head, 0, tail);
        } else {
            long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
            int p = Pcapng.i32(head, 0, (int) sec);
            p = Pcapng.i32(head, p, (int) Math.floorMod(tsNanos, 1_000_000_000L));
            p = Pcapng.i32(head, p, capLen);
            p = Pcapng.i32(head, p, origLen);
            out.write(head, 0, p);
            out.write(data, 0, capLen);
        }
    }
}
