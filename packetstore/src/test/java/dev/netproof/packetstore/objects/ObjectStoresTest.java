package dev.netproof.packetstore.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.packetstore.objects.ObjectStores.Bucket;
import dev.netproof.packetstore.objects.ObjectStores.Directory;
import dev.netproof.packetstore.objects.internal.MultipartPut;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --packet-store} spec and the S3 settings: parsing and refusals, no server needed. */
class ObjectStoresTest {
    static final long MiB = 1024 * 1024;
    @TempDir Path tmp;

    @Test
    void s3SpecsNameABucketAndAPrefix() {
        assertEquals(new Bucket("b", ""), ObjectStores.parse("s3://b"));
        assertEquals(new Bucket("b", ""), ObjectStores.parse("s3://b/"));
        assertEquals(new Bucket("my.bucket", "netproof/packets"), ObjectStores.parse("s3://my.bucket/netproof/packets/"));
    }

    @Test
    void anythingElseWithoutASchemeIsADirectory() {
        assertEquals(new Directory(Path.of("packets")), ObjectStores.parse("packets"));
        assertEquals(new Directory(Path.of("/var/lib/netproof/packets")), ObjectStores.parse("/var/lib/netproof/packets"));
        assertEquals(new Directory(Path.of("/x/y")), ObjectStores.parse("file:///x/y"));
        assertEquals(new Directory(Path.of("rel")), ObjectStores.parse("file:rel"));
        assertEquals(new Directory(Path.of("C:x")), ObjectStores.parse("C:x"), "a colon alone is no scheme");
    }

    @Test
    void unknownSchemesAndEmptySpecsAreRefused() {
        for (String bad : new String[] {"", "  ", "s3://", "s3:///prefix", "gs://bucket/p", "http://host/bucket"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectStores.parse(bad), bad);
            assertTrue(e.getMessage().contains("bucket") || e.getMessage().contains("empty") || e.getMessage().contains("only s3://"), e.getMessage());
        }
    }

    @Test
    void openGivesADirectoryStoreOrAnS3StoreWithoutTouchingTheNetwork() throws Exception {
        try (ObjectStore local = ObjectStores.open(tmp.resolve("objs").toString(), S3Settings.DEFAULT)) {
            assertInstanceOf(LocalObjectStore.class, local);
            assertEquals("directory " + tmp.resolve("objs"), local.describe());
        }
        S3Settings s = S3Settings.DEFAULT.withEndpoint(URI.create("http://127.0.0.1:9")).withCredentials("a", "b");
        try (ObjectStore s3 = ObjectStores.open("s3://bucket/pre/fix", s)) {
            assertInstanceOf(S3ObjectStore.class, s3);
            assertEquals("s3://bucket/pre/fix/ at http://127.0.0.1:9", s3.describe());
        }
    }

    @Test
    void badBucketsAndPrefixesAreRefusedByName() {
        S3Settings s = S3Settings.DEFAULT.withEndpoint(URI.create("http://127.0.0.1:9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ObjectStores.open("s3://a b/p", s)).getMessage().contains("bucket"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ObjectStores.open("s3://bk/../p", s)).getMessage().contains("prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ObjectStores.open("s3://bk/a//b", s)).getMessage().contains("prefix"));
    }

    @Test
    void settingsDefaultsAndRefusals() {
        S3Settings d = S3Settings.DEFAULT;
        assertEquals(16 * MiB, d.partSize());
        assertEquals(16 * MiB, d.multipartThreshold());
        assertEquals(1000, d.listPageSize());
        assertEquals(false, d.pathStyle());
        assertEquals(true, d.withEndpoint(URI.create("http://h:1")).pathStyle(), "S3-compatible servers: path style");
        assertEquals(false, d.withEndpoint(URI.create("http://h:1")).withPathStyle(false).pathStyle());
        assertThrows(IllegalArgumentException.class, () -> d.withMultipart(16 * MiB, 4 * MiB), "parts under 5 MiB");
        assertThrows(IllegalArgumentException.class, () -> d.withMultipart(6L * 1024 * MiB, 16 * MiB), "single PUT over 5 GiB");
        assertThrows(IllegalArgumentException.class, () -> d.withListPageSize(1001));
        assertThrows(IllegalArgumentException.class, () -> d.withCredentials("key", null));
        assertThrows(IllegalArgumentException.class, () -> d.withEndpoint(URI.create("ftp://h/")));
        assertThrows(IllegalArgumentException.class, () -> d.withEndpoint(URI.create("localhost:9000")));
        assertTrue(!d.withCredentials("AKIA", "s3cr3t").toString().contains("s3cr3t"), "the secret is never printed");
    }

    @Test
    void partsGrowSoThatNoUploadNeedsMoreThanTenThousand() {
        assertEquals(16 * MiB, MultipartPut.partSize(64 * MiB, 16 * MiB));
        long huge = 1024L * 1024 * MiB; // 1 TiB
        long part = MultipartPut.partSize(huge, 16 * MiB);
        assertTrue(part > 16 * MiB && (huge + part - 1) / part <= MultipartPut.MAX_PARTS, "part " + part);
    }
}
