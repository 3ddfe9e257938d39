package dev.netproof.source.flow.ipfix.internal;

import static dev.netproof.source.flow.ipfix.IpfixMetric.*;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.ipfix.IpfixConfig;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;

/**
 * Decodes NetFlow v9 or IPFIX datagrams: header, then set by set; template sets go to
 * {@link TemplateReader}, data sets are read with their session's compiled template, or held until it
 * arrives. The datagram's flows are gathered in a reused list and reported after its header, whose
 * record count is only known once the sets are read. Not thread-safe.
 */
public final class Engine {
    private final boolean v9;
    private final ExportFormat format;
    private final IpfixConfig config;
    private final StageCounters counters;
    private final Sessions sessions;
    private final TemplateReader templateReader;
    private final FlowScratch scratch = new FlowScratch();
    private final ArrayList<ExportedFlow> pending = new ArrayList<>();
    private int liveHeld;

    // The datagram being decoded.
    private long serial;
    private Session session;
    private long receivedNanos, exportNanos, uptimeMillis;
    private int ownRecords;
    /** Whether a data set of the current datagram waits for its template. */
    private boolean heldHere;

    public Engine(boolean v9, IpfixConfig config, StageCounters counters) {
        this.v9 = v9;
        this.format = v9 ? ExportFormat.NETFLOW_V9 : ExportFormat.IPFIX;
        this.config = config;
        this.counters = counters;
        this.sessions = new Sessions(config);
        this.templateReader = new TemplateReader(this, v9, config, counters, sessions);
    }

    /** Templates and options templates kept for one exporter's domain (a scan of the sessions). */
    public int templateCount(IpAddress exporter, long domain) {
        return sessions.templates(exporter, domain);
    }

    /** Templates and options templates kept, over all sessions. */
    public int templateCount() {
        return sessions.templates;
    }

    public int sessionCount() {
        return sessions.sessionCount();
    }

    /** Bytes charged for held data sets (their bytes plus {@link IpfixConfig#HELD_SET_OVERHEAD} each). */
    public long heldBytes() {
        return sessions.heldBytes;
    }

    /** See {@code looksLike} of the public decoders. */
    public static boolean looksLike(boolean v9, MemorySegment d, long off, int length) {
        int headerLength = v9 ? 20 : 16;
        if (off < 0 || length < headerLength + 4 || off + length > d.byteSize()) return false;
        if (Wire.u16(d, off) != (v9 ? 9 : 10)) return false;
        if (!v9) {
            int messageLength = Wire.u16(d, off + 2);
            if (messageLength < headerLength + 4 || messageLength > length) return false;
        }
        int set = Wire.u16(d, off + headerLength);
        int setLength = Wire.u16(d, off + headerLength + 2);
        boolean setId = v9 ? set <= 1 || set >= 256 : set == 2 || set == 3 || set >= 256;
        return setId && setLength >= 4 && setLength <= length - headerLength;
    }

    /** As {@link dev.netproof.source.flow.ExportDecoder#decode}. */
    public void decode(MemorySegment d, long offset, int length, IpAddress source, int sourcePort, long received,
                       ExportSink sink) {
        counters.at(Math.floorDiv(received, 1_000_000_000L));
        if (offset < 0 || length < 0 || offset + length > d.byteSize()) {
            counters.inc(ERROR__BAD_BOUNDS);
            return;
        }
        pending.clear();
        try {
            decodeChecked(d, offset, length, source, sourcePort, received, sink);
        } catch (RuntimeException bug) {
            // Every read is bounds-checked, so this is a bug: the datagram is lost, not the decoder.
            counters.inc(ERROR__INTERNAL);
        } finally {
            pending.clear();
            session = null;
        }
    }

