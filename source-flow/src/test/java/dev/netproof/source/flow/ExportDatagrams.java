package dev.netproof.source.flow;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Sample;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.source.pcap.CaptureOpenException;
import dev.netproof.source.pcap.CaptureReader;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test rig: the UDP datagrams of a capture of flow exports, and a sink that keeps what decoders report. */
public final class ExportDatagrams {
    private ExportDatagrams() {
    }

    /** One UDP datagram of a capture: its payload, where it came from and when. {@code frame} counts from 1. */
    public record Datagram(int frame, byte[] payload, IpAddress source, int sourcePort, int destPort, long tsNanos) {
        public MemorySegment segment() {
            return MemorySegment.ofArray(payload);
        }
    }

    /** Every UDP datagram in {@code capture} (IPv4 or IPv6), in file order. */
    public static List<Datagram> read(Path capture) throws CaptureOpenException {
        List<Datagram> out = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        int[] frame = {0};
        try (CaptureReader r = CaptureReader.open(capture, QualitySink.DISCARD)) {
            r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> {
                frame[0]++;
                decoder.decode(data, offset, capLen, wireLen, ts, linkType, p);
                if (p.ipProto != 17 || !p.hasPorts || p.fragment && p.fragOffset != 0) return;
                byte[] payload = data.asSlice(offset + p.payloadOffset, p.payloadCaptured).toArray(
                        java.lang.foreign.ValueLayout.JAVA_BYTE);
                out.add(new Datagram(frame[0], payload, IpAddress.ofV6(p.srcHi, p.srcLo), p.srcPort, p.dstPort, ts));
            });
        }
        return out;
    }

    /** Decodes every datagram of {@code capture} with {@code decoder} into a new {@link Collected}. */
    public static Collected decodeAll(Path capture, ExportDecoder decoder) throws CaptureOpenException {
        Collected c = new Collected();
        for (Datagram d : read(capture)) {
            c.frame = d.frame();
            decoder.decode(d.segment(), 0, d.payload().length, d.source(), d.sourcePort(), d.tsNanos(), c);
        }
        return c;
    }

    /** A sink that keeps everything, noting the frame each item was reported during. */
    public static final class Collected implements ExportSink {
        public final List<ExportHeader> headers = new ArrayList<>();
        public final List<ExportedFlow> flows = new ArrayList<>();
        public final List<Integer> flowFrames = new ArrayList<>();
        public final List<Sample> samples = new ArrayList<>();
        public int frame;

        @Override
        public void header(ExportHeader header) {
            headers.add(header);
        }

        @Override
        public void flow(ExportedFlow flow) {
            flows.add(flow);
            flowFrames.add(frame);
        }

        @Override
        public void sample(Sample sample) {
            samples.add(sample);
        }
    }
}
