package dev.netproof.app.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table of DIFFERENCES.md (at the project root): every disagreement between netproof and a
 * reference that is understood, one row each.
 *
 * <pre>
 * | oracle | capture | conversation | field | netproof | reference | reason | kind |
 * </pre>
 * {@code oracle} is {@code tshark}, {@code tshark-tcp} or {@code zeek}; {@code conversation} is a {@link Conv} text or
 * {@code *} for the capture as a whole; {@code netproof} and {@code reference} are the exact values
 * compared; {@code kind} is {@code definition} (the two count different things, on purpose) or
 * {@code bug} (netproof is wrong). Backticks around a cell other than the reason are ignored, and a
 * {@code |} inside the reason is written {@code \|}. A row matches one disagreement only when all six
 * key cells are equal, so a changed value no longer matches; rows that match nothing are reported
 * as stale. Thread-safe.
 */
final class KnownDifferences {
    static final String FILE = "DIFFERENCES.md";
    static final Set<String> KINDS = Set.of("definition", "bug");
    /** {@code tshark-tcp}: the TCP analysis comparison ({@code CorpusTcpAnalysisVsTsharkTest}). */
    static final Set<String> ORACLES = Set.of("tshark", "zeek", "tshark-tcp", "zeek-dns");

    /** One row of the table. */
    record Entry(int line, String oracle, String capture, String conversation, String field, String netproof,
                 String reference, String reason, String kind) {
        String key() {
            return key(oracle, capture, conversation, field, netproof, reference);
        }

        static String key(String oracle, String capture, String conversation, String field, String netproof,
                          String reference) {
            return String.join("\u0000", oracle, capture, conversation, field, netproof, reference);
        }
    }

    private final Path file;
    private final Map<String, Entry> byKey;
    private final List<Entry> entries;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    private KnownDifferences(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
        Map<String, Entry> m = new HashMap<>();
        for (Entry e : entries) {
            Entry before = m.putIfAbsent(e.key(), e);
            if (before != null) {
                throw new IllegalStateException(file + ": line " + e.line() + " repeats line " + before.line());
            }
        }
        this.byKey = m;
    }

    /** Reads DIFFERENCES.md from the working directory or the nearest parent that has one. */
    static KnownDifferences load() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path f = dir.resolve(FILE);
            if (Files.isRegularFile(f)) return parse(f);
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }

    static KnownDifferences parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (!line.startsWith("|")) continue;
            List<String> cells = cells(line);
            if (cells.isEmpty() || !ORACLES.contains(cells.get(0))) continue;
            if (cells.size() != 8) {
                throw new IllegalStateException(file + ": line " + (n + 1) + ": expected 8 cells, found " + cells.size());
            }
            Entry e = new Entry(n + 1, cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4),
                    cells.get(5), cells.get(6), cells.get(7));
            if (!KINDS.contains(e.kind())) {
                throw new IllegalStateException(file + ": line " + e.line() + ": kind must be one of " + KINDS);
            }
            if (e.reason().isBlank()) throw new IllegalStateException(file + ": line " + e.line() + ": no reason");
            entries.add(e);
        }
        return new KnownDifferences(file, entries);
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (c == '|') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            String s = out.get(i);
            if (i != 6 && s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) out.set(i, s.substring(1, s.length() - 1));
        }
        return out;
    }

    Path file() {
        return file;
    }

    /** The row explaining this disagreement, marked as used, or null when none does. */
    Entry explain(String oracle, String capture, String conversation, String field, String netproof, String reference) {
        String k = Entry.key(oracle, capture, conversation, field, netproof, reference);
        Entry e = byKey.get(k);
        if (e != null) used.add(k);
        return e;
    }

    /** Rows of {@code oracle} about {@code captures} that explained nothing in this run. */
    List<Entry> unused(String oracle, Set<String> captures) {
        return entries.stream()
                .filter(e -> e.oracle().equals(oracle) && captures.contains(e.capture()) && !used.contains(e.key()))
                .toList();
    }

    /** Rows of {@code oracle} naming a capture that is not among {@code captures}. */
    List<Entry> unknownCaptures(String oracle, Set<String> captures) {
        return entries.stream().filter(e -> e.oracle().equals(oracle) && !captures.contains(e.capture())).toList();
    }

    /** A table row for a disagreement, ready to paste once its reason and kind are known. */
    static String row(String oracle, String capture, String conversation, String field, String netproof,
                      String reference) {
        return "| " + oracle + " | " + capture + " | " + conversation + " | " + field + " | " + netproof + " | "
                + reference + " | ? | ? |";
    }

    static String row(Entry e) {
        return "| " + e.oracle() + " | " + e.capture() + " | " + e.conversation() + " | " + e.field() + " | "
                + e.netproof() + " | " + e.reference() + " | " + e.reason() + " | " + e.kind() + " |  (line " + e.line() + ")";
    }
}
