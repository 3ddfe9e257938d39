/**
 * DNS messages (RFC 1035 and the record types users ask about), decoded from a bounded view of a
 * UDP payload or one TCP-framed message: header, questions and resource records with their data
 * as text. Name decompression follows only backward pointers and bounds labels, name length and
 * pointer hops, so a hostile message ends in a named {@link dev.netproof.decode.dns.DnsError},
 * never a loop or an exception.
 */
package dev.netproof.decode.dns;
