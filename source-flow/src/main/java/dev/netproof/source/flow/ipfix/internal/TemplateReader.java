package dev.netproof.source.flow.ipfix.internal;

import static dev.netproof.source.flow.ipfix.IpfixMetric.*;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.source.flow.ipfix.IpfixConfig;
import java.lang.foreign.MemorySegment;
import java.util.Iterator;

/**
 * Reads template and options template sets, compiles their records and installs them in the session:
 * new, refresh (same definition: nothing changes), redefinition (replaces), IPFIX withdrawal (field
 * count 0; template id 2 or 3 withdraws all templates or all options templates of the session).
 *
 * <pre>
 *  v9 template        id | field count | (type | length) * count
 *  v9 options         id | scope bytes | option bytes | (type | length) * (scope + option bytes) / 4
 *  IPFIX template     id | field count | (E+element | length [| enterprise number if E]) * count
 *  IPFIX options      id | field count | scope count | fields as above, scopes first
 * </pre>
 *
 * Fields are read into arrays sized by {@link IpfixConfig#maxFieldsPerTemplate()} once; a longer
 * template is walked to find its end and refused. Not thread-safe.
 */
final class TemplateReader {
    private final Engine engine;
    private final boolean v9;
    private final IpfixConfig config;
    private final StageCounters counters;
    private final Sessions sessions;
    private final int[] elements;
    private final int[] lengths;
    private final long[] enterprises;

    TemplateReader(Engine engine, boolean v9, IpfixConfig config, StageCounters counters, Sessions sessions) {
        this.engine = engine;
        this.v9 = v9;
        this.config = config;
        this.counters = counters;
        this.sessions = sessions;
        int max = config.maxFieldsPerTemplate();
        this.elements = new int[max];
        this.lengths = new int[max];
        this.enterprises = new long[max];
    }

    void read(Session s, MemorySegment d, long pos, long end, boolean options) {
        if (v9 && options) v9Options(s, d, pos, end);
        else if (v9) v9Templates(s, d, pos, end);
        else ipfix(s, d, pos, end, options);
    }

    private void v9Templates(Session s, MemorySegment d, long pos, long end) {
        while (end - pos >= 4) {
            int id = Wire.u16(d, pos);
            int count = Wire.u16(d, pos + 2);
            if (id < 256) {
                counters.inc(ERROR__BAD_TEMPLATE_ID);
                return;
            }
            long next = pos + 4 + 4L * count;
            if (next > end) {
                counters.inc(ERROR__TRUNCATED_TEMPLATE);
                return;
            }
            if (count == 0) counters.inc(ERROR__BAD_TEMPLATE);
            else if (count > elements.length) counters.inc(ERROR__TEMPLATE_TOO_MANY_FIELDS);
            else install(s, fixedFields(d, pos + 4, count, id, false, 0));
            pos = next;
        }
    }

    private void v9Options(Session s, MemorySegment d, long pos, long end) {
        // Six bytes of header per record; fewer left is the set's padding.
        while (end - pos >= 6) {
            int id = Wire.u16(d, pos);
            int scopeBytes = Wire.u16(d, pos + 2);
            int optionBytes = Wire.u16(d, pos + 4);
            if (id < 256) {
                counters.inc(ERROR__BAD_TEMPLATE_ID);
                return;
            }
            long next = pos + 6 + scopeBytes + optionBytes;
            if (next > end) {
                counters.inc(ERROR__TRUNCATED_TEMPLATE);
                return;
            }
            int count = (scopeBytes + optionBytes) / 4;
            if (scopeBytes == 0 || scopeBytes % 4 != 0 || optionBytes % 4 != 0) counters.inc(ERROR__BAD_TEMPLATE);
            else if (count > elements.length) counters.inc(ERROR__TEMPLATE_TOO_MANY_FIELDS);
            else install(s, fixedFields(d, pos + 6, count, id, true, scopeBytes / 4));
            pos = next;
        }
    }

