package dev.netproof.source.pcap;

import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.PcapWriter.Header;
import dev.netproof.testkit.PcapngWriter;
import dev.netproof.testkit.PcapngWriter.Interface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of broken file: the reader must deliver everything before the break, stop at it, name its
 * offset and reason, count it in the ledger, and not throw.
 */
class FaultTest {
    @TempDir
    Path dir;

    /** Reads {@code file} and checks the fault and that {@code packetsBefore} packets came first. */
    private static Recorded expectFault(byte[] file, ReadMetric kind, long offset, int packetsBefore) {
        Recorded r = Recorded.of(file);
        CaptureFault f = r.fault();
        assertEquals(kind, f.kind(), f.message());
        assertEquals(offset, f.offset(), f.message());
        assertEquals(packetsBefore, r.packets().size(), f.message());
        assertEquals(packetsBefore, r.result().packets());
        assertEquals(offset, r.result().endOffset());
        assertEquals(1, r.ledgerTotal(ReadMetricNames.of(kind)), "ledger counts the fault");
        assertEquals("mem.pcap: offset " + offset + ": " + f.reason(), f.message());
        assertFalse(f.message().contains("\n"));
        return r;
    }

    /** Three good records, returning the writer so a test can append its breakage. */
    private static PcapWriter threePackets() {
        PcapWriter w = PcapWriter.inMemory(Header.ethernet());
        for (int i = 0; i < 3; i++) w.packet(1_000_000_000L * i, new byte[20 + i]);
        return w;
    }

    @Test
    void notACapture() {
        Recorded r = expectFault("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                ReadMetric.ERROR__NOT_A_CAPTURE, 0, 0);
        assertEquals("not a pcap or pcapng file (magic 0x47455420)", r.fault().reason());
        assertEquals(CaptureFormat.UNKNOWN, r.format());
    }

    @Test
    void emptyFileOnDiskAndInMemory() throws Exception {
        expectFault(new byte[0], ReadMetric.ERROR__EMPTY_FILE, 0, 0);
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.pcap"));
        Recorded r = Recorded.ofFile(empty);
        assertEquals(ReadMetric.ERROR__EMPTY_FILE, r.fault().kind());
        assertEquals(empty + ": offset 0: empty file", r.fault().message());
    }

    @Test
    void truncatedFileHeader() {
        expectFault(new byte[] {(byte) 0xd4, (byte) 0xc3}, ReadMetric.ERROR__TRUNCATED_FILE_HEADER, 0, 0);
        byte[] header = PcapWriter.inMemory(Header.ethernet()).toByteArray();
        expectFault(Arrays.copyOf(header, 23), ReadMetric.ERROR__TRUNCATED_FILE_HEADER, 0, 0);
    }

    @Test
    void headerOnlyIsAnEmptyCaptureNotAFault() {
        Recorded r = Recorded.of(PcapWriter.inMemory(Header.ethernet()).toByteArray());
        assertTrue(r.result().complete());
        assertEquals(0, r.packets().size());
    }

    @Test
    void truncatedRecordHeader() {
        PcapWriter w = threePackets();
        long at = w.position();
        w.raw(new byte[15]);
        expectFault(w.toByteArray(), ReadMetric.ERROR__TRUNCATED_RECORD_HEADER, at, 3);
    }

    @Test
    void capLenBeyondTheEndOfTheFile() {
        PcapWriter w = threePackets();
        long at = w.position();
        w.record(5, 0, 100, 100, new byte[99]);
        Recorded r = expectFault(w.toByteArray(), ReadMetric.ERROR__TRUNCATED_RECORD, at, 3);
        assertEquals("record of 100 captured bytes runs past the end of the file (99 left)", r.fault().reason());
    }

    @Test
    void capLenAboveTheLimit() {
        PcapWriter w = threePackets();
        long at = w.position();
        w.record(5, 0, 262_145, 262_145, new byte[64]);
        expectFault(w.toByteArray(), ReadMetric.ERROR__CAPLEN_TOO_LARGE, at, 3);

        PcapWriter w2 = threePackets();
        w2.record(5, 0, -1, 60, new byte[64]); // 0xffffffff: unsigned, never a negative length
        Recorded r = expectFault(w2.toByteArray(), ReadMetric.ERROR__CAPLEN_TOO_LARGE, at, 3);
        assertEquals("captured length 4294967295 exceeds the limit of 262144", r.fault().reason());
    }

    @Test
    void capLenAtTheLimitIsFine() {
        PcapWriter w = threePackets();
        w.record(5, 0, 262_144, 262_144, new byte[262_144]);
        Recorded r = Recorded.of(w.toByteArray());
        assertTrue(r.result().complete());
        assertEquals(262_144, r.packets().getLast().capLen());
    }

    @Test
    void wireLenOutOfRange() {
        PcapWriter w = threePackets();
        long at = w.position();
        w.record(5, 0, 4, 0x8000_0000, new byte[4]);
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_RECORD, at, 3);
    }

