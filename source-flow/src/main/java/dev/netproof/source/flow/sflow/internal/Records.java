package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.source.flow.sflow.SflowMetric;
import java.lang.foreign.MemorySegment;

/**
 * The list of records that ends every sample, each a tagged XDR opaque:
 * <pre>
 * +-----------------+----------------+-------------------------+
 * | enterprise 20   | format 12      | length 4 | data, padded |  ... count times
 * +-----------------+----------------+-------------------------+
 * </pre>
 * Every length is checked against the sample before use: a record running past its sample stops the
 * list (its successors cannot be found), a count the sample cannot hold is cut to what it can.
 */
public final class Records {
    /** A record's tag and length. */
    static final int RECORD_HEADER_LEN = 8;

    /** Receives each record whose bytes lie within the sample. */
    public interface Handler {
        /**
         * @param enterprise the tag's enterprise (0 for sFlow's standard records)
         * @param format     the tag's format
         * @param p          the record data's first byte
         * @param end        one past its last byte (padding excluded)
         */
        void record(int enterprise, int format, MemorySegment s, long p, long end);
    }

    private Records() {
    }

    /** Reads the record count at {@code p} and the records after it, up to {@code end}. */
    public static void read(MemorySegment s, long p, long end, StageCounters counters, Handler handler) {
        long count = Xdr.u32(s, p);
        long q = p + 4;
        long fit = (end - q) / RECORD_HEADER_LEN;
        if (count > fit) {
            counters.inc(SflowMetric.ERROR__RECORD_COUNT);
            count = fit;
        }
        for (long i = 0; i < count; i++) {
            if (end - q < RECORD_HEADER_LEN) {
                counters.inc(SflowMetric.ERROR__RECORDS_MISSING);
                return;
            }
            int tag = Xdr.i32(s, q);
            long len = Xdr.u32(s, q + 4);
            q += RECORD_HEADER_LEN;
            if (len > end - q) {
                counters.inc(SflowMetric.ERROR__RECORD_LENGTH);
                return;
            }
            handler.record(tag >>> 12, tag & 0xfff, s, q, q + len);
            q += Math.min(Xdr.padded(len), end - q);
        }
    }
}
