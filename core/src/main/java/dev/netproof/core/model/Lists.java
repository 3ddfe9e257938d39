package dev.netproof.core.model;

import java.util.List;

/** The defensive copy of the transaction records' lists. */
final class Lists {
    private static final Class<?> LIST12 = List.of(1).getClass(), LIST_N = List.of(1, 2, 3).getClass();

    private Lists() {}

    /**
     * {@code list} itself when it is one of the JDK's unmodifiable lists without nulls, as the analyzers hand over,
     * else {@link List#copyOf}. Why not {@code List.copyOf} alone, which returns such a list as it is: its branches'
     * profile is the whole program's, where most lists copied are {@code ArrayList}s, so C2 compiled the full copy
     * into every record constructor that calls it, once per list (TlsEvent's seven made it a 63 kB compile; JFR).
     * This method's profile is the records' own. ({@code List.of} never holds a null; {@code Stream.toList()} makes
     * the same class and may.)
     */
    static <T> List<T> frozen(List<T> list) {
        Class<?> c = list.getClass();
        if (c == LIST12) return list;
        if (c == LIST_N) {
            boolean nulls = false;
            for (int i = 0; i < list.size(); i++) nulls |= list.get(i) == null;
            if (!nulls) return list;
        }
        return List.copyOf(list);
    }
}
