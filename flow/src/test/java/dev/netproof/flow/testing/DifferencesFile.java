package dev.netproof.flow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's one list of disagreements with the references, {@code DIFFERENCES.md} at the
 * repository root: the flow module's corpus tests keep theirs in fenced blocks after a marker
 * {@code <!-- differences:NAME -->}, one difference a line, the reason after two spaces and
 * {@code -- }.
 */
public final class DifferencesFile {
    static final String FILE = "DIFFERENCES.md";

    private DifferencesFile() {}

    /** The differences of block {@code name}, without their reasons. */
    public static List<String> block(String name) {
        List<String> lines = read();
        String marker = "<!-- differences:" + name + " -->";
        int at = lines.indexOf(marker);
        if (at < 0) throw new IllegalStateException(FILE + " has no block " + marker);
        int open = at + 1;
        while (open < lines.size() && !lines.get(open).startsWith("```")) open++;
        List<String> out = new ArrayList<>();
        for (int i = open + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            int why = l.indexOf("  -- ");
            out.add((why < 0 ? l : l.substring(0, why)).strip());
        }
        return out;
    }

    private static List<String> read() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path f = dir.resolve(FILE);
            if (Files.isRegularFile(f)) {
                try {
                    return Files.readAllLines(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }
}
