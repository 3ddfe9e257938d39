package dev.netproof.decode.dns;

import static dev.netproof.decode.internal.ArrayBytes.i32;
import static dev.netproof.decode.internal.ArrayBytes.i64;
import static dev.netproof.decode.internal.ArrayBytes.u16;
import static dev.netproof.decode.internal.ArrayBytes.u8;

import dev.netproof.core.model.IpAddress;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>The message's bytes are copied once into a buffer of the decoder's, and read from there. A DNS message is
 * small (most under 512 bytes) and each of its bytes is read about once, so the copy costs little; what it
 * saves is the JIT's work. A read of a {@link MemorySegment} is a chain of some thirty method calls that
 * the JIT must inline at every read site before the code is fast, and runs slowly until then; a
 * byte-array read is one instruction (docs/internals.md, "Application analyzers", JIT).
 * The buffer grows to the largest message seen (at most the bytes the segment really holds). Not
 * thread-safe: one decoder per thread.
 */
public final class DnsDecoder {
    public static final int HEADER = 12;
    /** Records decoded per message at most (all sections); a 64 KiB message holds at most ~6,000. */
    public static final int MAX_RECORDS = 1024;

    public static final int A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, MX = 15, TXT = 16, AAAA = 28, SRV = 33,
            OPT = 41, SVCB = 64, HTTPS = 65;

