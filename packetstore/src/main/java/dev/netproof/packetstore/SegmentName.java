package dev.netproof.packetstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The name of one segment, which is also its catalogue row: capture time of its first and last
 * packet, the id of its source and its number within that source's ingest. Listing the object store
 * is therefore the catalogue, and it cannot name a segment that does not exist.
 *
 * <pre>
 *   segments/0001300475168000000000-0001300475228000000000-3f2a9c0d11e4b7a2-000007.pcapng   the packets
 *   segments/…same….idx                                                                    its index
 *   evicted/…same….gone                                                                    empty: evicted by the budget
 * </pre>
 * Times are nanoseconds since the epoch, zero-padded to 22 digits so names sort by start time.
 */
public record SegmentName(long startNanos, long endNanos, String sourceId, int seq) implements Comparable<SegmentName> {
    public static final String SEGMENTS = "segments/";
    public static final String EVICTED = "evicted/";
    public static final String PCAPNG = ".pcapng";
    public static final String INDEX = ".idx";
    public static final String GONE = ".gone";

    public SegmentName {
        if (startNanos < 0 || endNanos < startNanos) throw new IllegalArgumentException("segment times out of order");
        if (sourceId.length() != 16) throw new IllegalArgumentException("source id must be 16 hex digits");
        if (seq < 0 || seq > 999_999) throw new IllegalArgumentException("segment number out of range");
    }

    /** The id of a source (a file name, an interface): 64 bits of its SHA-256 in hex. */
    public static String sourceId(String source) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String stem() {
        return String.format("%022d-%022d-%s-%06d", startNanos, endNanos, sourceId, seq);
    }

    public String segment() {
        return SEGMENTS + stem() + PCAPNG;
    }

    public String index() {
        return SEGMENTS + stem() + INDEX;
    }

    public String tombstone() {
        return EVICTED + stem() + GONE;
    }

    public boolean overlaps(long fromNanos, long toNanos) {
        return endNanos >= fromNanos && startNanos < toNanos;
    }

    /** The segment an object name belongs to (segment, index or tombstone); empty for any other name. */
    public static Optional<SegmentName> parse(String objectName) {
        String stem;
        if (objectName.startsWith(SEGMENTS) && objectName.endsWith(PCAPNG)) {
            stem = objectName.substring(SEGMENTS.length(), objectName.length() - PCAPNG.length());
        } else if (objectName.startsWith(SEGMENTS) && objectName.endsWith(INDEX)) {
            stem = objectName.substring(SEGMENTS.length(), objectName.length() - INDEX.length());
        } else if (objectName.startsWith(EVICTED) && objectName.endsWith(GONE)) {
            stem = objectName.substring(EVICTED.length(), objectName.length() - GONE.length());
        } else {
            return Optional.empty();
        }
        String[] p = stem.split("-");
        if (p.length != 4 || p[0].length() != 22 || p[1].length() != 22 || p[2].length() != 16 || p[3].length() != 6) {
            return Optional.empty();
        }
        try {
            HexFormat.fromHexDigitsToLong(p[2]);
            return Optional.of(new SegmentName(Long.parseLong(p[0]), Long.parseLong(p[1]), p[2], Integer.parseInt(p[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(SegmentName o) {
        int c = Long.compare(startNanos, o.startNanos);
        if (c != 0) return c;
        return stem().compareTo(o.stem());
    }
}