    /** Reads and compiles {@code count} v9 (type, length) pairs. */
    private Template fixedFields(MemorySegment d, long at, int count, int id, boolean options, int scopes) {
        for (int i = 0; i < count; i++, at += 4) {
            elements[i] = Wire.u16(d, at);
            lengths[i] = Wire.u16(d, at + 2);
            enterprises[i] = 0;
        }
        return Template.compile(id, options, count, elements, lengths, enterprises, scopes);
    }

    private void ipfix(Session s, MemorySegment d, long pos, long end, boolean options) {
        while (end - pos >= 4) {
            int id = Wire.u16(d, pos);
            int count = Wire.u16(d, pos + 2);
            if (count == 0 && (id >= 256 || id == (options ? 3 : 2))) {
                withdraw(s, id, options);
                pos += 4;
                continue;
            }
            if (id < 256) {
                counters.inc(ERROR__BAD_TEMPLATE_ID);
                return;
            }
            long p = pos + 4;
            int scopes = 0;
            if (options) {
                if (end - p < 2) {
                    counters.inc(ERROR__TRUNCATED_TEMPLATE);
                    return;
                }
                scopes = Wire.u16(d, p);
                p += 2;
            }
            for (int i = 0; i < count; i++) {
                if (end - p < 4) {
                    counters.inc(ERROR__TRUNCATED_TEMPLATE);
                    return;
                }
                int element = Wire.u16(d, p);
                int len = Wire.u16(d, p + 2);
                long enterprise = 0;
                p += 4;
                if ((element & 0x8000) != 0) {
                    if (end - p < 4) {
                        counters.inc(ERROR__TRUNCATED_TEMPLATE);
                        return;
                    }
                    enterprise = Wire.u32(d, p);
                    p += 4;
                }
                if (i < elements.length) {
                    elements[i] = element & 0x7fff;
                    lengths[i] = len;
                    enterprises[i] = enterprise;
                }
            }
            pos = p;
            if (count > elements.length) counters.inc(ERROR__TEMPLATE_TOO_MANY_FIELDS);
            else if (options && (scopes == 0 || scopes > count)) counters.inc(ERROR__BAD_TEMPLATE);
            else install(s, Template.compile(id, options, count, elements, lengths, enterprises, 0));
        }
    }

    private void install(Session s, Template t) {
        if (t.zeroLength > 0) counters.add(ERROR__ZERO_LENGTH_FIELD, t.zeroLength);
        if (t.minLength == 0) {
            // Records of no bytes: a set would hold infinitely many.
            counters.inc(ERROR__BAD_TEMPLATE);
            return;
        }
        Template old = s.templates.get(t.id);
        if (old != null) {
            if (old.sameDefinition(t)) {
                counters.inc(TEMPLATES_REFRESHED);
                return;
            }
            counters.inc(old.options != t.options ? ERROR__TEMPLATE_ID_COLLISION : TEMPLATES_REDEFINED);
        } else if (s.templates.size() >= config.maxTemplatesPerSession() || sessions.templates >= config.maxTemplates()) {
            counters.inc(ERROR__TEMPLATES_OVER_CAP);
            return;
        } else {
            sessions.templates++;
            counters.inc(t.options ? OPTIONS_TEMPLATES : TEMPLATES);
        }
        s.templates.put(t.id, t);
        if (t.demoted > 0) counters.add(ERROR__UNEXPECTED_FIELD_LENGTH, t.demoted);
        engine.release(s, t.id);
    }

    private void withdraw(Session s, int id, boolean options) {
        if (id < 256) {
            // RFC 7011 8.1: template id 2 (3) with no field withdraws every template (options template).
            for (Iterator<Template> it = s.templates.values().iterator(); it.hasNext(); ) {
                if (it.next().options == options) {
                    it.remove();
                    sessions.templates--;
                    counters.inc(TEMPLATES_WITHDRAWN);
                }
            }
            return;
        }
        if (s.templates.remove(id) != null) {
            sessions.templates--;
            counters.inc(TEMPLATES_WITHDRAWN);
        } else {
            counters.inc(ERROR__WITHDRAWAL_OF_UNKNOWN_TEMPLATE);
        }
    }
}