    @Test
    void garbageInTheMiddleOfAPcap() {
        PcapWriter w = threePackets();
        long at = w.position();
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xA5); // reads as capLen 0xa5a5a5a5
        w.raw(garbage);
        for (int i = 0; i < 3; i++) w.packet(9_000_000_000L, new byte[10]); // never reached
        expectFault(w.toByteArray(), ReadMetric.ERROR__CAPLEN_TOO_LARGE, at, 3);
    }

    @Test
    void modifiedPcapIsUnsupported() {
        byte[] file = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2cd34).array();
        expectFault(file, ReadMetric.ERROR__UNSUPPORTED, 0, 0);
    }

    // --- pcapng

    private static PcapngWriter twoPacketsNg() {
        PcapngWriter w = PcapngWriter.inMemory(ByteOrder.BIG_ENDIAN);
        w.addInterface(Interface.of(LinkTypes.ETHERNET));
        w.epb(0, 1_000, new byte[30]).epb(0, 2_000, new byte[31]);
        return w;
    }

    /** A block header (type, length) in the writer's byte order, then {@code bodyAndTrailer}. */
    private static byte[] blockBytes(ByteOrder order, int type, int length, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.putInt(type).putInt(length);
        if (size >= 12 && length >= 12 && length <= size) b.putInt(length - 4, length);
        return b.array();
    }

    @Test
    void pcapngBlockLengthBelowTwelve() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.raw(blockBytes(w.order(), 0x99, 8, 16));
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_BLOCK_LENGTH, at, 2);
    }

    @Test
    void pcapngBlockLengthNotAMultipleOfFour() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.raw(blockBytes(w.order(), 0x99, 14, 16));
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_BLOCK_LENGTH, at, 2);
    }

    @Test
    void pcapngBlockBeyondTheFile() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.raw(blockBytes(w.order(), 0x99, 0x7FFF_FFF0, 64));
        expectFault(w.toByteArray(), ReadMetric.ERROR__TRUNCATED_RECORD, at, 2);
        // A truncated download: the last EPB is cut short.
        PcapngWriter w2 = twoPacketsNg();
        long at2 = w2.position();
        w2.epb(0, 3_000, new byte[40]);
        byte[] cut = Arrays.copyOf(w2.toByteArray(), (int) w2.position() - 5);
        expectFault(cut, ReadMetric.ERROR__TRUNCATED_RECORD, at2, 2);
    }

    @Test
    void pcapngTruncatedBlockHeader() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.raw(new byte[8]);
        expectFault(w.toByteArray(), ReadMetric.ERROR__TRUNCATED_RECORD_HEADER, at, 2);
    }

    @Test
    void pcapngTrailerMismatch() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        byte[] block = blockBytes(w.order(), 0x99, 16, 16);
        block[15] = 20; // trailing length 20 (big-endian low byte)
        w.raw(block);
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_BLOCK_LENGTH, at, 2);
    }

    @Test
    void pcapngPacketOnAnUndescribedInterface() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.epbUnits(1, 0, new byte[4], 4, 4);
        Recorded r = expectFault(w.toByteArray(), ReadMetric.ERROR__UNKNOWN_INTERFACE, at, 2);
        assertEquals("packet on interface 1 but the section describes 1", r.fault().reason());
    }

    @Test
    void pcapngInterfacesDoNotSurviveANewSection() {
        PcapngWriter w = twoPacketsNg();
        w.section(ByteOrder.LITTLE_ENDIAN);
        long at = w.position();
        w.spb(new byte[4], 4);
        expectFault(w.toByteArray(), ReadMetric.ERROR__UNKNOWN_INTERFACE, at, 2);
    }

    @Test
    void pcapngCapLenLargerThanItsBlock() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.epbUnits(0, 0, new byte[8], 100, 100);
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_RECORD, at, 2);
    }

    @Test
    void pcapngCapLenAboveTheLimit() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.epbUnits(0, 0, new byte[8], 300_000, 300_000);
        expectFault(w.toByteArray(), ReadMetric.ERROR__CAPLEN_TOO_LARGE, at, 2);
    }

    @Test
    void pcapngBlocksTooShortForTheirFields() {
        for (int type : new int[] {PcapngWriter.EPB, PcapngWriter.PB, PcapngWriter.SPB, PcapngWriter.IDB}) {
            PcapngWriter w = twoPacketsNg();
            long at = w.position();
            w.block(type, new byte[0]);
            expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_RECORD, at, 2);
        }
    }

    @Test
    void pcapngBadByteOrderMagicAndVersion() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.block(PcapngWriter.SHB, ByteBuffer.allocate(16).putInt(0x11223344).array());
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_RECORD, at, 2);

        PcapngWriter w2 = twoPacketsNg();
        w2.block(PcapngWriter.SHB, ByteBuffer.allocate(16).putInt(0x1A2B3C4D).putShort((short) 2).array());
        Recorded r = expectFault(w2.toByteArray(), ReadMetric.ERROR__UNSUPPORTED, at, 2);
        assertEquals("pcapng version 2.0 is not 1.x", r.fault().reason());
    }

    @Test
    void pcapngOptionRunningPastItsBlock() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        // link type, reserved, snaplen, then option 2 (if_name) claiming 200 bytes
        w.block(PcapngWriter.IDB, ByteBuffer.allocate(16).putShort((short) 1).putShort((short) 0).putInt(0)
                .putShort((short) 2).putShort((short) 200).array());
        expectFault(w.toByteArray(), ReadMetric.ERROR__BAD_RECORD, at, 2);
    }

    @Test
    void pcapngResolutionTooFine() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        w.addInterface(Interface.of(LinkTypes.ETHERNET).withResolution(PcapngWriter.Resolution.pow10(19)));
        expectFault(w.toByteArray(), ReadMetric.ERROR__UNSUPPORTED, at, 2);
    }

    @Test
    void pcapngGarbageInTheMiddle() {
        PcapngWriter w = twoPacketsNg();
        long at = w.position();
        // "s is" reads as a length that is a multiple of 4 but far beyond the file.
        w.raw("this is not a block at all, just text".getBytes(StandardCharsets.US_ASCII));
        w.epb(0, 3_000, new byte[10]); // never reached
        expectFault(w.toByteArray(), ReadMetric.ERROR__TRUNCATED_RECORD, at, 2);

        PcapngWriter w2 = twoPacketsNg();
        w2.raw("garbage! and more garbage".getBytes(StandardCharsets.US_ASCII)); // "age!" is odd
        w2.epb(0, 3_000, new byte[10]);
        expectFault(w2.toByteArray(), ReadMetric.ERROR__BAD_BLOCK_LENGTH, at, 2);
    }

    @Test
    void pcapngSectionHeaderCutShort() {
        byte[] shb = PcapngWriter.inMemory(ByteOrder.LITTLE_ENDIAN).toByteArray();
        expectFault(Arrays.copyOf(shb, 11), ReadMetric.ERROR__TRUNCATED_RECORD_HEADER, 0, 0);
        expectFault(Arrays.copyOf(shb, 20), ReadMetric.ERROR__TRUNCATED_RECORD, 0, 0);
    }
}
