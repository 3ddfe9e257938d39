package dev.netproof.decode.http;

import dev.netproof.decode.http.internal.CardNumbers;
import java.util.Locale;
import java.util.Set;

/**
 * What the HTTP analyzer withholds from its rows, on by default. Credential fields
 * (Authorization, Proxy-Authorization, Cookie, Set-Cookie) are never kept at all, whatever this
 * says: the parser only notes that one was present. In URIs (request target and Referer), when
 * enabled:
 * <ul>
 *   <li>the value of a parameter whose name looks like a secret becomes {@link #MARKER}: query
 *       parameters ({@code &} or {@code ;} separated), path parameters ({@code ;jsessionid=…})
 *       and fragment parameters ({@code #access_token=…}); names are percent-decoded first, so
 *       {@code api%5Fkey} is caught like {@code api_key};</li>
 *   <li>card-number-like digit runs anywhere in the URI are masked but for their last four digits
 *       ({@link CardNumbers}).</li>
 * </ul>
 * A name looks like a secret when one of its words (split at non-alphanumerics and camelCase
 * humps) is one of {@code key auth sig sid pw pwd pass pin code jwt otp cvv cvc ssn}, or contains
 * one of {@code token secret passw session sessid apikey authkey signature credential authoriz}.
 * The list errs towards redacting: a lost search term is cheaper than a leaked session. Immutable.
 */
public final class HttpRedaction {
    public static final String MARKER = "[redacted]";
    public static final HttpRedaction ON = new HttpRedaction(true);
    public static final HttpRedaction OFF = new HttpRedaction(false);

    private static final Set<String> WORDS = Set.of("key", "auth", "sig", "sid", "pw", "pwd", "pass", "pin", "code",
            "jwt", "otp", "cvv", "cvc", "ssn");
    private static final String[] PARTS = {"token", "secret", "passw", "session", "sessid", "apikey", "authkey",
            "signature", "credential", "authoriz"};

    private final boolean enabled;

    private HttpRedaction(boolean enabled) {
        this.enabled = enabled;
    }

    public static HttpRedaction of(boolean enabled) {
        return enabled ? ON : OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code uri} with secrets withheld; the same instance when nothing was (or redaction is off). */
    public String uri(String uri) {
        if (!enabled || uri == null) return uri;
        int q = uri.indexOf('?'), h = uri.indexOf('#');
        if (h >= 0 && q > h) q = -1; // a '?' inside the fragment
        int pathEnd = q >= 0 ? q : h >= 0 ? h : uri.length();
        StringBuilder out = new StringBuilder(uri.length() + 16);
        boolean changed = params(uri, 0, pathEnd, ";", out, true);
        if (q >= 0) {
            out.append('?');
            changed |= params(uri, q + 1, h >= 0 ? h : uri.length(), "&;", out, false);
        }
        if (h >= 0) {
            out.append('#');
            changed |= params(uri, h + 1, uri.length(), "&", out, false);
        }
        String s = changed ? out.toString() : uri;
        return CardNumbers.mask(s);
    }

    /**
     * Copies {@code uri[from, to)} to {@code out}, redacting {@code name=value} items split by
     * {@code seps}; in a path, only the items after a segment's first {@code ;} are parameters.
     */
    private static boolean params(String uri, int from, int to, String seps, StringBuilder out, boolean path) {
        boolean changed = false;
        int p = from;
        boolean param = !path;
        while (p <= to) {
            int e = p;
            while (e < to && seps.indexOf(uri.charAt(e)) < 0 && !(path && uri.charAt(e) == '/')) e++;
            int eq = p;
            while (eq < e && uri.charAt(eq) != '=') eq++;
            if (param && eq < e && secret(decodeRepeatedly(uri.substring(p, eq)))) {
                out.append(uri, p, eq + 1).append(MARKER);
                changed = true;
            } else {
                out.append(uri, p, e);
            }
            if (e == to) break;
            char c = uri.charAt(e);
            out.append(c);
            param = !path || c == ';';
            p = e + 1;
        }
        return changed;
    }

    /** Up to three rounds of percent-decoding, so that a double-encoded name is caught too. */
    static String decodeRepeatedly(String name) {
        for (int round = 0; round < 3 && name.indexOf('%') >= 0; round++) {
            String d = decode(name, 0, name.length());
            if (d.equals(name)) break;
            name = d;
        }
        return name.indexOf('+') >= 0 ? name.replace('+', ' ') : name;
    }

    /** Percent-decodes {@code s[from, to)}; bad escapes stay as they are. */
    static String decode(String s, int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int hi, lo;
            if (c == '%' && i + 2 < to && (hi = Character.digit(s.charAt(i + 1), 16)) >= 0 && (lo = Character.digit(s.charAt(i + 2), 16)) >= 0) {
                b.append((char) (hi * 16 + lo));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether a (decoded) parameter name looks like it carries a secret; see the class comment. */
    public static boolean secret(String name) {
        StringBuilder word = new StringBuilder();
        char prev = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : 0;
            boolean alnum = Character.isLetterOrDigit(c);
            boolean hump = alnum && Character.isUpperCase(c) && Character.isLowerCase(prev);
            if ((!alnum || hump) && !word.isEmpty()) {
                if (secretWord(word.toString().toLowerCase(Locale.ROOT))) return true;
                word.setLength(0);
            }
            if (alnum) word.append(c);
            prev = c;
        }
        return false;
    }

    private static boolean secretWord(String w) {
        if (WORDS.contains(w)) return true;
        for (String part : PARTS) {
            if (w.contains(part)) return true;
        }
        return false;
    }
}
