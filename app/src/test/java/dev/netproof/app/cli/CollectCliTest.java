package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.app.Main;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netproof collect}'s options as a user types them: the ring's size. */
class CollectCliTest {
    @TempDir Path dir;

    @Test
    void aRingOfTheSizeAskedCollectsAndABadSizeIsAUsageError() throws Exception {
        Cli.Result ok = Cli.run(dir, "collect", "--data", dir.resolve("data").toString(), "--udp", "0", "--tcp", "none",
                "--ring", "2MiB", "--duration", "1");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("collecting on udp 127.0.0.1:"), ok.out());

        Cli.Result small = Cli.run(dir, "collect", "--data", dir.resolve("data").toString(), "--ring", "64KiB", "--duration", "1");
        assertEquals(Main.USAGE, small.exit());
        assertTrue(small.err().contains("--ring must be between 1MiB and 64GiB, not 64KiB"), small.err());

        Cli.Result garbage = Cli.run(dir, "collect", "--data", dir.resolve("data").toString(), "--ring", "lots", "--duration", "1");
        assertEquals(Main.USAGE, garbage.exit());
        assertTrue(garbage.err().contains("--ring 'lots' is not a size"), garbage.err());
        assertTrue(!garbage.err().contains("Exception"), "no stack trace: " + garbage.err());
    }
}
