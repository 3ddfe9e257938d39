package dev.netproof.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.packetstore.objects.LocalObjectStore;
import dev.netproof.packetstore.objects.ObjectStore;
import dev.netproof.packetstore.objects.S3Settings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Every --s3-* option's name and default, and the errors a wrong combination gives. */
class S3OptionsTest {
    @TempDir Path tmp;

    @Command(name = "t")
    static final class Holder {
        @Mixin S3Options s3;
    }

    static S3Options parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.s3;
    }

    @Test
    void defaultsAreAwsWithTheSdksChains() {
        S3Settings s = parse().settings();
        assertNull(s.endpoint());
        assertNull(s.region());
        assertNull(s.accessKey());
        assertEquals(false, s.pathStyle());
    }

    @Test
    void everyOptionReachesTheSettings() {
        S3Settings s = parse("--s3-endpoint", "http://127.0.0.1:9000", "--s3-region", "eu-west-3",
                "--s3-access-key", "AK", "--s3-secret-key", "SK").settings();
        assertEquals(URI.create("http://127.0.0.1:9000"), s.endpoint());
        assertEquals("eu-west-3", s.region());
        assertEquals("AK", s.accessKey());
        assertEquals("SK", s.secretKey());
        assertEquals(true, s.pathStyle(), "path style by default with an endpoint");
        assertEquals(false, parse("--s3-endpoint", "http://h:1", "--s3-path-style", "false").settings().pathStyle());
        assertEquals(true, parse("--s3-path-style", "true").settings().pathStyle());
    }

    @Test
    void openTakesADirectory() throws Exception {
        try (ObjectStore local = parse().open(tmp.resolve("p").toString())) {
            assertInstanceOf(LocalObjectStore.class, local);
        }
    }

    @Test
    void aBucketThatCannotBeReachedFailsAtOpenWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String endpoint = "http://127.0.0.1:" + port;
        UserError e = assertThrows(UserError.class, () -> parse("--s3-endpoint", endpoint, "--s3-access-key", "a", "--s3-secret-key", "b")
                .open("s3://bucket/netproof"));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot open packet store s3://bucket/netproof: LIST s3://bucket/netproof/: cannot reach " + endpoint),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void mistakesAreUsageErrorsWithOneLine() {
        UserError half = assertThrows(UserError.class, () -> parse("--s3-access-key", "a").settings());
        assertEquals(2, half.exitCode());
        assertTrue(half.getMessage().contains("secret key"), half.getMessage());
        UserError s3ForDir = assertThrows(UserError.class, () -> parse("--s3-endpoint", "http://h:1").open(tmp.toString()));
        assertTrue(s3ForDir.getMessage().contains("s3://"), s3ForDir.getMessage());
        UserError scheme = assertThrows(UserError.class, () -> parse().open("gs://bucket/x"));
        assertTrue(scheme.getMessage().contains("only s3://"), scheme.getMessage());
        UserError endpoint = assertThrows(UserError.class, () -> parse("--s3-endpoint", "localhost:9000").settings());
        assertTrue(endpoint.getMessage().contains("http://"), endpoint.getMessage());
    }
}
