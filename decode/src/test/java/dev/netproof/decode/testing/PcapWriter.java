package dev.netproof.decode.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes frames as a classic little-endian microsecond pcap with one link type, for tshark. */
public final class PcapWriter {
    private PcapWriter() {}

    public static void write(Path file, int linkType, List<byte[]> frames) throws IOException {
        write(file, linkType, frames, frames.stream().mapToInt(f -> f.length).toArray());
    }

    /** Frames cut to {@code capLens}; the wire length is each frame's full length. */
    public static void write(Path file, int linkType, List<byte[]> frames, int[] capLens) throws IOException {
        int size = 24;
        for (int cap : capLens) size += 16 + cap;
        var b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            b.putInt(1_700_000_000 + i).putInt(0).putInt(capLens[i]).putInt(f.length).put(f, 0, capLens[i]);
        }
        Files.write(file, b.array());
    }
}
