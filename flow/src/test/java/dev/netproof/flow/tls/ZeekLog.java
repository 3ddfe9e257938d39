package dev.netproof.flow.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Zeek ASCII log (tab-separated, {@code #fields} header): one map per row, {@code -} as null. */
final class ZeekLog {
    private ZeekLog() {}

    static List<Map<String, String>> read(Path log) throws Exception {
        List<String> fields = List.of();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("#fields\t")) fields = Arrays.asList(line.substring(8).split("\t"));
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] v = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size() && i < v.length; i++) row.put(fields.get(i), v[i].equals("-") ? null : v[i]);
            rows.add(row);
        }
        return rows;
    }

    /** A vector column as a list: {@code (empty)} and unset are empty. */
    static List<String> vector(String v) {
        if (v == null || v.equals("(empty)")) return List.of();
        return Arrays.asList(v.split(","));
    }
}
