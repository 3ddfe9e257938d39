package dev.netproof.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One DNS transaction, as Zeek's dns.log has it: a query and its response, or one of them alone.
 * Linked to its flow by {@code uid}; {@code origH}/{@code origP} is the side that asked.
 *
 * @param tsNanos   time of the query (of the response when no query was seen)
 * @param rttNanos  query → response, -1 without both
 * @param qclass    -1, like {@code qtype}, when the message had no question
 * @param rcode     -1 while unanswered
 * @param answers   the answer section's data as text, in order ({@code DnsRecord.data}); with
 *                  {@code ttls} of the same length, in seconds
 * @param status    what was seen of the transaction
 * @param duplicates further copies of the query seen before the response (retransmissions)
 */
public record DnsEvent(long tsNanos, String uid, IpAddress origH, int origP, IpAddress respH, int respP,
                       Transport proto, int transId, long rttNanos, String query, int qclass, int qtype, int rcode,
                       boolean authoritative, boolean truncated, boolean recursionDesired, boolean recursionAvailable,
                       List<String> answers, List<Long> ttls, Status status, int duplicates, String source) {
    public enum Status {
        /** Query and response. */
        ANSWERED("answered"),
        /** A query without a response within the timeout (or before the end of the input). */
        UNANSWERED("unanswered"),
        /** A response whose query was not seen. */
        RESPONSE_ONLY("response_only");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public DnsEvent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(status, "status");
        answers = Lists.frozen(answers);
        ttls = Lists.frozen(ttls);
        if (answers.size() != ttls.size()) throw new IllegalArgumentException("one TTL per answer");
    }

    /**
     * A DNS name as names compare (RFC 4343: without case): lower case; the name itself, without a
     * copy, when it has no capital, as almost every name on the wire.
     */
    public static String nameKey(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) return name.toLowerCase(java.util.Locale.ROOT);
        }
        return name;
    }
}
