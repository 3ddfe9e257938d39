package dev.netproof.store.internal;

import java.util.function.Function;

/**
 * The text of the last value formatted, reused while the same value comes again: an exporter's records
 * arrive in runs, and an exporter sends the same unmapped fields record after record, so the writer
 * formatted the same JSON once per row (about a third of the collector's writer thread, JFR). The pair is
 * immutable and replaced whole, so threads sharing a memo at worst format again.
 */
public final class LastText<K> {
    private record Pair<K>(K key, String text) {}

    private final Function<K, String> format;
    private Pair<K> last;

    public LastText(Function<K, String> format) {
        this.format = format;
    }

    public String text(K key) {
        Pair<K> p = last;
        if (p != null && p.key().equals(key)) return p.text();
        String t = format.apply(key);
        last = new Pair<>(key, t);
        return t;
    }
}
