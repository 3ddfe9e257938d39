package dev.netproof.packetstore.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.packetstore.objects.ObjectStore.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What only the S3 store has to get right: keys under the prefix, failures as one-line messages, aborted uploads. */
class S3ObjectStoreTest {
    static final int MiB = 1024 * 1024;
    static S3ProxyServer server;
    static int buckets;
    @TempDir Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    static String newBucket() {
        String bucket = "s3test-" + ++buckets;
        server.createBucket(bucket);
        return bucket;
    }

    Path file(int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(Files.createTempFile(tmp, "src", ".bin"), b);
    }

    /** Keys as the server holds them, read past our client. */
    static List<String> serverKeys(String bucket) {
        return server.blobStore().list(bucket, ListContainerOptions.Builder.recursive()).stream()
                .map(StorageMetadata::getName).sorted().toList();
    }

    /** Our own client, to see what multipart uploads the server still holds. */
    static S3Client rawClient() {
        return S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build();
    }

    static void assertOneLine(IOException e, String... parts) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.length() < 400, m);
        for (String p : parts) assertTrue(m.contains(p), "'" + p + "' in: " + m);
    }

    @Test
    void objectsAreKeysUnderThePrefixAndPrefixesDoNotSeeEachOther() throws IOException {
        String bucket = newBucket();
        try (ObjectStore a = S3ObjectStore.open(bucket, "/site-a/packets/", server.settings());
             ObjectStore b = S3ObjectStore.open(bucket, "site-b", server.settings());
             ObjectStore root = S3ObjectStore.open(bucket, "", server.settings())) {
            a.put("seg/1", file(10, 1));
            b.put("seg/1", file(20, 2));
            assertEquals(List.of("site-a/packets/seg/1", "site-b/seg/1"), serverKeys(bucket));
            assertEquals(List.of(new ObjectInfo("seg/1", 10)), a.list(""));
            assertEquals(List.of(new ObjectInfo("seg/1", 20)), b.list("seg/"));
            assertEquals(List.of("site-a/packets/seg/1", "site-b/seg/1"), root.list("").stream().map(ObjectInfo::name).toList());
            assertEquals("s3://" + bucket + "/site-a/packets/ at " + server.endpoint(), a.describe());
        }
    }

    @Test
    void keysThatAreNotObjectNamesAreLeftOutOfListings() throws IOException {
        String bucket = newBucket();
        server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("p/dir/").payload(new byte[0]).build());
        server.blobStore().putBlob(bucket, server.blobStore().blobBuilder("p/odd name").payload(new byte[1]).build());
        try (ObjectStore s = S3ObjectStore.open(bucket, "p", server.settings())) {
            s.put("ok", file(3, 3));
            assertEquals(List.of(new ObjectInfo("ok", 3)), s.list(""));
        }
    }

    @Test
    void wrongCredentialsGiveAOneLineErrorWithTheS3Code() throws IOException {
        String bucket = newBucket();
        S3Settings wrong = server.settings().withCredentials(S3ProxyServer.ACCESS_KEY, "not-the-secret");
        try (ObjectStore s = S3ObjectStore.open(bucket, "p", wrong)) {
            IOException put = assertThrows(IOException.class, () -> s.put("x", file(10, 4)));
            assertOneLine(put, "PUT s3://" + bucket + "/p/x", "SignatureDoesNotMatch", "403");
            IOException list = assertThrows(IOException.class, () -> s.list(""));
            assertOneLine(list, "LIST s3://" + bucket + "/p/", "SignatureDoesNotMatch");
        }
        S3Settings unknown = server.settings().withCredentials("nobody", "secret");
        try (ObjectStore s = S3ObjectStore.open(bucket, "p", unknown)) {
            IOException get = assertThrows(IOException.class, () -> s.get("x"));
            assertFalse(get instanceof NoSuchFileException);
            assertOneLine(get, "GET s3://" + bucket + "/p/x", "InvalidAccessKeyId", "403");
        }
        assertEquals(List.of(), serverKeys(bucket));
    }

    @Test
    void anUnreachableEndpointGivesAOneLineError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        try (ObjectStore s = S3ObjectStore.open("bucket", "p", server.settings().withEndpoint(nowhere))) {
            IOException e = assertThrows(IOException.class, () -> s.get("x"));
            assertOneLine(e, "GET s3://bucket/p/x", "cannot reach " + nowhere, "Connection refused");
            IOException put = assertThrows(IOException.class, () -> s.put("x", file(10, 5)));
            assertOneLine(put, "PUT s3://bucket/p/x", "cannot reach");
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAnEmptyStore() throws IOException {
        try (ObjectStore s = S3ObjectStore.open("no-such-bucket", "", server.settings())) {
            assertOneLine(assertThrows(IOException.class, () -> s.list("")), "NoSuchBucket", "404");
            IOException get = assertThrows(IOException.class, () -> s.get("x"));
            assertFalse(get instanceof NoSuchFileException, "a missing bucket is not a missing object: " + get);
            assertOneLine(assertThrows(IOException.class, () -> s.delete("x")), "DELETE s3://no-such-bucket/x", "NoSuchBucket");
        }
    }

    @Test
    void checkAsksTheBucketSoWrongSettingsShowAtOnce() throws IOException {
        String bucket = newBucket();
        try (S3ObjectStore good = S3ObjectStore.open(bucket, "p", server.settings())) {
            good.check();
        }
        try (S3ObjectStore missing = S3ObjectStore.open("not-" + bucket, "p", server.settings())) {
            assertOneLine(assertThrows(IOException.class, missing::check), "LIST s3://not-" + bucket + "/p/", "NoSuchBucket");
        }
        try (S3ObjectStore wrong = S3ObjectStore.open(bucket, "p", server.settings().withCredentials("nobody", "x"))) {
            assertOneLine(assertThrows(IOException.class, wrong::check), "InvalidAccessKeyId");
        }
    }

    @Test
    void aMissingObjectIsNoSuchFileWithTheKeyInItsReason() throws IOException {
        String bucket = newBucket();
        try (ObjectStore s = S3ObjectStore.open(bucket, "p", server.settings())) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> s.get("gone"));
            assertEquals("gone", e.getFile());
            assertTrue(e.getReason().contains("s3://" + bucket + "/p/gone") && e.getReason().contains("NoSuchKey"), e.getReason());
        }
    }

    @Test
    void anInterruptedMultipartUploadLeavesNoObjectAndNoParts() throws Exception {
        String bucket = newBucket();
        Path big = file(60 * MiB, 6); // 12 parts of 5 MiB: the interrupt comes long before the last
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ObjectStore s = S3ObjectStore.open(bucket, "p", server.settings().withMultipart(5 * MiB, 5 * MiB));
             S3Client raw = rawClient()) {
            Thread putter = Thread.ofPlatform().start(() -> {
                try {
                    s.put("seg/big", big);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            // interrupt once the server holds a part of the upload
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (putter.isAlive() && System.nanoTime() < deadline) {
                var uploads = raw.listMultipartUploads(b -> b.bucket(bucket)).uploads();
                if (!uploads.isEmpty()
                        && !raw.listParts(b -> b.bucket(bucket).key(uploads.getFirst().key()).uploadId(uploads.getFirst().uploadId())).parts().isEmpty()) {
                    putter.interrupt();
                    break;
                }
                Thread.sleep(2);
            }
            putter.join(30_000);
            assertFalse(putter.isAlive());
            assertInstanceOf(InterruptedIOException.class, failure.get(), "the put was interrupted: " + failure.get());
            assertOneLine((IOException) failure.get(), "PUT s3://" + bucket + "/p/seg/big", "interrupted");
            assertThrows(NoSuchFileException.class, () -> s.get("seg/big"));
            assertEquals(List.of(), s.list(""));
            assertEquals(List.of(), raw.listMultipartUploads(b -> b.bucket(bucket)).uploads(), "the upload was aborted");
            assertEquals(List.of(), serverKeys(bucket), "no parts left on the server");
        }
    }

    @Test
    void aFinishedMultipartUploadLeavesOnlyTheObject() throws Exception {
        String bucket = newBucket();
        Path big = file(12 * MiB, 7);
        try (ObjectStore s = S3ObjectStore.open(bucket, "p", server.settings().withMultipart(5 * MiB, 5 * MiB));
             S3Client raw = rawClient()) {
            s.put("ok", big);
            String etag = raw.headObject(b -> b.bucket(bucket).key("p/ok")).eTag();
            assertTrue(etag.endsWith("-3\""), "a multipart ETag of 3 parts: " + etag);
            assertEquals(List.of(), raw.listMultipartUploads(b -> b.bucket(bucket)).uploads(), "no upload left open");
            assertEquals(List.of("p/ok"), serverKeys(bucket), "no stray part objects");
            try (InputStream in = s.get("ok")) {
                assertArrayEquals(Files.readAllBytes(big), in.readAllBytes());
            }
        }
    }
}
