package dev.netproof.packetstore.objects;

import dev.netproof.packetstore.objects.internal.MultipartPut;
import dev.netproof.packetstore.objects.internal.S3Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible server), under a key prefix: name "a/b" is the key
 * "PREFIX/a/b". A put is one PUT below {@link S3Settings#multipartThreshold()} and a multipart upload above;
 * either way S3 makes the object visible only when it is whole. Failures are {@link IOException}s with a one-line
 * message naming the key and S3's error code; a missing object is a {@link java.nio.file.NoSuchFileException}.
 *
 * <p>Thread-safe: the SDK client is, and this class keeps no other mutable state.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final String ANY_CONTENT = "application/octet-stream";
    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix; // "" or ending in "/"
    private final S3Settings settings;
    private final String endpointText;

    private S3ObjectStore(S3Client s3, String bucket, String keyPrefix, S3Settings settings) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.settings = settings;
        this.endpointText = settings.endpoint() == null ? "AWS S3" : settings.endpoint().toString();
    }

    /**
     * A store over {@code bucket}, objects under {@code prefix} ("" for the bucket's root; leading and trailing
     * slashes do not matter). Checks nothing over the network: the first request says whether the bucket is
     * there and the credentials are right.
     */
    public static S3ObjectStore open(String bucket, String prefix, S3Settings settings) throws IOException {
        checkBucket(bucket);
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (!p.isEmpty()) {
            try {
                ObjectNames.check(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("S3 key prefix: " + e.getMessage());
            }
            p += "/";
        }
        try {
            return new S3ObjectStore(client(settings), bucket, p, settings);
        } catch (SdkException e) {
            throw S3Failures.translate(e, "OPEN", "s3://" + bucket + "/" + p, null, String.valueOf(settings.endpoint()));
        }
    }

    /**
     * Asks for one key under the prefix, so that a wrong endpoint, credentials, bucket or permission shows now,
     * as the usual one-line {@link IOException}, rather than at the first segment upload minutes later.
     */
    public void check() throws IOException {
        try {
            s3.listObjectsV2(b -> b.bucket(bucket).prefix(keyPrefix).maxKeys(1));
        } catch (SdkException e) {
            throw failure(e, "LIST", null);
        }
    }

    /** S3's rule, loosened to what S3-compatible servers accept (upper case and '_' for old buckets). */
    private static void checkBucket(String bucket) {
        if (bucket == null || !bucket.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,62}")) {
            throw new IllegalArgumentException("S3 bucket name '" + bucket + "' is not 2-63 letters, digits, '.', '_' or '-'");
        }
    }

    private static S3Client client(S3Settings settings) {
        S3ClientBuilder b = S3Client.builder()
                // The JDK's HttpURLConnection: no extra library in the application jar. It holds a request body in
                // memory before sending it, so a part is held once: bounded by the part size (docs/internals.md).
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 demands them: the SDK's default (a CRC trailer on every upload, in
                // aws-chunked encoding) is refused by several S3-compatible servers. TCP and TLS guard transfers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(settings));
        if (settings.endpoint() != null) b.endpointOverride(settings.endpoint());
        String region = settings.region() != null ? settings.region() : settings.endpoint() != null ? "us-east-1" : null;
        if (region != null) b.region(Region.of(region));
        return b.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private String key(String name) {
        return keyPrefix + ObjectNames.check(name);
    }

    private IOException failure(SdkException e, String op, String name) {
        return S3Failures.translate(e, op, "s3://" + bucket + "/" + keyPrefix + (name == null ? "" : name), name, endpointText);
    }

    @Override
    public void put(String name, Path file) throws IOException {
        String key = key(name);
        long size = Files.size(file);
        try {
            if (size < settings.multipartThreshold()) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size).contentType(ANY_CONTENT), RequestBody.fromFile(file));
            } else {
                MultipartPut.upload(s3, bucket, key, file, size, settings.partSize());
            }
        } catch (SdkException e) {
            throw failure(e, "PUT", name);
        } catch (UncheckedIOException e) {
            // reading the file failed under the SDK; an interrupt shows here too when it came during a read
            String where = "PUT s3://" + bucket + "/" + key;
            IOException io = e.getCause() instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()
                    ? new InterruptedIOException(where + " interrupted")
                    : new IOException(where + ": reading " + file + ": " + e.getCause().getMessage());
            io.initCause(e.getCause());
            throw io;
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        String key = key(name);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure(e, "GET", name);
        }
    }

    @Override
    public InputStream get(String name, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
        String key = key(name);
        try {
            if (length == 0) {
                s3.headObject(b -> b.bucket(bucket).key(key)); // still says whether the object exists
                return InputStream.nullInputStream();
            }
            long last = offset + length - 1;
            String range = last < offset ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + last; // open-ended on overflow
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (S3Exception e) {
            // 416: the object exists and ends at or before offset; the local store answers no bytes then too
            if (e.statusCode() == 416) return InputStream.nullInputStream();
            throw failure(e, "GET", name);
        } catch (SdkException e) {
            throw failure(e, "GET", name);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        List<ObjectInfo> out = new ArrayList<>();
        String token = null;
        try {
            do {
                String t = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(keyPrefix + prefix)
                        .maxKeys(settings.listPageSize()).continuationToken(t));
                for (S3Object o : page.contents()) {
                    String name = o.key().substring(keyPrefix.length());
                    if (isName(name)) out.add(new ObjectInfo(name, o.size()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw failure(e, "LIST", prefix + "*");
        }
        // S3 sorts by UTF-8 bytes, which for the ASCII names allowed is String order; some S3-compatible servers
        // do not promise an order at all.
        out.sort(Comparator.comparing(ObjectInfo::name));
        return out;
    }

    /** Keys other tools put beside ours ("dir/" markers, odd characters) are not objects of this store. */
    private static boolean isName(String name) {
        try {
            ObjectNames.check(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        String key = key(name);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            // S3 answers 204 for a missing key; some compatible servers 404 NoSuchKey (but a missing bucket is an error)
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(e.awsErrorDetails().errorCode())) return;
            throw failure(e, "DELETE", name);
        } catch (SdkException e) {
            throw failure(e, "DELETE", name);
        }
    }

    @Override
    public String describe() {
        String where = "s3://" + bucket + "/" + keyPrefix;
        return settings.endpoint() == null ? where : where + " at " + settings.endpoint();
    }

    @Override
    public void close() {
        s3.close();
    }
}
