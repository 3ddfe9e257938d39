package dev.netproof.flow.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.testkit.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The corpus's connections give the same events whatever the size of the pieces the reassembler hands over. */
class TlsAnalyzerPropertiesTest {
    private static final List<TcpStreams.Conn> CONNS = load();

    private static List<TcpStreams.Conn> load() {
        List<TcpStreams.Conn> out = new ArrayList<>();
        try {
            for (Corpus.Capture c : Corpus.bundled()) {
                if (!c.oracle().path("tls_client_hellos").isEmpty()) out.addAll(TcpStreams.read(c.path()));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<TlsEvent> run(TcpStreams.Conn conn, java.util.function.IntSupplier size) {
        List<TlsEvent> out = new ArrayList<>();
        TlsAnalyzers tls = new TlsAnalyzers("p", QualitySink.DISCARD, out::add);
        conn.replay(tls.open(conn.id(), 0), size);
        return out;
    }

    @Test
    void oneByteAtATimeGivesTheSameEvents() {
        int events = 0;
        for (TcpStreams.Conn conn : CONNS) {
            List<TlsEvent> whole = run(conn, () -> Integer.MAX_VALUE);
            assertEquals(whole, run(conn, () -> 1), conn.id().toString());
            events += whole.size();
        }
        assertEquals(9, events, "TLS connections in the corpus, as Zeek and suricata-verify log them");
    }

    @Property(tries = 100)
    void randomPiecesGiveTheSameEvents(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                       @ForAll @IntRange(min = 1, max = 2000) int maxPiece) {
        Random rnd = new Random(seed);
        TcpStreams.Conn conn = CONNS.get(rnd.nextInt(CONNS.size()));
        List<TlsEvent> whole = run(conn, () -> Integer.MAX_VALUE);
        assertEquals(whole, run(conn, () -> 1 + rnd.nextInt(maxPiece)));
        assertTrue(whole.size() <= 1);
    }
}