    private void decodeChecked(MemorySegment d, long off, int length, IpAddress source, int port, long received,
                               ExportSink sink) {
        int headerLength = v9 ? 20 : 16;
        if (length < headerLength) {
            counters.inc(ERROR__TRUNCATED_HEADER);
            return;
        }
        if (Wire.u16(d, off) != (v9 ? 9 : 10)) {
            counters.inc(ERROR__BAD_VERSION);
            return;
        }
        long end = off + length;
        long sequence, domain;
        receivedNanos = received;
        if (v9) {
            uptimeMillis = Wire.u32(d, off + 4);
            exportNanos = Wire.u32(d, off + 8) * 1_000_000_000L;
            sequence = Wire.u32(d, off + 12);
            domain = Wire.u32(d, off + 16);
        } else {
            int messageLength = Wire.u16(d, off + 2);
            if (messageLength < headerLength || messageLength > length) {
                counters.inc(ERROR__BAD_MESSAGE_LENGTH);
            } else {
                end = off + messageLength;
            }
            uptimeMillis = -1;
            exportNanos = Wire.u32(d, off + 4) * 1_000_000_000L;
            sequence = Wire.u32(d, off + 8);
            domain = Wire.u32(d, off + 12);
        }
        serial++;
        ownRecords = 0;
        heldHere = false;
        expire(received);
        session = sessions.get(source, port, domain);
        if (session == null) {
            counters.inc(ERROR__SESSIONS_OVER_CAP);
        } else {
            sets(d, off + headerLength, end);
        }
        counters.inc(DATAGRAMS);
        sink.header(new ExportHeader(format, source, domain, received, exportNanos, sequence,
                v9 ? ExportHeader.SequenceUnit.DATAGRAMS : ExportHeader.SequenceUnit.RECORDS,
                // records held for their template cannot be counted yet: the sequence position after this one is unknown
                heldHere && !v9 ? -1 : ownRecords,
                uptimeMillis));
        for (int i = 0; i < pending.size(); i++) sink.flow(pending.get(i));
    }

    private void sets(MemorySegment d, long pos, long end) {
        int templateSet = v9 ? 0 : 2;
        int optionsSet = v9 ? 1 : 3;
        while (end - pos >= 4) {
            int id = Wire.u16(d, pos);
            int len = Wire.u16(d, pos + 2);
            if (len < 4 || len > end - pos) {
                counters.inc(ERROR__BAD_SET_LENGTH);
                return;
            }
            if (id == templateSet) templateReader.read(session, d, pos + 4, pos + len, false);
            else if (id == optionsSet) templateReader.read(session, d, pos + 4, pos + len, true);
            else if (id >= 256) dataSet(id, d, pos + 4, pos + len);
            else counters.inc(ERROR__RESERVED_SET_ID);
            pos += len;
        }
        if (end > pos) counters.inc(ERROR__TRAILING_BYTES);
    }

    private void dataSet(int id, MemorySegment d, long pos, long end) {
        Template t = session.templates.get(id);
        if (t == null) {
            heldHere = true;
            hold(id, d, pos, end);
        } else {
            ownRecords += records(t, d, pos, end, receivedNanos, exportNanos, uptimeMillis);
        }
    }

    /** Reads the records of one data set; the bytes after the last whole record are padding. */
    private int records(Template t, MemorySegment d, long pos, long end, long received, long export, long uptime) {
        int n = 0;
        while (end - pos >= t.minLength) {
            long next = scratch.read(t, d, pos, end);
            if (next < 0) {
                counters.inc(ERROR__TRUNCATED_RECORD);
                break;
            }
            pos = next;
            n++;
            if (scratch.overflows > 0) counters.add(ERROR__VALUE_OVERFLOW, scratch.overflows);
            if (t.options) {
                counters.inc(OPTIONS_RECORDS);
                options();
            } else {
                counters.inc(FLOWS);
                pending.add(flow(received, export, uptime));
            }
        }
        return n;
    }

    private ExportedFlow flow(long received, long export, long uptime) {
        FlowScratch s = scratch;
        long start = s.startNanos, stop = s.endNanos;
        if (start == 0 && s.hasStartUptime) start = uptimeTime(s.startUptime, export, uptime);
        if (stop == 0 && s.hasEndUptime) stop = uptimeTime(s.endUptime, export, uptime);
        if (start == 0 && s.startDeltaUs >= 0) start = export - s.startDeltaUs * 1_000L;
        if (stop == 0 && s.endDeltaUs >= 0) stop = export - s.endDeltaUs * 1_000L;
        int srcPort = s.srcPort, dstPort = s.dstPort;
        int icmp = s.icmpPort();
        // Only for ICMP: some templates carry an ICMP type field, zero, in their TCP and UDP records too.
        if (icmp >= 0 && (s.proto == 1 || s.proto == 58)) {
            srcPort = 0;
            dstPort = icmp;
        }
        return new ExportedFlow(format, session.exporter, session.domain, received, start, stop, s.src(), s.dst(),
                srcPort, dstPort, s.proto, s.tcpFlags, s.tos, s.bytes(), s.packets(), samplingRate(), s.inIf,
                s.outIf, s.vlan(), s.direction, s.srcAs, s.dstAs, s.nextHop(), s.srcMask, s.dstMask,
                s.endReason, s.ipVersion, s.mplsLabels(), s.extra);
    }

