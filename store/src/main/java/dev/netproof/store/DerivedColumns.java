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

    static final List<String> MACROS = List.of(
            // n base-62 digits of a non-negative BIGINT, least significant first (FlowUid's order)
            "CREATE OR REPLACE MACRO np_b62(v, n) AS array_to_string(list_transform(range(n), i -> substr('"
                    + FlowUid.ALPHABET + "', (((v // (" + POWERS + ")[i + 1]) % 62) + 1)::INTEGER, 1)), '')",
            "CREATE OR REPLACE MACRO np_uid(ts, k) AS 'C' || np_b62(xor(ts, (k::BIGINT & 4294967295) * "
                    + FlowUid.MIX + "), " + FlowUid.TIME_DIGITS + ") || np_b62(k::BIGINT & 4294967295, "
                    + FlowUid.KEY_DIGITS + ")",
            // FlowUid.tag in SQL: each 32-bit word mixed alone (FlowUid.mix32), the mixes summed; every product of a
            // value below 2^32 and the multiplier (below 2^27) fits a BIGINT. Its inputs are flow_rows' columns: the
            // sign-flipped high halves, the low halves' 32-bit parts, ports, protocol and VLANs (NULL: none)
            "CREATE OR REPLACE MACRO np_mix32a(x) AS (xor(x >> 16, x) * " + FlowUid.TAG_MULTIPLIER + ") % 4294967296",
            "CREATE OR REPLACE MACRO np_mix32(x) AS xor(np_mix32a(np_mix32a(x)) >> 16, np_mix32a(np_mix32a(x)))",
            "CREATE OR REPLACE MACRO np_uid_tag(oh, oa, ob, rh, ra, rb, op, rp, pr, v, iv) AS (("
                    + "np_mix32(xor((oh::BIGINT >> 32) & 4294967295, " + FlowUid.tagWord(0) + ")) + "
                    + "np_mix32(xor(oh::BIGINT & 4294967295, " + FlowUid.tagWord(1) + ")) + "
                    + "np_mix32(xor(oa::BIGINT, " + FlowUid.tagWord(2) + ")) + "
                    + "np_mix32(xor(ob::BIGINT, " + FlowUid.tagWord(3) + ")) + "
                    + "np_mix32(xor((rh::BIGINT >> 32) & 4294967295, " + FlowUid.tagWord(4) + ")) + "
                    + "np_mix32(xor(rh::BIGINT & 4294967295, " + FlowUid.tagWord(5) + ")) + "
                    + "np_mix32(xor(ra::BIGINT, " + FlowUid.tagWord(6) + ")) + "
                    + "np_mix32(xor(rb::BIGINT, " + FlowUid.tagWord(7) + ")) + "
                    + "np_mix32(xor(op::BIGINT * 65536 + rp::BIGINT, " + FlowUid.tagWord(8) + ")) + "
                    + "np_mix32(xor((pr::BIGINT + 256 * coalesce(v, 0)::BIGINT + 1048576 * coalesce(iv, 0)::BIGINT) & 4294967295, "
                    + FlowUid.tagWord(9) + "))) + 2147483648) % 4294967296 - 2147483648",
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
            // address text from the stored halves, as IpAddress.format writes it: dotted IPv4, or RFC 5952 IPv6. The
            // eight groups are printed once (a lambda's parameter, so the text is not expanded again at each use:
            // nested macros that repeated it took 60 ms to plan a query of the flows view); then the longest run
            // of zero groups, the first of equal runs, becomes "::" (longest first, so a run found is never part
            // of a longer one)
            "CREATE OR REPLACE MACRO np_v6_mark(r) AS list_transform([r[2:-2]], t -> CASE WHEN t[1] = '!' OR t[-1] = '!' "
                    + "THEN replace(t, '!', ':') ELSE replace(t, '!', '') END)[1]",
            "CREATE OR REPLACE MACRO np_v6_text(hi, lo) AS list_transform([':' || printf('%x:%x:%x:%x:%x:%x:%x:%x', "
                    + groups() + ") || ':'], f -> " + zeroRuns() + ")[1]",
            "CREATE OR REPLACE MACRO np_ip_text(hi, lo) AS CASE WHEN np_is_v4(hi, lo) THEN concat_ws('.', "
                    + "(xor(lo, " + SIGN + ") >> 24) & 255, (xor(lo, " + SIGN + ") >> 16) & 255, (xor(lo, " + SIGN
                    + ") >> 8) & 255, xor(lo, " + SIGN + ") & 255) ELSE np_v6_text(hi, lo) END");

    /** The eight 16-bit groups of the sign-flipped halves {@code hi}, {@code lo}. */
    private static String groups() {
        StringBuilder sb = new StringBuilder();
        for (String half : new String[] {"hi", "lo"}) {
            for (int shift = 48; shift >= 0; shift -= 16) {
                sb.append(sb.isEmpty() ? "" : ", ").append("((xor(").append(half).append(", ").append(SIGN).append(") >> ")
                        .append(shift).append(") & 65535)");
            }
        }
        return sb.toString();
    }

    /**
     * On {@code f}, ":g0:...:g7:", the longest run of 2 to 8 zero groups, the first of equal runs, marked "!"
     * ({@code regexp_replace} replaces the first match only), then "!" made "::" with the outer colons dropped.
     */
    private static String zeroRuns() {
        StringBuilder sb = new StringBuilder("CASE WHEN f = ':0:0:0:0:0:0:0:0:' THEN '::' ");
        for (int n = 7; n >= 2; n--) {
            String run = ":" + "0:".repeat(n);
            sb.append("WHEN contains(f, '").append(run).append("') THEN np_v6_mark(regexp_replace(f, '").append(run)
                    .append("', ':!:')) ");
        }
        return sb.append("ELSE f[2:-2] END").toString();
    }

}
