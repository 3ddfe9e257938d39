package dev.netproof.decode.http.internal;

/**
 * Masks payment-card-like numbers in text: 13 to 19 digits, in groups separated by one space,
 * dash, plus or {@code %20} (the forms a card number takes inside a URI), passing the Luhn check.
 * All digits but the last four become {@code X}; separators stay. A digit run longer than 19
 * is an identifier, not a card, and is left alone; within a longer chain of groups, any
 * consecutive groups that form a valid number are masked.
 */
public final class CardNumbers {
    private static final int MIN = 13, MAX = 19, MAX_GROUPS = 19;

    private CardNumbers() {}

    /** {@code s} with card numbers masked; {@code s} itself when there is none. */
    public static String mask(String s) {
        char[] out = null;
        int[] starts = new int[MAX_GROUPS], ends = new int[MAX_GROUPS];
        int i = 0, n = s.length();
        while (i < n) {
            if (!digit(s, i)) {
                i++;
                continue;
            }
            int groups = 0, p = i;
            while (true) { // one chain of digit groups joined by single separators
                int e = p;
                while (e < n && digit(s, e)) e++;
                if (groups < MAX_GROUPS) {
                    starts[groups] = p;
                    ends[groups] = e;
                    groups++;
                }
                int sep = separator(s, e);
                if (sep == 0 || !digit(s, e + sep)) {
                    i = e;
                    break;
                }
                p = e + sep;
            }
            out = maskChain(s, out, starts, ends, groups);
        }
        return out == null ? s : new String(out);
    }

    private static char[] maskChain(String s, char[] out, int[] starts, int[] ends, int groups) {
        for (int a = 0; a < groups; a++) {
            int digits = 0;
            for (int b = a; b < groups; b++) {
                digits += ends[b] - starts[b];
                if (digits > MAX) break;
                if (digits >= MIN && luhn(s, starts, ends, a, b)) {
                    if (out == null) out = s.toCharArray();
                    int keep = 4;
                    for (int g = b; g >= a; g--) {
                        for (int k = ends[g] - 1; k >= starts[g]; k--) {
                            if (keep > 0) keep--;
                            else out[k] = 'X';
                        }
                    }
                    a = b; // continue after the masked groups
                    break;
                }
            }
        }
        return out;
    }

    private static boolean luhn(String s, int[] starts, int[] ends, int a, int b) {
        int sum = 0;
        boolean dbl = false;
        for (int g = b; g >= a; g--) {
            for (int k = ends[g] - 1; k >= starts[g]; k--) {
                int d = s.charAt(k) - '0';
                if (dbl && (d *= 2) > 9) d -= 9;
                sum += d;
                dbl = !dbl;
            }
        }
        return sum % 10 == 0;
    }

    private static boolean digit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Length of the separator at {@code i}: 1 for space, dash or plus, 3 for {@code %20}, else 0. */
    private static int separator(String s, int i) {
        if (i >= s.length()) return 0;
        char c = s.charAt(i);
        if (c == ' ' || c == '-' || c == '+') return 1;
        if (c == '%' && s.startsWith("20", i + 1)) return 3;
        return 0;
    }
}