    /**
     * An uptime stamp (ms) as epoch nanoseconds: v9 anchors it to the header (export time at header
     * uptime; signed 32-bit difference so a wrap stays near); IPFIX to systemInitTimeMilliseconds, from
     * the record or else the session's options data.
     */
    private long uptimeTime(long stamp, long export, long uptime) {
        if (uptime >= 0) return export - (int) (uptime - stamp) * 1_000_000L;
        long init = scratch.sysInitMs >= 0 ? scratch.sysInitMs : session.sysInitMs;
        if (init < 0) {
            counters.inc(ERROR__UNKNOWN_TIME_BASE);
            return 0;
        }
        return (init + stamp) * 1_000_000L;
    }

    /** The record's own interval, else its sampler's from options data, else the session's; 0 when unknown. */
    private long samplingRate() {
        FlowScratch s = scratch;
        long rate = recordRate(s);
        if (rate == 0 && s.samplerId >= 0) rate = session.samplerRate(s.samplerId);
        return rate != 0 ? rate : session.samplingRate;
    }

    /** samplingInterval (34/50), else packet interval and space (305/306: select i, skip s: 1 in (i+s)/i). */
    private static long recordRate(FlowScratch s) {
        if (s.samplingInterval > 0) return s.samplingInterval;
        if (s.packetInterval > 0 && s.packetSpace >= 0) return (s.packetInterval + s.packetSpace) / s.packetInterval;
        return 0;
    }

    /** Applies an options record: a sampler's rate (by id), the session's rate, its system init time. */
    private void options() {
        FlowScratch s = scratch;
        long rate = recordRate(s);
        if (rate > 0) {
            if (s.samplerId < 0) {
                session.samplingRate = rate;
                counters.inc(SAMPLING_OPTIONS);
            } else if (session.putSampler(s.samplerId, rate)) {
                counters.inc(SAMPLING_OPTIONS);
            } else {
                counters.inc(ERROR__SAMPLERS_OVER_CAP);
            }
        }
        if (s.sysInitMs >= 0) session.sysInitMs = s.sysInitMs;
    }

    private void hold(int id, MemorySegment d, long pos, long end) {
        int len = (int) (end - pos);
        long charge = len + IpfixConfig.HELD_SET_OVERHEAD;
        if (config.holdNanos() == 0 || session.heldBytes + charge > config.maxHeldBytesPerSession()
                || sessions.heldBytes + charge > config.maxHeldBytes()) {
            counters.inc(HELD_SETS_OVERFLOW);
            return;
        }
        Held h = new Held(session, id, d.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE), receivedNanos,
                exportNanos, uptimeMillis, serial, charge);
        session.held.add(h);
        session.heldBytes += charge;
        sessions.heldBytes += charge;
        sessions.heldQueue.addLast(h);
        liveHeld++;
        counters.inc(HELD_SETS);
        // Released sets stay in the queue until they reach its head; sweep them before they outnumber the rest.
        if (sessions.heldQueue.size() > 2 * liveHeld + 1024) sessions.heldQueue.removeIf(x -> x.done);
    }

    /** Decodes the sets {@code s} held for template {@code id}, which has just arrived. */
    void release(Session s, int id) {
        if (s.held.isEmpty()) return;
        Template t = s.templates.get(id);
        for (Iterator<Held> it = s.held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.templateId != id) continue;
            it.remove();
            byte[] body = h.body;
            settle(h);
            counters.inc(HELD_SETS_RELEASED);
            int n = records(t, MemorySegment.ofArray(body), 0, body.length, h.receivedNanos, h.exportNanos,
                    h.uptimeMillis);
            if (h.datagram == serial) ownRecords += n;
        }
    }

    private void expire(long now) {
        var queue = sessions.heldQueue;
        while (!queue.isEmpty()) {
            Held h = queue.peekFirst();
            if (!h.done) {
                if (now - h.receivedNanos <= config.holdNanos()) return;
                h.session.held.remove(h);
                settle(h);
                counters.inc(HELD_SETS_EXPIRED);
            }
            queue.pollFirst();
        }
    }

    private void settle(Held h) {
        h.done = true;
        h.body = null;
        h.session.heldBytes -= h.charge;
        sessions.heldBytes -= h.charge;
        liveHeld--;
    }
}
