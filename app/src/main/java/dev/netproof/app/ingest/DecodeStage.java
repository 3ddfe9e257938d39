package dev.netproof.app.ingest;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import java.lang.foreign.MemorySegment;

/**
 * The decode step of the pipeline with its ledger: every packet read is counted once as
 * {@code packets}, then as {@code decoded}, {@code non_ip} or under {@code error.<reason>};
 * {@code truncated} counts packets cut by the snaplen (decoded as far as they went).
 */
public final class DecodeStage {
    /** Ledger metrics of stage {@code decode}. */
    public enum Metric { PACKETS, DECODED, NON_IP, ERRORS, TRUNCATED }

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket packet = new DecodedPacket();
    private final StageCounters counters;
    private final StageCounters errors;

    public DecodeStage(String source, QualitySink quality) {
        this.counters = new StageCounters(source, "decode", Metric.class, quality);
        this.errors = new StageCounters(source, "decode", "error.", DecodeError.class, quality);
    }

    /** Decodes one packet into the stage's scratch packet and counts the outcome. */
    public DecodedPacket decode(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType) {
        decoder.decode(data, offset, capLen, wireLen, tsNanos, linkType, packet);
        long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
        counters.at(sec);
        errors.at(sec);
        counters.inc(Metric.PACKETS);
        DecodeError e = packet.error;
        if (e == DecodeError.NONE || e == DecodeError.FRAGMENT_NO_PORTS) {
            counters.inc(Metric.DECODED);
        } else if (e == DecodeError.NON_IP) {
            counters.inc(Metric.NON_IP);
        } else {
            counters.inc(Metric.ERRORS);
            errors.inc(e);
        }
        if (packet.truncated) counters.inc(Metric.TRUNCATED);
        return packet;
    }

    public StageCounters counters() {
        return counters;
    }

    public StageCounters errors() {
        return errors;
    }

    public void flush() {
        counters.flush();
        errors.flush();
    }
}
