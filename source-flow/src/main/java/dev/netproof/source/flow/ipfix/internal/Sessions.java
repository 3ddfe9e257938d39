package dev.netproof.source.flow.ipfix.internal;

import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ipfix.IpfixConfig;
import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Every session of one decoder, within the bounds of its {@link IpfixConfig}: the number of sessions,
 * of templates over all sessions, and of bytes held over all sessions. The held sets of all sessions
 * also sit in one queue in arrival order, so expiry looks at the oldest only.
 */
final class Sessions {
    private record Key(IpAddress exporter, int port, long domain) {
    }

    private final IpfixConfig config;
    private final HashMap<Key, Session> sessions = new HashMap<>();
    final ArrayDeque<Held> heldQueue = new ArrayDeque<>();
    long heldBytes;
    int templates;
    private Session last;

    Sessions(IpfixConfig config) {
        this.config = config;
    }

    /** The session, created if new; null when it is new and the decoder keeps the most sessions allowed. */
    Session get(IpAddress exporter, int port, long domain) {
        // Consecutive datagrams mostly come from the same exporter: skip the map (and the key allocation).
        if (last != null && last.matches(exporter, port, domain)) return last;
        Key k = new Key(exporter, port, domain);
        Session s = sessions.get(k);
        if (s == null) {
            if (sessions.size() >= config.maxSessions()) return null;
            s = new Session(exporter, port, domain, config.maxSamplersPerSession());
            sessions.put(k, s);
        }
        last = s;
        return s;
    }

    /** Templates kept for {@code exporter}'s {@code domain}, over its source ports. */
    int templates(IpAddress exporter, long domain) {
        int n = 0;
        for (Session s : sessions.values()) {
            if (s.domain == domain && s.exporter.equals(exporter)) n += s.templates.size();
        }
        return n;
    }

    int sessionCount() {
        return sessions.size();
    }
}
