package dev.netproof.decode.testing;

import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.DecoderConfig;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Decodes a test frame the strict way: the packet sits at a non-zero offset of a segment that ends
 * exactly at {@code offset + capLen}, so any read past the capture throws, and every result is
 * checked against {@link Invariants}.
 */
public final class Decode {
    /** Bytes of junk before the packet, so that offsets relative to the packet are really tested. */
    public static final int OFFSET = 5;

    private Decode() {}

    public static DecodedPacket eth(byte[] frame) {
        return run(LinkTypes.ETHERNET, frame, frame.length, frame.length, DecoderConfig.DEFAULTS);
    }

    public static DecodedPacket run(int linkType, byte[] frame) {
        return run(linkType, frame, frame.length, frame.length, DecoderConfig.DEFAULTS);
    }

    /** The first {@code capLen} bytes captured of a frame of {@code frame.length} on the wire. */
    public static DecodedPacket cut(int linkType, byte[] frame, int capLen) {
        return run(linkType, frame, capLen, frame.length, DecoderConfig.DEFAULTS);
    }

    public static DecodedPacket run(int linkType, byte[] frame, int capLen, int wireLen, DecoderConfig config) {
        byte[] buf = new byte[OFFSET + capLen];
        Arrays.fill(buf, 0, OFFSET, (byte) 0xee);
        System.arraycopy(frame, 0, buf, OFFSET, capLen);
        MemorySegment seg = MemorySegment.ofArray(buf);
        var out = new DecodedPacket();
        new PacketDecoder(config).decode(seg, OFFSET, capLen, wireLen, 42L, linkType, out);
        Invariants.check(out, capLen, wireLen, config);
        return out;
    }

    /** The captured payload bytes the decoder points at. */
    public static byte[] payload(byte[] frame, DecodedPacket d) {
        return Arrays.copyOfRange(frame, d.payloadOffset, d.payloadOffset + d.payloadCaptured);
    }
}
