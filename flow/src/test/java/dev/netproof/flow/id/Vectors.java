package dev.netproof.flow.id;

import dev.netproof.core.model.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Community ID test vectors from {@code src/test/resources/communityid/} (see the README there). */
final class Vectors {

    /** One tuple and its expected ID; {@code sport}/{@code dport} are -1 for "no ports". */
    record Vector(String source, int seed, int proto, IpAddress src, IpAddress dst, int sport, int dport,
                  String expected) {

        String actual() {
            return CommunityId.v1(seed, proto, src.hi(), src.lo(), dst.hi(), dst.lo(),
                    Math.max(sport, 0), Math.max(dport, 0));
        }

        @Override
        public String toString() {
            String ports = sport < 0 ? "" : " " + sport + " -> " + dport;
            return source + ": seed " + seed + " proto " + proto + " " + src + " -> " + dst + ports;
        }
    }

    private static final Pattern JSON_ENTRY = Pattern.compile(
            "\\{\"proto\": (\\d+), \"saddr\": \"([^\"]+)\", \"daddr\": \"([^\"]+)\", "
                    + "\"sport\": (\\d+|null), \"dport\": (\\d+|null), \"communityid\": \"([^\"]+)\"}");

    private Vectors() {}

    /** Parses an IPv4 or IPv6 literal (no name lookup) into the project's 128-bit form. */
    static IpAddress address(String literal) {
        InetAddress a = InetAddress.ofLiteral(literal);
        if (a instanceof Inet4Address) {
            return IpAddress.ofV4(ByteBuffer.wrap(a.getAddress()).getInt());
        }
        ByteBuffer b = ByteBuffer.wrap(a.getAddress());
        return IpAddress.ofV6(b.getLong(), b.getLong());
    }

    /**
     * The spec's {@code baseline_*.json} file: a JSON array of flat objects written by Python's
     * {@code json.dumps}, matched entry by entry (every object must match, so a format change fails
     * loudly instead of silently testing nothing).
     */
    static List<Vector> baselineJson(String resource, int seed) {
        String text = read(resource);
        List<Vector> out = new ArrayList<>();
        Matcher m = JSON_ENTRY.matcher(text);
        while (m.find()) {
            out.add(new Vector(resource + "#" + out.size(), seed, Integer.parseInt(m.group(1)),
                    address(m.group(2)), address(m.group(3)), port(m.group(4)), port(m.group(5)), m.group(6)));
        }
        long objects = text.chars().filter(c -> c == '{').count();
        if (objects != out.size() || out.isEmpty()) {
            throw new IllegalStateException(resource + ": parsed " + out.size() + " of " + objects + " entries");
        }
        return out;
    }

    /** {@code spec-tables.tsv}: seed, proto, src, dst, sport, dport, id, comment; '#' comments. */
    static List<Vector> specTables() {
        String resource = "spec-tables.tsv";
        List<Vector> out = new ArrayList<>();
        for (String line : read(resource).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 8) throw new IllegalStateException(resource + ": bad row " + line);
            out.add(new Vector(resource + " '" + f[7] + "'", Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                    address(f[2]), address(f[3]), port(f[4]), port(f[5]), f[6]));
        }
        return out;
    }

    private static int port(String s) {
        return s.equals("null") || s.equals("-") ? -1 : Integer.parseInt(s);
    }

    private static String read(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/communityid/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource communityid/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
