package dev.netproof.source.flow.ipfix;

/**
 * What the {@code netflow9} and {@code ipfix} stages count (ledger names: the constant in lower case,
 * {@code __} a dot, e.g. {@code error.template_too_many_fields}). Set, template and record counts are
 * per item; {@code HELD_*} count data sets (their records cannot be counted without the template).
 */
public enum IpfixMetric {
    /** Datagrams whose header was read and reported. */
    DATAGRAMS,
    /** Flow records reported. */
    FLOWS,
    /** Options data records read (sampling, system init time...). */
    OPTIONS_RECORDS,
    /** Template records installed for the first time in their session. */
    TEMPLATES,
    /** Options template records installed for the first time. */
    OPTIONS_TEMPLATES,
    /** A template sent again unchanged. */
    TEMPLATES_REFRESHED,
    /** A template id given a new definition, which replaced the old one. */
    TEMPLATES_REDEFINED,
    /** Templates removed by an IPFIX withdrawal (one per template removed). */
    TEMPLATES_WITHDRAWN,
    /** Data sets held because their template was not known yet. */
    HELD_SETS,
    /** Held data sets decoded when their template arrived. */
    HELD_SETS_RELEASED,
    /** Lost: held data sets whose template did not arrive in time. */
    HELD_SETS_EXPIRED,
    /** Lost: data sets with no template that did not fit in the hold bounds. */
    HELD_SETS_OVERFLOW,
    /** Sampling rates taken from options data (per sampler, or for the whole session). */
    SAMPLING_OPTIONS,

    /** The datagram ends inside the header (20 bytes v9, 16 IPFIX). */
    ERROR__TRUNCATED_HEADER,
    /** The version field is not the decoder's (9 or 10). */
    ERROR__BAD_VERSION,
    /** IPFIX: the header's message length is below 16 or beyond the datagram; the datagram's end is used. */
    ERROR__BAD_MESSAGE_LENGTH,
    /** A set length below 4 or beyond the message: the rest of the datagram is skipped. */
    ERROR__BAD_SET_LENGTH,
    /** A set id reserved by the protocol (v9 2-255, IPFIX 0, 1, 4-255): skipped. */
    ERROR__RESERVED_SET_ID,
    /** 1 to 3 bytes after the last set. */
    ERROR__TRAILING_BYTES,
    /** A template record with an id below 256: the rest of its set is skipped. */
    ERROR__BAD_TEMPLATE_ID,
    /** A template record that runs past the end of its set: the rest of the set is skipped. */
    ERROR__TRUNCATED_TEMPLATE,
    /** A template with more fields than allowed: refused. */
    ERROR__TEMPLATE_TOO_MANY_FIELDS,
    /**
     * A template field of length 0 (seen in real v9 options templates): kept as a field that reads
     * nothing. One count per field per template received.
     */
    ERROR__ZERO_LENGTH_FIELD,
    /**
     * A template refused: no field, records of 0 bytes (only zero-length fields), an options template
     * without scope, a v9 options template with lengths not a multiple of 4.
     */
    ERROR__BAD_TEMPLATE,
    /** A known field with a length it cannot have (an address of 5 bytes...): kept in extra instead. */
    ERROR__UNEXPECTED_FIELD_LENGTH,
    /** A template id redefined from data template to options template or back. */
    ERROR__TEMPLATE_ID_COLLISION,
    /** A new template refused because its session or the decoder holds the most allowed. */
    ERROR__TEMPLATES_OVER_CAP,
    /** An IPFIX withdrawal of a template the session does not have. */
    ERROR__WITHDRAWAL_OF_UNKNOWN_TEMPLATE,
    /** Datagrams of a new session refused because the decoder keeps the most sessions allowed. */
    ERROR__SESSIONS_OVER_CAP,
    /** A sampler id's interval not kept because its session knows the most samplers allowed. */
    ERROR__SAMPLERS_OVER_CAP,
    /** A data record cut by the end of its set (a variable-length field running past it). */
    ERROR__TRUNCATED_RECORD,
    /** A counter above 2^63-1, reported as 2^63-1. */
    ERROR__VALUE_OVERFLOW,
    /** IPFIX uptime-relative times (21/22) without a system init time (160): reported as absent. */
    ERROR__UNKNOWN_TIME_BASE,
    /** The offset and length given to the decoder fall outside the segment. */
    ERROR__BAD_BOUNDS,
    /** A bug: an exception caught at the decoder's edge (the datagram's remaining sets are lost). */
    ERROR__INTERNAL
}
