package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.packetstore.PacketStore;
import dev.netproof.packetstore.PacketStoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PacketStoreOptionsTest {
    @TempDir Path dir;

    private static PacketStoreOptions parse(String... args) {
        PacketStoreOptions o = new PacketStoreOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void defaultsAreOnWithTwentyGibibytesAndSixtyFourMebibyteOneMinuteSegments() throws Exception {
        PacketStoreOptions o = parse();
        assertTrue(o.enabled());
        try (PacketStore s = o.open(dir)) {
            PacketStoreConfig c = s.config();
            assertEquals(20L << 30, c.budgetBytes());
            assertEquals(64L << 20, c.segmentBytes());
            assertEquals(60_000_000_000L, c.segmentNanos());
            assertTrue(c.snap().keepsAll());
            assertEquals(dir.resolve("packets").resolve("segments"), c.spoolDir());
        }
    }

    @Test
    void everyOptionByName() throws Exception {
        assertFalse(parse("--no-packets").enabled());
        assertFalse(parse("--packets", "off").enabled());
        try (PacketStore s = parse("--packet-budget", "2GB", "--segment-size", "1MiB", "--segment-time", "500ms",
                "--packet-snap", "tcp=headers").open(dir)) {
            assertEquals(2_000_000_000L, s.config().budgetBytes());
            assertEquals(1L << 20, s.config().segmentBytes());
            assertEquals(500_000_000L, s.config().segmentNanos());
            assertFalse(s.config().snap().keepsAll());
        }
    }

    @Test
    void packetStoreElsewhere() throws Exception {
        Path other = dir.resolve("elsewhere");
        try (PacketStore s = parse("--packet-store", other.toString()).open(dir)) {
            assertEquals(other.resolve("segments"), s.config().spoolDir());
            assertTrue(s.objects().describe().contains("elsewhere"), s.objects().describe());
        }
        UserError e = assertThrows(UserError.class,
                () -> parse("--packet-store", other.toString(), "--s3-endpoint", "http://127.0.0.1:9").open(dir));
        assertTrue(e.getMessage().contains("apply to an s3://BUCKET/PREFIX packet store"), e.getMessage());
    }

    @Test
    void sizesAndDurations() {
        assertEquals(20_000_000_000L, PacketStoreOptions.bytes("20GB", "x"));
        assertEquals(20L << 30, PacketStoreOptions.bytes("20GiB", "x"));
        assertEquals(1536, PacketStoreOptions.bytes("1.5KiB", "x"));
        assertEquals(1000, PacketStoreOptions.bytes("1000", "x"));
        assertEquals(300_000_000_000L, PacketStoreOptions.nanos("5m", "x"));
        assertEquals(30_000_000_000L, PacketStoreOptions.nanos("30", "x"));
        assertEquals("--packet-budget 'lots' is not a size (e.g. 20GB, 64MiB, 1000000)",
                assertThrows(IllegalArgumentException.class, () -> PacketStoreOptions.bytes("lots", "--packet-budget")).getMessage());
    }

    @Test
    void badValuesAreUserErrors() {
        UserError e = assertThrows(UserError.class, () -> parse("--packet-budget", "1MB").open(dir));
        assertTrue(e.getMessage().contains("smaller than one segment"), e.getMessage());
        e = assertThrows(UserError.class, () -> parse("--packet-snap", "tcp/x=full").open(dir));
        assertTrue(e.getMessage().contains("port must be 0 to 65535"), e.getMessage());
        assertEquals(2, assertThrows(UserError.class, () -> parse("--packets", "maybe").enabled()).exitCode());
    }
}
