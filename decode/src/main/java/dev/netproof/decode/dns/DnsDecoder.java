package dev.netproof.decode.dns;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.internal.PayloadBytes;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes one DNS message from {@code length} bytes at {@code offset} of a segment: a UDP payload,
 * or one message of a TCP stream without its two-byte length prefix.
 *
 * <p>Bounded: only what the bytes hold is built (a record needs at least 11 of them, and at most
 * {@link #MAX_RECORDS} are decoded), whatever the header's counts claim. A malformed message gives
 * back everything decoded before the fault, with the fault's {@link DnsError}; nothing is thrown.
 * Not thread-safe: one decoder per thread.
 */
public final class DnsDecoder {
    public static final int HEADER = 12;
    /** Records decoded per message at most (all sections); a 64 KiB message holds at most ~6,000. */
    public static final int MAX_RECORDS = 1024;

    public static final int A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, MX = 15, TXT = 16, AAAA = 28, SRV = 33,
            OPT = 41, SVCB = 64, HTTPS = 65;

    private final DnsNames names;
    private int consumed;

    public DnsDecoder() {
        this(true);
    }

    /** @param nameMemo whether names that are lone pointers reuse the name read at their target (see {@link DnsNames}) */
    DnsDecoder(boolean nameMemo) {
        this.names = new DnsNames(nameMemo);
    }

    /** Bytes the last {@link #decode} read up to the end of its last record (what follows is trailing). */
    public int consumed() {
        return consumed;
    }

    /**
     * Decodes the message. Shorter than the header: a message with every field zero and
     * {@link DnsError#TRUNCATED_HEADER}.
     */
    public DnsMessage decode(MemorySegment s, long offset, int length) {
        return decode(s, offset, length, 3);
    }

    /**
     * Decodes the header, the questions and the answer section only: the authority and additional
     * records (and any fault in them) are left unread, and their lists empty. For transaction records,
     * which keep the answers; about half the work on a typical response with EDNS.
     */
    public DnsMessage decodeAnswers(MemorySegment s, long offset, int length) {
        return decode(s, offset, length, 1);
    }

    private DnsMessage decode(MemorySegment s, long offset, int length, int sectionsToRead) {
        long end = offset + Math.max(0, Math.min(length, s.byteSize() - offset));
        names.message();
        if (end - offset < HEADER) {
            consumed = 0;
            return new DnsMessage(0, false, 0, false, false, false, false, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(),
                    List.of(), DnsError.TRUNCATED_HEADER);
        }
        int id = PayloadBytes.u16(s, offset);
        int flags = PayloadBytes.u16(s, offset + 2);
        int questions = PayloadBytes.u16(s, offset + 4);
        int[] counts = {PayloadBytes.u16(s, offset + 6), PayloadBytes.u16(s, offset + 8), PayloadBytes.u16(s, offset + 10)};
        // a list only for a section that is read and not empty: most messages have one question and few records
        List<DnsQuestion> qs = questions == 0 ? List.of() : new ArrayList<>(Math.min(questions, 4));
        List<DnsRecord>[] sections = sectionLists(counts, sectionsToRead);
        DnsError error = null;
        long pos = offset + HEADER;
        int records = 0;
        try {
            for (int i = 0; i < questions; i++) {
                String name = names.read(s, offset, end, pos);
                pos = names.next;
                if (pos + 4 > end) throw Malformed.of(DnsError.TRUNCATED);
                qs.add(new DnsQuestion(name, PayloadBytes.u16(s, pos), PayloadBytes.u16(s, pos + 2)));
                pos += 4;
            }
            for (int sec = 0; sec < sectionsToRead; sec++) {
                for (int i = 0; i < counts[sec]; i++) {
                    if (records++ == MAX_RECORDS) throw Malformed.of(DnsError.TOO_MANY_RECORDS);
                    String name = names.read(s, offset, end, pos);
                    pos = names.next;
                    if (pos + 10 > end) throw Malformed.of(DnsError.TRUNCATED);
                    int type = PayloadBytes.u16(s, pos);
                    int cls = PayloadBytes.u16(s, pos + 2);
                    long ttl = PayloadBytes.u32(s, pos + 4);
                    int rdLen = PayloadBytes.u16(s, pos + 8);
                    long rd = pos + 10;
                    if (rd + rdLen > end) throw Malformed.of(DnsError.TRUNCATED);
                    List<String> texts = type == TXT ? new ArrayList<>() : List.of();
                    IpAddress address = address(s, rd, rdLen, type);
                    String data = address != null ? address.toString() : data(s, offset, end, rd, rdLen, type, texts);
                    sections[sec].add(new DnsRecord(name, type, cls, ttl, data, texts, address));
                    pos = rd + rdLen;
                }
            }
        } catch (Malformed m) {
            error = m.error;
        }
        consumed = (int) (pos - offset);
        return new DnsMessage(id, (flags & 0x8000) != 0, (flags >>> 11) & 0xF, (flags & 0x0400) != 0,
                (flags & 0x0200) != 0, (flags & 0x0100) != 0, (flags & 0x0080) != 0, flags & 0xF,
                questions, counts[0], counts[1], counts[2], qs, sections[0], sections[1], sections[2], error);
    }

    @SuppressWarnings("unchecked")
    private static List<DnsRecord>[] sectionLists(int[] counts, int sectionsToRead) {
        List<DnsRecord>[] lists = new List[3];
        for (int sec = 0; sec < 3; sec++) {
            // at most 8 slots to start with: a header's count is only a claim; the list grows with the records decoded
            lists[sec] = sec >= sectionsToRead || counts[sec] == 0 ? List.of() : new ArrayList<>(Math.min(counts[sec], 8));
        }
        return lists;
    }

    /** The address of a well-formed A or AAAA record, else null (a malformed one is left to {@link #data}). */
    private static IpAddress address(MemorySegment s, long rd, int len, int type) {
        if (type == A && len == 4) return IpAddress.ofV4(PayloadBytes.i32(s, rd));
        if (type == AAAA && len == 16) return IpAddress.ofV6(PayloadBytes.i64(s, rd), PayloadBytes.i64(s, rd + 8));
        return null;
    }

    /** The record data of {@code type} as text (see {@link DnsRecord}); TXT strings also go to {@code texts}. */
    private String data(MemorySegment s, long base, long end, long rd, int len, int type, List<String> texts)
            throws Malformed {
        long rdEnd = rd + len;
        switch (type) {
            case A -> {
                if (len != 4) throw Malformed.of(DnsError.BAD_RDATA);
                return IpAddress.ofV4(PayloadBytes.i32(s, rd)).toString();
            }
            case AAAA -> {
                if (len != 16) throw Malformed.of(DnsError.BAD_RDATA);
                return IpAddress.ofV6(PayloadBytes.i64(s, rd), PayloadBytes.i64(s, rd + 8)).toString();
            }
            case NS, CNAME, PTR -> {
                return name(s, base, end, rd, rdEnd);
            }
            case MX -> {
                if (len < 3) throw Malformed.of(DnsError.BAD_RDATA);
                return PayloadBytes.u16(s, rd) + " " + name(s, base, end, rd + 2, rdEnd);
            }
            case TXT -> {
                long p = rd;
                while (p < rdEnd) {
                    int n = PayloadBytes.u8(s, p);
                    if (p + 1 + n > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
                    texts.add(latin1(s, p + 1, n));
                    p += 1 + n;
                }
                return String.join(" ", texts);
            }
            case SOA -> {
                String mname = name(s, base, end, rd, rdEnd);
                String rname = name(s, base, end, names.next, rdEnd);
                long p = names.next;
                if (p + 20 != rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
                StringBuilder sb = new StringBuilder(mname).append(' ').append(rname);
                for (int i = 0; i < 5; i++) sb.append(' ').append(PayloadBytes.u32(s, p + 4L * i));
                return sb.toString();
            }
            case SRV -> {
                if (len < 7) throw Malformed.of(DnsError.BAD_RDATA);
                return PayloadBytes.u16(s, rd) + " " + PayloadBytes.u16(s, rd + 2) + " " + PayloadBytes.u16(s, rd + 4) + " "
                        + name(s, base, end, rd + 6, rdEnd);
            }
            case SVCB, HTTPS -> {
                return svcb(s, base, end, rd, rdEnd);
            }
            default -> {
                return "\\# " + len + (len == 0 ? "" : " " + HexFormat.of().formatHex(bytes(s, rd, len)));
            }
        }
    }

    /** A name inside record data: it may point anywhere before it, but its own bytes end within the data. */
    private String name(MemorySegment s, long base, long end, long at, long rdEnd) throws Malformed {
        if (at >= rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
        String n = names.read(s, base, end, at);
        if (names.next > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
        return n;
    }

    /** RFC 9460: priority, target, then (key, length, value) parameters. */
    private String svcb(MemorySegment s, long base, long end, long rd, long rdEnd) throws Malformed {
        if (rdEnd - rd < 3) throw Malformed.of(DnsError.BAD_RDATA);
        StringBuilder sb = new StringBuilder().append(PayloadBytes.u16(s, rd)).append(' ');
        String target = name(s, base, end, rd + 2, rdEnd);
        sb.append(target.isEmpty() ? "." : target);
        long p = names.next;
        while (p < rdEnd) {
            if (p + 4 > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
            int key = PayloadBytes.u16(s, p);
            int n = PayloadBytes.u16(s, p + 2);
            long v = p + 4;
            if (v + n > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
            sb.append(' ').append(SvcParams.format(s, key, v, n));
            p = v + n;
        }
        return sb.toString();
    }

    static String latin1(MemorySegment s, long at, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) PayloadBytes.u8(s, at + i);
        return new String(c);
    }

    static byte[] bytes(MemorySegment s, long at, int n) {
        return s.asSlice(at, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
