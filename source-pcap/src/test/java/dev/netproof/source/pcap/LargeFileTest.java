package dev.netproof.source.pcap;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.PcapngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files over 2 GiB, written sparse (only headers hit the disk) so the test is quick: offsets past
 * Integer.MAX_VALUE must be delivered and read correctly.
 */
class LargeFileTest {
    private static final long TWO_GIB = 1L << 31;

    @TempDir
    Path dir;

    private static void writeAt(FileChannel ch, long position, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) ch.write(b, position + b.position());
    }

    /** Reads {@code file} keeping only offsets and lengths, plus the last packet's first byte. */
    private static List<long[]> read(Path file, ReadResult[] result) throws CaptureOpenException {
        List<long[]> seen = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file, QualitySink.DISCARD)) {
            result[0] = r.read((data, offset, capLen, wireLen, ts, lt, fileOffset) -> {
                byte first = capLen == 0 ? 0 : data.get(ValueLayout.JAVA_BYTE, offset);
                seen.add(new long[] {fileOffset, offset, capLen, first, ts});
            });
        }
        return seen;
    }

    @Test
    void pcapngWithAPacketBeyondTwoGigabytes() throws IOException {
        Path file = dir.resolve("big.pcapng");
        PcapngWriter head = PcapngWriter.inMemory(ByteOrder.LITTLE_ENDIAN);
        head.addInterface(PcapngWriter.Interface.of(LinkTypes.ETHERNET).withResolution(PcapngWriter.Resolution.NANO));
        head.epb(0, 1, new byte[] {1});
        byte[] start = head.toByteArray();
        long skipLen = TWO_GIB + 4096; // an unknown block the reader must skip without touching
        long blockAt = start.length;
        long epbAt = blockAt + skipLen;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeAt(ch, 0, start);
            writeAt(ch, blockAt, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0x0BAD_0001).putInt((int) skipLen).array());
            writeAt(ch, epbAt - 4, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) skipLen).array());
            // A second EPB for interface 0 (nanoseconds), past 2 GiB: write it after an identical
            // SHB and IDB in memory, then keep only its bytes.
            PcapngWriter epb = PcapngWriter.inMemory(ByteOrder.LITTLE_ENDIAN);
            epb.addInterface(PcapngWriter.Interface.of(LinkTypes.ETHERNET).withResolution(PcapngWriter.Resolution.NANO));
            int prefix = epb.toByteArray().length;
            epb.epb(0, 42, new byte[] {7, 8, 9});
            byte[] all = epb.toByteArray();
            writeAt(ch, epbAt, java.util.Arrays.copyOfRange(all, prefix, all.length));
        }
        ReadResult[] result = new ReadResult[1];
        List<long[]> seen = read(file, result);
        assertTrue(result[0].complete(), () -> result[0].fault().get().message());
        assertEquals(2, seen.size());
        assertEquals(1, result[0].skippedRecords());
        long[] last = seen.get(1);
        assertEquals(epbAt, last[0]);
        assertEquals(epbAt + 28, last[1]);
        assertEquals(3, last[2]);
        assertEquals(7, last[3]);
        assertEquals(42, last[4]);
        assertEquals(epbAt + 36, result[0].endOffset()); // 32 + 3 bytes padded to 4
    }

    @Test
    void classicPcapOverTwoGigabytes() throws IOException {
        Path file = dir.resolve("big.pcap");
        int max = CaptureReader.MAX_CAPLEN;
        long records = TWO_GIB / (16 + max) + 2;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeAt(ch, 0, PcapWriter.inMemory(PcapWriter.Header.ethernet()).toByteArray());
            long off = 24;
            for (long i = 0; i < records; i++) {
                // Only the record headers are written; the data between them stays a hole of zeros.
                writeAt(ch, off, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt((int) i).putInt(0).putInt(max).putInt(max).array());
                off += 16 + max;
            }
            writeAt(ch, off, ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(99).putInt(5).putInt(1).putInt(60).put((byte) 0x5A).array());
        }
        ReadResult[] result = new ReadResult[1];
        List<long[]> seen = read(file, result);
        assertTrue(result[0].complete(), () -> result[0].fault().get().message());
        assertEquals(records + 1, seen.size());
        long[] last = seen.getLast();
        assertTrue(last[0] > TWO_GIB);
        assertEquals(24 + records * (16 + max), last[0]);
        assertEquals(1, last[2]);
        assertEquals(0x5A, last[3]);
        assertEquals(99_000_005_000L, last[4]);
    }
}
