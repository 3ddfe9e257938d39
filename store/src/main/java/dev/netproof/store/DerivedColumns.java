package dev.netproof.store;

import dev.netproof.core.model.FlowUid;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * SQL macros that make, when a row is read, the two flow columns the store does not keep: {@code uid}
 * ({@link FlowUid}: from the start time and the stored 32-bit key hash) and {@code community_id}
 * (Community ID v1 with seed 0, from the stored addresses, ports and protocol: the same bytes
 * {@code flow.id.CommunityId} hashes, then SHA-1 and base64 in DuckDB).
 *
 * <p>Why: the two strings were random characters that no compression shrinks, 44 of a flow row's
 * 120 bytes on disk. Made on read, they cost SHA-1 per row shown, not per row stored; a filter on
 * {@code uid} is turned into a start-time lookup first ({@code query.filter}), while a filter on
 * {@code community_id} hashes every row in the range it reads. The macros live in the database's
 * catalogue, so any DuckDB client that opens the file reads the same values.
 */
final class DerivedColumns {
    private DerivedColumns() {}

    private static final String SIGN = "(-9223372036854775807 - 1)";

    private static final String POWERS = IntStream.range(0, FlowUid.TIME_DIGITS)
            .mapToObj(i -> Long.toString(pow62(i))).collect(Collectors.joining(", ", "[", "]"));

    private static long pow62(int i) {
        long v = 1;
        for (int j = 0; j < i; j++) v *= 62;
        return v;
    }

    /** For each set of zero groups (bit i: group i is 0), where RFC 5952's "::" starts (-1: none) and how many groups it takes. */
    private static final String ZERO_RUN_START, ZERO_RUN_LENGTH;

    static {
        int[] start = new int[256], length = new int[256];
        for (int m = 0; m < 256; m++) {
            int bestStart = -1, bestLen = 1;
            for (int i = 0; i < 8; ) {
                if ((m >> i & 1) == 0) { i++; continue; }
                int j = i;
                while (j < 8 && (m >> j & 1) == 1) j++;
                if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
                i = j;
            }
            start[m] = bestStart;
            length[m] = bestLen;
        }
        ZERO_RUN_START = java.util.Arrays.toString(start);
        ZERO_RUN_LENGTH = java.util.Arrays.toString(length);
    }

