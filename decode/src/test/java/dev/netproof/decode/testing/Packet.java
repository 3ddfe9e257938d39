package dev.netproof.decode.testing;

/**
 * One packet record of a capture file: its bytes are {@code file[dataOffset, dataOffset + capLen)}.
 *
 * @param number 1-based, as tshark's {@code frame.number}
 */
public record Packet(int number, int linkType, long tsNanos, int capLen, int wireLen, long dataOffset) {
}
