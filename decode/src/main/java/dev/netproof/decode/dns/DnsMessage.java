package dev.netproof.decode.dns;

import java.util.List;

/**
 * A decoded DNS message. {@code complete} is false when decoding stopped early ({@link #error});
 * what was decoded before that is kept.
 */
public record DnsMessage(int id, boolean response, int opcode, boolean authoritative, boolean truncated,
                         boolean recursionDesired, boolean recursionAvailable, int rcode,
                         int questionCount, int answerCount, int authorityCount, int additionalCount,
                         List<DnsQuestion> questions, List<DnsRecord> answers, List<DnsRecord> authority,
                         List<DnsRecord> additional, DnsError error) {
    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    public boolean complete() {
        return error == null;
    }

    /** The first question, or null. */
    public DnsQuestion question() {
        return questions.isEmpty() ? null : questions.get(0);
    }
}
