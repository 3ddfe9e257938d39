package dev.netproof.source.pcap;

import dev.netproof.core.ledger.QualityRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads a capture in a test and keeps a copy of everything the reader delivered and counted. */
record Recorded(List<Packet> packets, ReadResult result, List<QualityRow> ledger, CaptureFormat format) {

    /** One delivered packet, with its bytes copied out of the mapping. */
    record Packet(long tsNanos, int capLen, int wireLen, int linkType, int interfaceId, long fileOffset,
                  long dataOffset, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Packet p && tsNanos == p.tsNanos && capLen == p.capLen && wireLen == p.wireLen
                    && linkType == p.linkType && interfaceId == p.interfaceId && fileOffset == p.fileOffset
                    && dataOffset == p.dataOffset && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fileOffset);
        }

        @Override
        public String toString() {
            return "Packet[ts=" + tsNanos + " cap=" + capLen + " wire=" + wireLen + " lt=" + linkType + " if="
                    + interfaceId + " at=" + fileOffset + "]";
        }
    }

    static Recorded of(byte[] capture) {
        return of(MemorySegment.ofArray(capture), "mem.pcap");
    }

    static Recorded of(MemorySegment data, String name) {
        List<QualityRow> ledger = new CopyOnWriteArrayList<>();
        CaptureReader reader = CaptureReader.of(data, name, "test", ledger::add);
        return record(reader, ledger);
    }

    static Recorded ofFile(Path file) {
        List<QualityRow> ledger = new CopyOnWriteArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file, "test", ledger::add)) {
            return record(reader, ledger);
        } catch (CaptureOpenException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Recorded ofBytesAsFile(Path dir, byte[] capture) {
        try {
            Path f = Files.createTempFile(dir, "capture", ".pcap");
            Files.write(f, capture);
            return ofFile(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Recorded record(CaptureReader reader, List<QualityRow> ledger) {
        List<Packet> packets = new ArrayList<>();
        ReadResult result = reader.read((data, offset, capLen, wireLen, tsNanos, linkType, fileOffset) -> {
            if (capLen < 0 || capLen > CaptureReader.MAX_CAPLEN || offset < 0 || offset + capLen > data.byteSize()
                    || fileOffset >= offset) {
                throw new AssertionError("delivered out of bounds: offset " + offset + " capLen " + capLen
                        + " file offset " + fileOffset + " size " + data.byteSize());
            }
            byte[] copy = data.asSlice(offset, capLen).toArray(ValueLayout.JAVA_BYTE);
            packets.add(new Packet(tsNanos, capLen, wireLen, linkType, reader.interfaceId(), fileOffset, offset, copy));
        });
        return new Recorded(packets, result, ledger, reader.format());
    }

    CaptureFault fault() {
        return result.fault().orElseThrow(() -> new AssertionError("expected a fault, read " + result));
    }

    /** Sum of one ledger metric over all seconds. */
    long ledgerTotal(String metric) {
        return ledger.stream().filter(r -> r.metric().equals(metric)).mapToLong(QualityRow::value).sum();
    }
}