    private final DnsNames names;
    private int consumed;
    /** The message being decoded, copied out of its segment. */
    private byte[] message = new byte[512];

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
        int end = (int) Math.max(0, Math.min(length, s.byteSize() - offset));
        names.message();
        if (end < HEADER) {
            consumed = 0;
            return new DnsMessage(0, false, 0, false, false, false, false, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(),
                    List.of(), DnsError.TRUNCATED_HEADER);
        }
        if (message.length < end) message = new byte[Math.max(end, Math.min(2 * message.length, 1 << 16))];
        byte[] b = message;
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset, b, 0, end);
        int id = u16(b, 0);
        int flags = u16(b, 2);
        int questions = u16(b, 4);
        int[] counts = {u16(b, 6), u16(b, 8), u16(b, 10)};
        // a list only for a section that is read and not empty: most messages have one question and few records
        List<DnsQuestion> qs = questions == 0 ? List.of() : new ArrayList<>(Math.min(questions, 4));
        List<DnsRecord>[] sections = sectionLists(counts, sectionsToRead);
        DnsError error = null;
        int pos = HEADER;
        int records = 0;
        try {
            for (int i = 0; i < questions; i++) {
                String name = names.read(b, end, pos);
                pos = names.next;
                if (pos + 4 > end) throw Malformed.of(DnsError.TRUNCATED);
                qs.add(new DnsQuestion(name, u16(b, pos), u16(b, pos + 2)));
                pos += 4;
            }
            for (int sec = 0; sec < sectionsToRead; sec++) {
                for (int i = 0; i < counts[sec]; i++) {
                    if (records++ == MAX_RECORDS) throw Malformed.of(DnsError.TOO_MANY_RECORDS);
                    String name = names.read(b, end, pos);
                    pos = names.next;
                    if (pos + 10 > end) throw Malformed.of(DnsError.TRUNCATED);
                    int type = u16(b, pos);
                    int cls = u16(b, pos + 2);
                    long ttl = i32(b, pos + 4) & 0xffff_ffffL;
                    int rdLen = u16(b, pos + 8);
                    int rd = pos + 10;
                    if (rd + rdLen > end) throw Malformed.of(DnsError.TRUNCATED);
                    List<String> texts = type == TXT ? new ArrayList<>() : List.of();
                    IpAddress address = address(b, rd, rdLen, type);
                    String data = address != null ? address.toString() : data(b, end, rd, rdLen, type, texts);
                    sections[sec].add(new DnsRecord(name, type, cls, ttl, data, texts, address));
                    pos = rd + rdLen;
                }
            }
        } catch (Malformed m) {
            error = m.error;
        }
        consumed = pos;
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
    private static IpAddress address(byte[] b, int rd, int len, int type) {
        if (type == A && len == 4) return IpAddress.ofV4(i32(b, rd));
        if (type == AAAA && len == 16) return IpAddress.ofV6(i64(b, rd), i64(b, rd + 8));
        return null;
    }

    /**
     * The record data of {@code type} at {@code rd} of the message {@code b} (whose bytes end at {@code end}) as
     * text (see {@link DnsRecord}); TXT strings also go to {@code texts}.
     */
    private String data(byte[] b, int end, int rd, int len, int type, List<String> texts) throws Malformed {
        int rdEnd = rd + len;
        switch (type) {
            case A, AAAA -> throw Malformed.of(DnsError.BAD_RDATA); // a well-formed one is an address()
            case NS, CNAME, PTR -> {
                return name(b, end, rd, rdEnd);
            }
            case MX -> {
                if (len < 3) throw Malformed.of(DnsError.BAD_RDATA);
                int preference = u16(b, rd);
                return new StringBuilder().append(preference).append(' ').append(name(b, end, rd + 2, rdEnd)).toString();
            }
            case TXT -> {
                int p = rd;
                while (p < rdEnd) {
                    int n = u8(b, p);
                    if (p + 1 + n > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
                    texts.add(latin1(b, p + 1, n));
                    p += 1 + n;
                }
                return String.join(" ", texts);
            }
            case SOA -> {
                String mname = name(b, end, rd, rdEnd);
                String rname = name(b, end, names.next, rdEnd);
                int p = names.next;
                if (p + 20 != rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
                StringBuilder sb = new StringBuilder(mname).append(' ').append(rname);
                for (int i = 0; i < 5; i++) sb.append(' ').append(i32(b, p + 4 * i) & 0xffff_ffffL);
                return sb.toString();
            }
            case SRV -> {
                if (len < 7) throw Malformed.of(DnsError.BAD_RDATA);
                return new StringBuilder().append(u16(b, rd)).append(' ').append(u16(b, rd + 2)).append(' ')
                        .append(u16(b, rd + 4)).append(' ').append(name(b, end, rd + 6, rdEnd)).toString();
            }
            case SVCB, HTTPS -> {
                return svcb(b, end, rd, rdEnd);
            }
            default -> {
                return "\\# " + len + (len == 0 ? "" : " " + HexFormat.of().formatHex(b, rd, rdEnd));
            }
        }
    }

    /** A name inside record data: it may point anywhere before it, but its own bytes end within the data. */
    private String name(byte[] b, int end, int at, int rdEnd) throws Malformed {
        if (at >= rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
        String n = names.read(b, end, at);
        if (names.next > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
        return n;
    }

    /** RFC 9460: priority, target, then (key, length, value) parameters. */
    private String svcb(byte[] b, int end, int rd, int rdEnd) throws Malformed {
        if (rdEnd - rd < 3) throw Malformed.of(DnsError.BAD_RDATA);
        StringBuilder sb = new StringBuilder().append(u16(b, rd)).append(' ');
        String target = name(b, end, rd + 2, rdEnd);
        sb.append(target.isEmpty() ? "." : target);
        int p = names.next;
        while (p < rdEnd) {
            if (p + 4 > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
            int key = u16(b, p);
            int n = u16(b, p + 2);
            int v = p + 4;
            if (v + n > rdEnd) throw Malformed.of(DnsError.BAD_RDATA);
            sb.append(' ').append(SvcParams.format(b, key, v, n));
            p = v + n;
        }
        return sb.toString();
    }

    /** {@code n} bytes as text, one char each (Latin-1): nothing is lost, whatever the bytes. */
    static String latin1(byte[] b, int at, int n) {
        return new String(b, at, n, StandardCharsets.ISO_8859_1);
    }
}
