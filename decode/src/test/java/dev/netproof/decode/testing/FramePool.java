package dev.netproof.decode.testing;

import dev.netproof.decode.LinkTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real and synthetic frames to mutate, each also re-wrapped in every other link header that can carry
 * it, so that mutations reach every link type with realistic bytes behind it.
 */
public final class FramePool {
    /** One frame and the link type it is framed for. */
    public record Frame(int linkType, byte[] bytes) {}

    private static List<Frame> corpus;
    private static List<Frame> synthetic;

    private FramePool() {}

    /** Every corpus packet, in every wrapping. */
    public static synchronized List<Frame> corpus() {
        if (corpus == null) {
            List<Frame> out = new ArrayList<>();
            try {
                for (Path p : Corpus.captures()) {
                    CaptureFile f = CaptureFile.read(p);
                    for (Packet pk : f.packets()) addWithWrappings(out, pk.linkType(), f.data(pk));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            corpus = List.copyOf(out);
        }
        return corpus;
    }

    /** Every {@link Synthetic} frame (tunnels, PPPoE, MPLS...), in every wrapping. */
    public static synchronized List<Frame> synthetic() {
        if (synthetic == null) {
            List<Frame> out = new ArrayList<>();
            for (Synthetic s : Synthetic.all()) addWithWrappings(out, s.linkType(), s.captured());
            synthetic = List.copyOf(out);
        }
        return synthetic;
    }

    static void addWithWrappings(List<Frame> out, int linkType, byte[] frame) {
        out.add(new Frame(linkType, frame));
        if (linkType != LinkTypes.ETHERNET || frame.length < 15) return;
        int type = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        byte[] l3 = Arrays.copyOfRange(frame, 14, frame.length);
        out.add(new Frame(LinkTypes.LINUX_SLL, Frames.sll(type, l3)));
        out.add(new Frame(LinkTypes.LINUX_SLL2, Frames.sll2(type, l3)));
        if (type == 0x0800 || type == 0x86dd) {
            int af = type == 0x0800 ? 2 : 30;
            out.add(new Frame(LinkTypes.NULL, Frames.loopback(af, false, l3)));
            out.add(new Frame(LinkTypes.NULL, Frames.loopback(type == 0x0800 ? 2 : 24, true, l3)));
            out.add(new Frame(LinkTypes.LOOP, Frames.loopback(type == 0x0800 ? 2 : 28, true, l3)));
            out.add(new Frame(LinkTypes.RAW, l3));
            out.add(new Frame(type == 0x0800 ? LinkTypes.IPV4 : LinkTypes.IPV6, l3));
        }
    }
}
