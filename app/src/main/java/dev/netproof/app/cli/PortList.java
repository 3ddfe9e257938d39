package dev.netproof.app.cli;

import dev.netproof.app.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comma-separated port option's values ({@code --udp}, {@code --tcp}, {@code --export-ports}): the
 * ports, and whether one keyword ({@code any}, {@code none}) was among them. Anything else is a usage error
 * naming the option.
 */
record PortList(List<Integer> ports, boolean keyword) {
    static PortList parse(String option, List<String> values, String keyword) {
        List<Integer> ports = new ArrayList<>();
        boolean seen = false;
        for (String v : values) {
            String t = v.trim();
            if (t.toLowerCase(Locale.ROOT).equals(keyword)) {
                seen = true;
                continue;
            }
            try {
                int p = Integer.parseInt(t);
                if (p < 0 || p > 65535) throw new NumberFormatException();
                ports.add(p);
            } catch (NumberFormatException e) {
                throw new UserError(option + ": not a port: " + v, Main.USAGE);
            }
        }
        return new PortList(List.copyOf(ports), seen);
    }
}
