package dev.netproof.app.ingest;

import dev.netproof.decode.DecodedPacket;
import dev.netproof.flow.FlowTable;
import dev.netproof.packetstore.FlowHash;
import dev.netproof.packetstore.PacketFacts;
import dev.netproof.packetstore.PacketWriter;
import java.lang.foreign.MemorySegment;

/**
 * Hands each packet to the packet store with what the decoder and the flow table know of it: addresses
 * and ports (for snap rules and the host index) and the direction-free hash of its flow. The hash is
 * taken from the flow the table put the packet in, so a later IP fragment that the table attributed to
 * its flow by fragment id gets that flow's hash, and is found with it. Packet thread only.
 */
final class PacketTap {
    private final PacketWriter writer;
    private final FlowTable table;
    private final PacketFacts facts = new PacketFacts();

    PacketTap(PacketWriter writer, FlowTable table) {
        this.writer = writer;
        this.table = table;
    }

    /** Call after {@code table.accept(p)}. */
    void accept(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType, DecodedPacket p) {
        PacketFacts f = facts;
        f.clear();
        if (p.ipVersion != 0) {
            f.ip = true;
            f.srcHi = p.srcHi;
            f.srcLo = p.srcLo;
            f.dstHi = p.dstHi;
            f.dstLo = p.dstLo;
            f.proto = p.ipProto & 0xff;
            if (p.hasPorts) {
                f.srcPort = p.srcPort;
                f.dstPort = p.dstPort;
                f.headersLen = p.payloadOffset;
            }
            int last = table.lastFlow();
            if (last != FlowTable.NO_FLOW) {
                int slot = last & 0x7fff_ffff;
                int origP = table.origP(slot), respP = table.respP(slot);
                f.flowHash = (last >>> 31) == 0
                        ? FlowHash.of(p.srcHi, p.srcLo, origP, p.dstHi, p.dstLo, respP, f.proto)
                        : FlowHash.of(p.dstHi, p.dstLo, origP, p.srcHi, p.srcLo, respP, f.proto);
            }
        }
        writer.accept(data, offset, capLen, wireLen, tsNanos, linkType, f);
    }
}
