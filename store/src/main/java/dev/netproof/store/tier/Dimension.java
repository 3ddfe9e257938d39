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
 *
 * <p>A class rather than a record so that it can keep its fields resolved to their {@link #FIELDS} positions:
 * the store writer makes a key for every flow and dimension, and the key method that looked each field's name
 * up (a string switch and a list search, for every field of every flow) was the largest single method the JIT
 * compiled in an ingest (0.58-0.75 s of C2 time, 60-64 kB of code, in JFR recordings of the TLS mix), at a time
 * when the packet loop waited in the same compiler's queue.
 */
public final class Dimension {
    public static final String SEPARATOR = "|";
    /** The flow fields a dimension may use (conn.log names). */
    public static final List<String> FIELDS =
            List.of("id.orig_h", "id.resp_h", "id.orig_p", "id.resp_p", "proto", "ip_proto", "vlan");
    // positions in FIELDS
    private static final int ORIG_H = 0, RESP_H = 1, ORIG_P = 2, RESP_P = 3, PROTO = 4, IP_PROTO = 5, VLAN = 6;
    public static final int MAX_BUDGET = 1_000_000;
    /** The default set: {@code src=id.orig_h:5000,dst=id.resp_h:5000,service=id.resp_h+id.resp_p:5000,proto=proto:64}. */
    public static final String DEFAULT_SPEC = "src=id.orig_h:5000,dst=id.resp_h:5000,service=id.resp_h+id.resp_p:5000,proto=proto:64";
    /** The pseudo-dimension every window has: one row with the window's totals (key {@code ""}). */
    public static final String TOTAL = "total";

    private final String name;
    private final List<String> fields;
    private final int budget;
    /** Each field's position in {@link #FIELDS}. */
    private final int[] codes;

    public Dimension(String name, List<String> fields, int budget) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException("rollup: dimension name '" + name + "' must be a-z, 0-9, _ (up to 32)");
        }
        if (name.equals(TOTAL)) throw new IllegalArgumentException("rollup: '" + TOTAL + "' is reserved");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) throw new IllegalArgumentException("rollup: dimension " + name + " has no field");
        int[] codes = new int[fields.size()];
        for (int i = 0; i < codes.length; i++) {
            String f = fields.get(i);
            codes[i] = FIELDS.indexOf(f);
            if (codes[i] < 0) {
                throw new IllegalArgumentException("rollup: unknown field '" + f + "' in " + name + "; known: "
                        + String.join(", ", FIELDS));
            }
        }
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("rollup: budget of " + name + " must be 1 to " + MAX_BUDGET + ", got " + budget);
        }
        this.name = name;
        this.fields = fields;
        this.budget = budget;
        this.codes = codes;
    }

    public String name() {
        return name;
    }

    public List<String> fields() {
        return fields;
    }

    public int budget() {
        return budget;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dimension d && d.name.equals(name) && d.fields.equals(fields) && d.budget == budget;
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + fields.hashCode()) * 31 + budget;
    }

    @Override
    public String toString() {
        return "Dimension[" + spec() + "]";
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
        int[] c = codes;
        if (c.length == 1) return value(f, c[0], values);
        StringBuilder b = new StringBuilder(48);
        for (int i = 0; i < c.length; i++) {
            if (i > 0) b.append(SEPARATOR);
            b.append(value(f, c[i], values));
        }
        return b.toString();
    }

    private static String value(Flow f, int code, String[] values) {
        String v = values[code];
        if (v == null) values[code] = v = value(f, code);
        return v;
    }

    // One call site each for an address's and a number's text, so the JIT inlines each formatting once.
    private static String value(Flow f, int code) {
        if (code == ORIG_H || code == RESP_H) return (code == ORIG_H ? f.origH() : f.respH()).toString();
        if (code == PROTO) return f.proto().zeekName();
        int n = switch (code) {
            case ORIG_P -> f.origP();
            case RESP_P -> f.respP();
            case IP_PROTO -> f.ipProto();
            case VLAN -> f.vlan();
            default -> throw new IllegalStateException("no field at " + code);
        };
        return code == VLAN && n < 0 ? "" : Integer.toString(n);
    }

    /** As {@link #parseList} reads it. */
    public String spec() {
        return name + "=" + String.join("+", fields) + ":" + budget;
    }
}