    static final List<String> MACROS = List.of(
            // n base-62 digits of a non-negative BIGINT, least significant first (FlowUid's order)
            "CREATE OR REPLACE MACRO np_b62(v, n) AS array_to_string(list_transform(range(n), i -> substr('"
                    + FlowUid.ALPHABET + "', (((v // (" + POWERS + ")[i + 1]) % 62) + 1)::INTEGER, 1)), '')",
            "CREATE OR REPLACE MACRO np_uid(ts, k) AS 'C' || np_b62(xor(ts, (k::BIGINT & 4294967295) * "
                    + FlowUid.MIX + "), " + FlowUid.TIME_DIGITS + ") || np_b62(k::BIGINT & 4294967295, "
                    + FlowUid.KEY_DIGITS + ")",
            // stored addresses are sign-flipped halves; IPv4 is ::ffff:a.b.c.d
            "CREATE OR REPLACE MACRO np_is_v4(hi, lo) AS hi = " + SIGN + " AND (xor(lo, " + SIGN + ") >> 32) = 65535",
            "CREATE OR REPLACE MACRO np_addr_hex(hi, lo, v4) AS CASE WHEN v4 THEN lpad(hex(xor(lo, " + SIGN
                    + ") & 4294967295), 8, '0') ELSE lpad(hex(xor(hi, " + SIGN + ")), 16, '0') || lpad(hex(xor(lo, "
                    + SIGN + ")), 16, '0') END",
            // the request/reply counterpart of an ICMP/ICMPv6 type, -1 for one-way types (CommunityId.icmpCounterpart)
            "CREATE OR REPLACE MACRO np_icmp_pair(t, v6) AS CASE WHEN v6 THEN (CASE t WHEN 128 THEN 129 WHEN 129 THEN 128 "
                    + "WHEN 130 THEN 131 WHEN 131 THEN 130 WHEN 133 THEN 134 WHEN 134 THEN 133 WHEN 135 THEN 136 "
                    + "WHEN 136 THEN 135 WHEN 139 THEN 140 WHEN 140 THEN 139 WHEN 144 THEN 145 WHEN 145 THEN 144 "
                    + "ELSE -1 END) ELSE (CASE t WHEN 8 THEN 0 WHEN 0 THEN 8 WHEN 13 THEN 14 WHEN 14 THEN 13 "
                    + "WHEN 15 THEN 16 WHEN 16 THEN 15 WHEN 10 THEN 9 WHEN 9 THEN 10 WHEN 17 THEN 18 WHEN 18 THEN 17 "
                    + "ELSE -1 END) END",
            "CREATE OR REPLACE MACRO np_icmp(p) AS p = 1 OR p = 58",
            "CREATE OR REPLACE MACRO np_ports(p) AS p IN (1, 6, 17, 58, 132)",
            // the second "port": the responder's port, or for ICMP the counterpart type when there is one
            "CREATE OR REPLACE MACRO np_dp(p, op, rp) AS CASE WHEN np_icmp(p) AND np_icmp_pair(op, p = 58) >= 0 "
                    + "THEN np_icmp_pair(op, p = 58) ELSE rp END",
            "CREATE OR REPLACE MACRO np_flip(p, ohi, olo, rhi, rlo, op, rp) AS NOT (np_icmp(p) AND np_icmp_pair(op, p = 58) < 0) "
                    + "AND (ohi > rhi OR (ohi = rhi AND olo > rlo) OR (ohi = rhi AND olo = rlo AND np_ports(p) "
                    + "AND op > np_dp(p, op, rp)))",
            "CREATE OR REPLACE MACRO np_cid_bytes(p, ohi, olo, rhi, rlo, op, rp, v4, flip) AS '0000' "
                    + "|| CASE WHEN flip THEN np_addr_hex(rhi, rlo, v4) || np_addr_hex(ohi, olo, v4) "
                    + "ELSE np_addr_hex(ohi, olo, v4) || np_addr_hex(rhi, rlo, v4) END "
                    + "|| lpad(hex(p::INTEGER), 2, '0') || '00' "
                    + "|| CASE WHEN NOT np_ports(p) THEN '' WHEN flip THEN lpad(hex(np_dp(p, op, rp)::INTEGER), 4, '0') "
                    + "|| lpad(hex(op::INTEGER), 4, '0') ELSE lpad(hex(op::INTEGER), 4, '0') "
                    + "|| lpad(hex(np_dp(p, op, rp)::INTEGER), 4, '0') END",
            "CREATE OR REPLACE MACRO np_community_id(p, ohi, olo, rhi, rlo, op, rp) AS '1:' || to_base64(unhex(sha1(unhex("
                    + "np_cid_bytes(p, ohi, olo, rhi, rlo, op, rp, np_is_v4(ohi, olo) AND np_is_v4(rhi, rlo), "
                    + "np_flip(p, ohi, olo, rhi, rlo, op, rp))))))",
            // address text from the stored halves, as IpAddress.format writes it: dotted IPv4, or RFC 5952 IPv6 (the
            // longest run of two or more zero groups, the first on ties, is "::"; the run is looked up by which of
            // the eight groups are zero)
            "CREATE OR REPLACE MACRO np_v6_groups(h, l) AS [(h >> 48) & 65535, (h >> 32) & 65535, (h >> 16) & 65535, "
                    + "h & 65535, (l >> 48) & 65535, (l >> 32) & 65535, (l >> 16) & 65535, l & 65535]",
            "CREATE OR REPLACE MACRO np_v6_hex(g) AS array_to_string(list_transform(g, x -> lower(hex(x))), ':')",
            "CREATE OR REPLACE MACRO np_v6_zeros(g) AS list_sum(list_transform(g, (x, i) -> CASE WHEN x = 0 "
                    + "THEN 1 << (i - 1) ELSE 0 END))::INTEGER",
            "CREATE OR REPLACE MACRO np_v6_join(g, s, n) AS CASE WHEN s < 0 THEN np_v6_hex(g) "
                    + "ELSE np_v6_hex(g[1:s]) || '::' || np_v6_hex(g[s + n + 1:8]) END",
            "CREATE OR REPLACE MACRO np_v6_text(g) AS np_v6_join(g, " + ZERO_RUN_START + "[np_v6_zeros(g) + 1], "
                    + ZERO_RUN_LENGTH + "[np_v6_zeros(g) + 1])",
            "CREATE OR REPLACE MACRO np_ip_text(hi, lo) AS CASE WHEN np_is_v4(hi, lo) THEN concat_ws('.', "
                    + "(xor(lo, " + SIGN + ") >> 24) & 255, (xor(lo, " + SIGN + ") >> 16) & 255, (xor(lo, " + SIGN
                    + ") >> 8) & 255, xor(lo, " + SIGN + ") & 255) ELSE np_v6_text(np_v6_groups(xor(hi, " + SIGN
                    + "), xor(lo, " + SIGN + "))) END");

}
