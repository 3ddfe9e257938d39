package dev.netproof.app.cli;

import dev.netproof.packetstore.PacketStore;
import dev.netproof.packetstore.PacketStoreConfig;
import dev.netproof.packetstore.SnapRules;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The packet store's options of {@code ingest} (segments under {@code DATA/packets/}). */
public final class PacketStoreOptions {
    /** Where the local packet store lives under the data directory. */
    public static final String DIR = PacketStoreLocation.DIR;

    @Option(names = "--packets", paramLabel = "on|off", defaultValue = "on",
            description = "Keep the packets in the packet store for 'netproof extract' (default: ${DEFAULT-VALUE}).")
    String packets;

    @Option(names = "--no-packets", negatable = false, description = "Same as --packets off.")
    boolean noPackets;

    @Option(names = "--packet-budget", paramLabel = "SIZE", defaultValue = "20GiB",
            description = "Most bytes the packet store holds; beyond it the oldest segments are deleted (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--packet-snap", paramLabel = "RULES", defaultValue = "default=full",
            description = "How much of each packet to keep, e.g. 'udp/53=full,tcp/443=headers,tcp=128,default=full' (default: ${DEFAULT-VALUE}).")
    String snap;

    @Option(names = "--segment-size", paramLabel = "SIZE", defaultValue = "64MiB",
            description = "A packet segment is closed at this size (default: ${DEFAULT-VALUE}).")
    String segmentSize;

    @Option(names = "--segment-time", paramLabel = "DURATION", defaultValue = "60s",
            description = "... or after this much capture time (default: ${DEFAULT-VALUE}).")
    String segmentTime;

    public boolean enabled() {
        if (noPackets) return false;
        return switch (packets.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new UserError("--packets must be on or off", 2);
        };
    }

    @Mixin PacketStoreLocation location = new PacketStoreLocation();

    /** The packet store (under {@code dataDir} unless {@code --packet-store} says otherwise), or null when off. */
    public PacketStore open(Path dataDir) {
        if (!enabled()) return null;
        PacketStoreConfig config;
        try {
            Path root = dataDir.resolve(DIR);
            config = PacketStoreConfig.defaults(root.resolve("segments"))
                    .withSegment(bytes(segmentSize, "--segment-size"), nanos(segmentTime, "--segment-time"))
                    .withBudget(bytes(budget, "--packet-budget"))
                    .withSnap(SnapRules.parse(snap));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        return location.open(dataDir, config);
    }

    /** The default packet store under {@code dataDir} for reading; a user error when there is none. */
    public static PacketStore openExisting(Path dataDir) {
        return new PacketStoreLocation().openExisting(dataDir);
    }

    /** The packet store under {@code dataDir} with default settings, created if missing. */
    public static PacketStore openDefault(Path dataDir) {
        return new PacketStoreLocation().open(dataDir, PacketStoreConfig.defaults(dataDir.resolve(DIR).resolve("segments")));
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?)b?");

    /** "20GB" (10^9), "20GiB" (2^30), "64M", "1000": bytes. */
    static long bytes(String text, String option) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException(option + " '" + text + "' is not a size (e.g. 20GB, 64MiB, 1000000)");
        int power = "kmgt".indexOf(m.group(2)) + 1;
        double unit = Math.pow(m.group(3).isEmpty() && !m.group(2).isEmpty() ? 1000 : 1024, m.group(2).isEmpty() ? 0 : power);
        double v = Double.parseDouble(m.group(1)) * unit;
        if (v > Long.MAX_VALUE / 2) throw new IllegalArgumentException(option + " '" + text + "' is too large");
        return (long) v;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    /** "60s", "5m", "500ms", "1h"; a bare number is seconds. */
    static long nanos(String text, String option) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException(option + " '" + text + "' is not a duration (e.g. 60s, 5m, 500ms)");
        double unit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1e6;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 1e9;
        };
        return (long) (Double.parseDouble(m.group(1)) * unit);
    }
}
