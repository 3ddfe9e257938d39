package dev.netproof.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsEventTest {
    static TlsEvent event(boolean established, long handshakeNanos, List<String> fps, List<TlsEvent.Alert> alerts) {
        IpAddress a = IpAddress.parse("10.0.0.1");
        return new TlsEvent(1, "C1", a, 1234, a, 443, "TLSv13", null, null, null, false, null, null, established, "Cs",
                fps, "TLSv12", List.of(), List.of(), List.of(), List.of(), false, null, null, null, null, null, handshakeNanos,
                null, null, null, null, List.of(), alerts, true, null, "src");
    }

    @Test
    void listsAreCopied() {
        List<String> fps = new ArrayList<>(List.of("ab"));
        TlsEvent e = event(false, -1, fps, List.of());
        fps.add("cd");
        assertEquals(List.of("ab"), e.certChainFps());
        assertThrows(UnsupportedOperationException.class, () -> e.certChainFps().add("x"));
    }

    @Test
    void unmodifiableListsAreKeptAndNullsRefused() {
        List<String> one = List.of("ab"), three = List.of("ab", "cd", "ef");
        assertSame(one, event(false, -1, one, List.of()).certChainFps(), "List.of's lists are kept as they are");
        assertSame(three, event(false, -1, three, List.of()).certChainFps());
        List<String> nullsAllowed = java.util.stream.Stream.of("ab", null, "cd").toList(); // the same class as List.of's
        assertThrows(NullPointerException.class, () -> event(false, -1, nullsAllowed, List.of()));
        List<String> noNulls = java.util.stream.Stream.of("ab", "cd", "ef").toList();
        assertEquals(noNulls, event(false, -1, noNulls, List.of()).certChainFps());
    }

    @Test
    void inconsistentRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> event(true, -1, List.of(), List.of()), "established without a duration");
        assertThrows(IllegalArgumentException.class, () -> event(false, 5, List.of(), List.of()), "a duration but not established");
        var alert = new TlsEvent.Alert(true, false, "fatal", "handshake_failure");
        assertThrows(IllegalArgumentException.class,
                () -> event(false, -1, List.of(), Collections.nCopies(TlsEvent.MAX_ALERTS + 1, alert)));
        assertThrows(IllegalArgumentException.class, () -> new TlsEvent.Alert(true, true, "fatal", null));
        assertThrows(IllegalArgumentException.class, () -> new TlsEvent.Alert(true, false, null, null));
        assertThrows(NullPointerException.class, () -> event(false, -1, null, List.of()));
        assertEquals(5, event(true, 5, List.of(), List.of(alert)).handshakeNanos());
    }
}
