package dev.netproof.flow.internal;

/**
 * Intrusive doubly-linked lists of slots, one per timeout class, in order of last activity (the
 * head is the least recently active). Moving a slot to the tail on each packet keeps every list
 * sorted by last activity, so expiry only ever looks at heads. Links live in {@link FlowColumns}.
 */
public final class SlotLists {
    private final FlowColumns c;
    private final int[] head = {-1, -1, -1, -1};
    private final int[] tail = {-1, -1, -1, -1};
    private final int[] size = new int[4];

    public SlotLists(FlowColumns c) {
        this.c = c;
    }

    public int tail(int list) {
        return tail[list];
    }

    public int head(int list) {
        return head[list];
    }

    public int size(int list) {
        return size[list];
    }

    /** Puts {@code s} at the tail of {@code list}, unlinking it from wherever it was. */
    public void touch(int s, int list) {
        long w = c.state(s);
        int cur = State.list(w);
        if (cur == list && tail[list] == s) return;
        if (cur != State.LIST_NONE) unlink(s, cur);
        int t = tail[list];
        c.set(s, FlowColumns.LINKS, ((long) t << 32) | 0xffff_ffffL);
        if (t >= 0) c.next(t, s); else head[list] = s;
        tail[list] = s;
        size[list]++;
        c.state(s, State.setList(w, list));
    }

    public void remove(int s) {
        int cur = State.list(c.state(s));
        if (cur != State.LIST_NONE) unlink(s, cur);
        c.state(s, State.setList(c.state(s), State.LIST_NONE));
    }

    private void unlink(int s, int list) {
        int p = c.prev(s), n = c.next(s);
        if (p >= 0) c.next(p, n); else head[list] = n;
        if (n >= 0) c.prev(n, p); else tail[list] = p;
        size[list]--;
    }
}
