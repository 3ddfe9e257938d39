package dev.netproof.app.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reference's comparisons ("tshark" or "zeek"), tallied per capture: every field compared, the
 * ones that agree, the disagreements DIFFERENCES.md explains (by kind) and the ones it does not.
 * Writes the agreement summary to {@code target/corpus-agreement.txt}, in a section of its own so
 * that the two differential tests share the file. Used from one test thread.
 */
final class Comparison {
    static final String SUMMARY = "corpus-agreement.txt";

    private final String oracle;
    private final String title;
    private final KnownDifferences known;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    Comparison(String oracle, String title, KnownDifferences known) {
        this.oracle = oracle;
        this.title = title;
        this.known = known;
    }

    /** The comparisons of one capture. */
    final class Tally {
        final String capture;
        int conversations;
        int fields;
        int agree;
        int definition;
        int bug;
        boolean done;
        final List<String> unexplained = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        private Tally(String capture) {
            this.capture = capture;
        }

        /** A conversation present on both sides, whose fields are compared. */
        void conversation() {
            conversations++;
        }

        void note(String s) {
            notes.add(s);
        }

        /** Compares two values by their text. */
        void check(String conversation, String field, Object netproof, Object reference) {
            String n = String.valueOf(netproof), r = String.valueOf(reference);
            check(conversation, field, n, r, n.equals(r));
        }

        /** Records a comparison whose agreement the caller decided (e.g. within a tolerance). */
        void check(String conversation, String field, String netproof, String reference, boolean agrees) {
            fields++;
            if (agrees) {
                agree++;
                return;
            }
            KnownDifferences.Entry e = known.explain(oracle, capture, conversation, field, netproof, reference);
            if (e == null) {
                unexplained.add(KnownDifferences.row(oracle, capture, conversation, field, netproof, reference));
            } else if (e.kind().equals("bug")) {
                bug++;
            } else {
                definition++;
            }
        }

        /** Fails when a disagreement is not in DIFFERENCES.md; marks the capture as fully compared. */
        void finish() {
            done = true;
            if (!unexplained.isEmpty()) {
                throw new AssertionError(unexplained.size() + " disagreement(s) with " + oracle + " in " + capture
                        + " not listed in " + known.file() + " (add a row with the reason and kind once understood):\n"
                        + String.join("\n", unexplained));
            }
        }
    }

    Tally begin(String capture) {
        Tally t = new Tally(capture);
        tallies.put(capture, t);
        return t;
    }

    /**
     * Writes the summary and fails when a capture was not fully compared, or when a row of DIFFERENCES.md
     * for this reference explained nothing (the difference is gone, or its values changed).
     */
    void finishAll(Set<String> captures) {
        writeSummary();
        List<String> problems = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (Tally t : tallies.values()) {
            if (t.done) done.add(t.capture);
            else problems.add("not fully compared (see its own failure): " + t.capture);
        }
        Set<String> missing = new TreeSet<>(captures);
        missing.removeAll(tallies.keySet());
        for (String m : missing) problems.add("not compared: " + m);
        for (KnownDifferences.Entry e : known.unused(oracle, done)) {
            problems.add("no longer occurs (remove the row, or correct its values): " + KnownDifferences.row(e));
        }
        for (KnownDifferences.Entry e : known.unknownCaptures(oracle, captures)) {
            problems.add("names a capture this test does not compare: " + KnownDifferences.row(e));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(known.file() + " and the " + oracle + " comparison disagree:\n"
                    + String.join("\n", problems));
        }
    }

    private static String line(Tally t) {
        return String.format("%-34s conversations %4d   fields %5d/%-5d agree   listed: %d definition, %d bug   unexplained: %d%s",
                t.capture, t.conversations, t.agree, t.fields, t.definition, t.bug, t.unexplained.size(),
                t.notes.isEmpty() ? "" : "   (" + String.join("; ", t.notes) + ")");
    }

    List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add("## " + title);
        int conv = 0, fields = 0, agree = 0, def = 0, bug = 0, unexp = 0;
        for (Tally t : tallies.values()) {
            out.add(line(t));
            conv += t.conversations;
            fields += t.fields;
            agree += t.agree;
            def += t.definition;
            bug += t.bug;
            unexp += t.unexplained.size();
        }
        long captures = tallies.keySet().stream().filter(c -> !c.equals("*")).count();
        out.add(String.format("TOTAL %d captures%s: conversations %d, fields %d/%d agree (%.2f%%), listed %d definition + %d bug, unexplained %d",
                captures, tallies.containsKey("*") ? " and corpus-wide checks (*)" : "", conv, agree, fields,
                fields == 0 ? 100.0 : 100.0 * agree / fields, def, bug, unexp));
        return out;
    }

    private void writeSummary() {
        List<String> lines = summary();
        lines.forEach(System.out::println);
        Path target = Path.of(Objects.requireNonNullElse(System.getProperty("basedir"), "")).toAbsolutePath().resolve("target");
        Path file = target.resolve(SUMMARY);
        try {
            Files.createDirectories(target);
            String old = Files.isRegularFile(file) ? Files.readString(file) : "";
            Files.writeString(file, replaceSection(old, "## " + title, String.join("\n", lines) + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with the section that starts with {@code heading} replaced by (or appended as) {@code section}. */
    static String replaceSection(String text, String heading, String section) {
        Matcher m = Pattern.compile("(?ms)^" + Pattern.quote(heading) + "$.*?(?=^## |\\z)").matcher(text);
        if (m.find()) return text.substring(0, m.start()) + section + text.substring(m.end());
        String header = text.isEmpty() ? "# netproof corpus agreement (written by the Corpus*Test differential tests)\n\n" : "";
        return header + text + (text.isEmpty() || text.endsWith("\n\n") ? "" : "\n") + section;
    }
}
