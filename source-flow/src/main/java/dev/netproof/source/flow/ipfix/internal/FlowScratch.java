package dev.netproof.source.flow.ipfix.internal;

import static dev.netproof.source.flow.ipfix.internal.Fields.*;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one data record as a compiled {@link Template} reads them: reused for every record,
 * reset by {@link #read}. Values are raw (uptime stamps, NTP times, sampler ids); {@link Engine} turns
 * them into an {@link ExportedFlow} with what the header and the session know. Not thread-safe.
 */
final class FlowScratch {
    private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;
    /** Seconds from the NTP era (1900) to the Unix epoch. */
    private static final long NTP_TO_UNIX = 2_208_988_800L;

    long srcHi, srcLo, dstHi, dstLo, nhHi, nhLo, bgpHi, bgpLo;
    boolean hasSrc, hasDst, hasNh, hasBgp;
    int srcPort, dstPort, proto, tcpFlags, tos;
    long bytes, bytesAlt, packets, packetsAlt;
    long inIf, outIf;
    int vlan, vlanAlt, direction;
    long srcAs, dstAs;
    int srcMask, dstMask;
    int endReason, ipVersion;
    final int[] mpls = new int[10];
    /** Bit i set: MPLS label stack entry i (element 70 + i) was present. */
    int mplsPresent;
    int icmpTypeCode, icmpType, icmpCode;
    long startUptime, endUptime, startNanos, endNanos, startDeltaUs, endDeltaUs;
    boolean hasStartUptime, hasEndUptime;
    long sysInitMs, samplingInterval, samplerId, packetInterval, packetSpace;
    /** Counters above 2^63-1 in this record (reported as 2^63-1). */
    int overflows;
    final ArrayList<ExportedFlow.ExtraField> extra = new ArrayList<>();

    private void reset() {
        hasSrc = hasDst = hasNh = hasBgp = false;
        srcPort = dstPort = tcpFlags = tos = 0;
        proto = -1;
        bytes = bytesAlt = packets = packetsAlt = -1;
        inIf = outIf = -1;
        vlan = vlanAlt = direction = -1;
        srcAs = dstAs = 0;
        srcMask = dstMask = -1;
        endReason = ipVersion = -1;
        mplsPresent = 0;
        icmpTypeCode = icmpType = icmpCode = -1;
        hasStartUptime = hasEndUptime = false;
        startNanos = endNanos = 0;
        startDeltaUs = endDeltaUs = -1;
        sysInitMs = samplingInterval = samplerId = packetInterval = packetSpace = -1;
        overflows = 0;
        extra.clear();
    }

    /**
     * Reads one record of {@code t} at {@code pos}, not past {@code end}.
     *
     * @return the offset after the record, or -1 when it does not fit before {@code end}
     */
    long read(Template t, MemorySegment d, long pos, long end) {
        if (end - pos < t.minLength) return -1;
        reset();
        int[] kinds = t.kinds;
        int[] lengths = t.lengths;
        boolean fixed = t.fixed;
        for (int i = 0; i < kinds.length; i++) {
            int len = lengths[i];
            if (!fixed && len == VARIABLE) {
                // RFC 7011 7: one length byte, or 255 and a two-byte length.
                if (pos >= end) return -1;
                len = Wire.u8(d, pos++);
                if (len == 255) {
                    if (end - pos < 2) return -1;
                    len = Wire.u16(d, pos);
                    pos += 2;
                }
            }
            if (!fixed && end - pos < len) return -1;
            field(t, i, kinds[i], d, pos, len);
            pos += len;
        }
        return pos;
    }

    private void field(Template t, int i, int kind, MemorySegment d, long at, int len) {
        switch (kind) {
            case SKIP -> { }
            case EXTRA -> extra.add(new ExportedFlow.ExtraField(t.enterprises[i], t.elements[i], Wire.hex(d, at, len)));
            case SRC_ADDR -> {
                long hi = len == 4 ? 0 : Wire.i64(d, at);
                long lo = len == 4 ? V4_MAPPED | Wire.u32(d, at) : Wire.i64(d, at + 8);
                // Templates with both IPv4 and IPv6 fields leave the unused family zero: it must not win.
                if (!hasSrc || srcHi == 0 && (srcLo == 0 || srcLo == V4_MAPPED)) {
                    hasSrc = true;
                    srcHi = hi;
                    srcLo = lo;
                }
            }
            case DST_ADDR -> {
                long hi = len == 4 ? 0 : Wire.i64(d, at);
                long lo = len == 4 ? V4_MAPPED | Wire.u32(d, at) : Wire.i64(d, at + 8);
                // Templates with both IPv4 and IPv6 fields leave the unused family zero: it must not win.
                if (!hasDst || dstHi == 0 && (dstLo == 0 || dstLo == V4_MAPPED)) {
                    hasDst = true;
                    dstHi = hi;
                    dstLo = lo;
                }
            }
            case NEXT_HOP -> {
                long hi = len == 4 ? 0 : Wire.i64(d, at);
                long lo = len == 4 ? V4_MAPPED | Wire.u32(d, at) : Wire.i64(d, at + 8);
                // Templates with both IPv4 and IPv6 fields leave the unused family zero: it must not win.
                if (!hasNh || nhHi == 0 && (nhLo == 0 || nhLo == V4_MAPPED)) {
                    hasNh = true;
                    nhHi = hi;
                    nhLo = lo;
                }
            }
            case BGP_NEXT_HOP -> {
                long hi = len == 4 ? 0 : Wire.i64(d, at);
                long lo = len == 4 ? V4_MAPPED | Wire.u32(d, at) : Wire.i64(d, at + 8);
                // Templates with both IPv4 and IPv6 fields leave the unused family zero: it must not win.
                if (!hasBgp || bgpHi == 0 && (bgpLo == 0 || bgpLo == V4_MAPPED)) {
                    hasBgp = true;
                    bgpHi = hi;
                    bgpLo = lo;
                }
            }
            case SRC_PORT -> srcPort = (int) Wire.unsigned(d, at, len);
            case DST_PORT -> dstPort = (int) Wire.unsigned(d, at, len);
            case PROTO -> proto = Wire.u8(d, at);
            case TOS -> tos = Wire.u8(d, at);
            case TCP_FLAGS -> tcpFlags = (int) Wire.unsigned(d, at, len);
            case BYTES -> bytes = count(Wire.unsigned(d, at, len));
            case BYTES_ALT -> { if (bytesAlt < 0) bytesAlt = count(Wire.unsigned(d, at, len)); }
            case PACKETS -> packets = count(Wire.unsigned(d, at, len));
            case PACKETS_ALT -> { if (packetsAlt < 0) packetsAlt = count(Wire.unsigned(d, at, len)); }
            case IN_IF -> inIf = Wire.unsigned(d, at, len);
            case OUT_IF -> outIf = Wire.unsigned(d, at, len);
            case VLAN -> vlan = (int) Wire.unsigned(d, at, len) & 0xfff;
            case VLAN_ALT -> vlanAlt = (int) Wire.unsigned(d, at, len) & 0xfff;
            case DIRECTION -> direction = Wire.u8(d, at);
            case SRC_AS -> srcAs = Wire.unsigned(d, at, len);
            case DST_AS -> dstAs = Wire.unsigned(d, at, len);
            case SRC_MASK -> srcMask = Wire.u8(d, at);
            case DST_MASK -> dstMask = Wire.u8(d, at);
            case END_REASON -> endReason = Wire.u8(d, at);
            case IP_VERSION -> ipVersion = Wire.u8(d, at);
            case MPLS -> {
                // A label stack entry: 20-bit label, 3-bit traffic class, bottom-of-stack bit.
                int index = t.elements[i] - 70;
                mpls[index] = (Wire.u16(d, at) << 4) | (Wire.u8(d, at + 2) >>> 4);
                mplsPresent |= 1 << index;
            }
            case ICMP_TYPE_CODE -> icmpTypeCode = (int) Wire.unsigned(d, at, len);
            case ICMP_TYPE -> icmpType = Wire.u8(d, at);
            case ICMP_CODE -> icmpCode = Wire.u8(d, at);
            case START_UPTIME -> { hasStartUptime = true; startUptime = Wire.unsigned(d, at, len); }
            case END_UPTIME -> { hasEndUptime = true; endUptime = Wire.unsigned(d, at, len); }
            case START_SEC -> startNanos = Wire.unsigned(d, at, len) * 1_000_000_000L;
            case END_SEC -> endNanos = Wire.unsigned(d, at, len) * 1_000_000_000L;
            case START_MS -> startNanos = Wire.unsigned(d, at, len) * 1_000_000L;
            case END_MS -> endNanos = Wire.unsigned(d, at, len) * 1_000_000L;
            case START_US -> startNanos = ntp(d, at, true);
            case END_US -> endNanos = ntp(d, at, true);
            case START_NS -> startNanos = ntp(d, at, false);
            case END_NS -> endNanos = ntp(d, at, false);
            case START_DELTA -> startDeltaUs = Wire.unsigned(d, at, len);
            case END_DELTA -> endDeltaUs = Wire.unsigned(d, at, len);
            case SYS_INIT -> sysInitMs = Wire.unsigned(d, at, len);
            case SAMPLING_INTERVAL -> samplingInterval = Wire.unsigned(d, at, len) & Long.MAX_VALUE;
            case SAMPLER_ID -> samplerId = Wire.unsigned(d, at, len);
            case PACKET_INTERVAL -> packetInterval = Wire.unsigned(d, at, len) & Long.MAX_VALUE;
            case PACKET_SPACE -> packetSpace = Wire.unsigned(d, at, len) & Long.MAX_VALUE;
            default -> throw new IllegalStateException("field kind " + kind);
        }
    }

    private long count(long v) {
        if (v >= 0) return v;
        overflows++;
        return Long.MAX_VALUE;
    }

    /**
     * RFC 7011 6.1.9/6.1.10: seconds since 1900 and a 32-bit binary fraction. For microsecond stamps
     * the low 11 bits of the fraction are not significant and are ignored.
     */
    private static long ntp(MemorySegment d, long at, boolean micro) {
        long seconds = Wire.u32(d, at) - NTP_TO_UNIX;
        long fraction = Wire.u32(d, at + 4);
        if (micro) fraction &= ~0x7ffL;
        return seconds * 1_000_000_000L + (fraction * 1_000_000_000L >>> 32);
    }

    long bytes() {
        return bytes >= 0 ? bytes : Math.max(bytesAlt, 0);
    }

    long packets() {
        return packets >= 0 ? packets : Math.max(packetsAlt, 0);
    }

    int vlan() {
        return vlan >= 0 ? vlan : vlanAlt;
    }

    IpAddress src() {
        return hasSrc ? IpAddress.ofV6(srcHi, srcLo) : null;
    }

    IpAddress dst() {
        return hasDst ? IpAddress.ofV6(dstHi, dstLo) : null;
    }

    /** The IP next hop, else the BGP next hop, else null. */
    IpAddress nextHop() {
        if (hasNh) return IpAddress.ofV6(nhHi, nhLo);
        return hasBgp ? IpAddress.ofV6(bgpHi, bgpLo) : null;
    }

    /** NetFlow's ICMP convention: type * 256 + code as the destination port, when the record gives them. */
    int icmpPort() {
        if (icmpTypeCode >= 0) return icmpTypeCode & 0xffff;
        if (icmpType >= 0) return icmpType << 8 | Math.max(icmpCode, 0);
        return -1;
    }

    List<Integer> mplsLabels() {
        if (mplsPresent == 0) return List.of();
        ArrayList<Integer> labels = new ArrayList<>(Integer.bitCount(mplsPresent));
        for (int i = 0; i < 10; i++) {
            if ((mplsPresent & 1 << i) != 0) labels.add(mpls[i]);
        }
        return labels;
    }
}
