package dev.netproof.store.tier;

import dev.netproof.core.model.Flow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rollup dimension: a name, the flow fields whose values make its key, and a cardinality budget
 * (named keys per window, source and flush; the rest go to the window's "other" row).
 *
 * <p>A key of several fields is their text joined by {@value #SEPARATOR} ({@code 10.0.0.1|443}):
 * no address, port or protocol name contains it.
 */
public record Dimension(String name, List<String> fields, int budget) {
    public static final String SEPARATOR = "|";
    /** The flow fields a dimension may use (conn.log names). */
    public static final List<String> FIELDS =
            List.of("id.orig_h", "id.resp_h", "id.orig_p", "id.resp_p", "proto", "ip_proto", "vlan");
    public static final int MAX_BUDGET = 1_000_000;
    /** The default set: {@code src=id.orig_h:5000,dst=id.resp_h:5000,service=id.resp_h+id.resp_p:5000,proto=proto:64}. */
    public static final String DEFAULT_SPEC = "src=id.orig_h:5000,dst=id.resp_h:5000,service=id.resp_h+id.resp_p:5000,proto=proto:64";
    /** The pseudo-dimension every window has: one row with the window's totals (key {@code ""}). */
    public static final String TOTAL = "total";

    public Dimension {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException("rollup: dimension name '" + name + "' must be a-z, 0-9, _ (up to 32)");
        }
        if (name.equals(TOTAL)) throw new IllegalArgumentException("rollup: '" + TOTAL + "' is reserved");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) throw new IllegalArgumentException("rollup: dimension " + name + " has no field");
        for (String f : fields) {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("rollup: unknown field '" + f + "' in " + name + "; known: "
                        + String.join(", ", FIELDS));
            }
        }
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("rollup: budget of " + name + " must be 1 to " + MAX_BUDGET + ", got " + budget);
        }
    }

    /**
     * Parses {@code name=field[+field...]:budget[,...]}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<Dimension> parseList(String spec) {
        List<Dimension> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            int colon = p.lastIndexOf(':');
            if (eq < 1 || colon < eq) {
                throw new IllegalArgumentException("rollup: '" + p + "' is not name=field[+field]:budget");
            }
            int budget;
            try {
                budget = Integer.parseInt(p.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rollup: budget in '" + p + "' is not a number");
            }
            Dimension d = new Dimension(p.substring(0, eq).trim(),
                    List.of(p.substring(eq + 1, colon).trim().split("\\+", -1)), budget);
            if (!names.add(d.name())) throw new IllegalArgumentException("rollup: dimension " + d.name() + " given twice");
            out.add(d);
        }
        return List.copyOf(out);
    }

    public static List<Dimension> defaults() {
        return parseList(DEFAULT_SPEC);
    }

    /** This dimension's key of a flow. */
    public String key(Flow f) {
        return key(f, new String[FIELDS.size()]);
    }

    /**
     * This dimension's key of a flow, sharing field values with the other dimensions through {@code values}
     * (one slot per {@link #FIELDS} entry, null until made): the default dimensions use the responder's
     * address twice, and formatting addresses was most of what making keys cost.
     */
    public String key(Flow f, String[] values) {
        if (fields.size() == 1) return value(f, fields.get(0), values);
        StringBuilder b = new StringBuilder(48);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) b.append(SEPARATOR);
            b.append(value(f, fields.get(i), values));
        }
        return b.toString();
    }

    private static String value(Flow f, String field, String[] values) {
        int i = FIELDS.indexOf(field);
        String v = values[i];
        if (v == null) values[i] = v = value(f, field);
        return v;
    }

    private static String value(Flow f, String field) {
        return switch (field) {
            case "id.orig_h" -> f.origH().toString();
            case "id.resp_h" -> f.respH().toString();
            case "id.orig_p" -> Integer.toString(f.origP());
            case "id.resp_p" -> Integer.toString(f.respP());
            case "proto" -> f.proto().zeekName();
            case "ip_proto" -> Integer.toString(f.ipProto());
            case "vlan" -> f.vlan() < 0 ? "" : Integer.toString(f.vlan());
            default -> throw new IllegalStateException("unchecked field " + field);
        };
    }

    /** As {@link #parseList} reads it. */
    public String spec() {
        return name + "=" + String.join("+", fields) + ":" + budget;
    }
}
