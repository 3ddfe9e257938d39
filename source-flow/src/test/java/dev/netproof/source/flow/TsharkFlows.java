package dev.netproof.source.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Tshark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Test rig for the differential tests: tshark's per-frame values of cflow fields (all occurrences),
 * compared with what a decoder reported for the same frame. A column names a tshark field, the flows
 * it applies to and how to print ours like tshark does; per frame, tshark's list and ours must be
 * equal, else a line describing the difference is returned.
 */
public final class TsharkFlows {
    private TsharkFlows() {
    }

    public record Column(String field, Predicate<ExportedFlow> applies, Function<ExportedFlow, String> value) {
        public static Column of(String field, Function<ExportedFlow, String> value) {
            return new Column(field, f -> true, value);
        }
    }

    /** The capture's tshark options as the oracle recorded them (they decode its non-standard ports). */
    public static List<String> options(Path capture) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : Corpus.sharedOracle(capture).path("tshark_options")) out.add(n.asText());
        return out;
    }

    /** tshark's values: frame number to one list per column. */
    public static Map<Integer, List<List<String>>> values(Path capture, List<Column> columns) {
        String[] fields = new String[columns.size() + 1];
        fields[0] = "frame.number";
        for (int i = 0; i < columns.size(); i++) fields[i + 1] = columns.get(i).field();
        Map<Integer, List<List<String>>> out = new LinkedHashMap<>();
        for (List<String> row : Tshark.fields(capture, options(capture), "a", fields)) {
            List<List<String>> cells = new ArrayList<>();
            for (int i = 1; i < row.size(); i++) {
                cells.add(row.get(i).isEmpty() ? List.of() : split(row.get(i)));
            }
            out.put(Integer.parseInt(row.get(0)), cells);
        }
        return out;
    }

    /** Differences between tshark's values and ours, one line each ("frame N field: tshark [..] ours [..]"). */
    public static List<String> differences(Path capture, ExportDatagrams.Collected ours, List<Column> columns) {
        Map<Integer, List<List<String>>> theirs = values(capture, columns);
        List<String> diffs = new ArrayList<>();
        for (var e : theirs.entrySet()) {
            int frame = e.getKey();
            List<ExportedFlow> flows = new ArrayList<>();
            for (int i = 0; i < ours.flows.size(); i++) {
                if (ours.flowFrames.get(i) == frame) flows.add(ours.flows.get(i));
            }
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                List<String> t = e.getValue().get(c);
                if (t.isEmpty()) continue;
                List<String> o = new ArrayList<>();
                for (ExportedFlow f : flows) {
                    if (!col.applies().test(f)) continue;
                    String v = col.value().apply(f);
                    // A multi-valued field (an MPLS label stack) is one tshark occurrence per value.
                    if (!v.isEmpty()) o.addAll(split(v));
                }
                if (!same(t, o)) diffs.add("frame " + frame + " " + col.field() + ": tshark " + t + " ours " + o);
            }
        }
        return diffs;
    }

    /** Splits tshark's occurrences, but not at the comma inside an absolute time ("Oct  5, 2009 ..."). */
    private static List<String> split(String cell) {
        return List.of(cell.split(",(?! \\d{4} )"));
    }

    private static boolean same(List<String> t, List<String> o) {
        if (t.size() != o.size()) return false;
        for (int i = 0; i < t.size(); i++) {
            String a = t.get(i), b = o.get(i);
            if (a.equals(b) || sameNumber(a, b)) continue;
            // NTP fractions: tshark and we may round the last digits of a microsecond stamp differently.
            if (a.endsWith("UTC") && b.endsWith("UTC") && Math.abs(absTime(a) - absTime(b)) < 1_000) continue;
            return false;
        }
        return true;
    }

    /** "0x18" and "24", "116800.990000000" and "116800.99" are the same values. */
    private static boolean sameNumber(String a, String b) {
        try {
            return number(a).compareTo(number(b)) == 0;
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    private static BigDecimal number(String s) {
        if (s.startsWith("0x")) return new BigDecimal(new java.math.BigInteger(s.substring(2), 16));
        return new BigDecimal(s);
    }

    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec");

    /** tshark's absolute time ("Oct  5, 2009 06:06:07.492059999 UTC") as epoch nanoseconds. */
    public static long absTime(String s) {
        String[] p = s.trim().split("\\s+");
        int month = MONTHS.indexOf(p[0]) + 1;
        int day = Integer.parseInt(p[1].replace(",", ""));
        int year = Integer.parseInt(p[2]);
        String[] hms = p[3].split("[:.]");
        long secs = LocalDateTime.of(year, month, day, Integer.parseInt(hms[0]), Integer.parseInt(hms[1]),
                Integer.parseInt(hms[2])).toEpochSecond(ZoneOffset.UTC);
        String frac = hms.length > 3 ? (hms[3] + "000000000").substring(0, 9) : "0";
        return secs * 1_000_000_000L + Long.parseLong(frac);
    }

    /** Our epoch nanoseconds printed as tshark prints absolute times, for the lists above. */
    public static String absTimeText(long nanos) {
        var t = LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %2d, %d %02d:%02d:%02d.%09d UTC", MONTHS.get(t.getMonthValue() - 1),
                t.getDayOfMonth(), t.getYear(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
    }
}
