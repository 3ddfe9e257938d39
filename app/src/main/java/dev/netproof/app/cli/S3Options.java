package dev.netproof.app.cli;

import dev.netproof.packetstore.objects.ObjectStore;
import dev.netproof.packetstore.objects.ObjectStores;
import dev.netproof.packetstore.objects.S3ObjectStore;
import dev.netproof.packetstore.objects.S3Settings;
import java.io.IOException;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * How to reach the S3-compatible service when the packet store is {@code s3://BUCKET/PREFIX}. A command that has a
 * packet-store option mixes this in and opens the store with {@link #open(String)}. Credentials are best left to the
 * environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}), where {@code ps} does not show them.
 */
public final class S3Options {
    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3-compatible server, e.g. http://127.0.0.1:9000 (default: AWS S3 of the region).")
    URI endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION",
            description = "Signing region (default: AWS_REGION or the AWS profile; us-east-1 with --s3-endpoint).")
    String region;

    @Option(names = "--s3-path-style", paramLabel = "true|false", arity = "1",
            description = "Bucket in the path (http://host/bucket/key), as S3-compatible servers expect "
                    + "(default: true with --s3-endpoint, false for AWS).")
    Boolean pathStyle;

    @Option(names = "--s3-access-key", paramLabel = "KEY", description = "Access key id (default: AWS_ACCESS_KEY_ID, the AWS profile or role).")
    String accessKey;

    @Option(names = "--s3-secret-key", paramLabel = "KEY", description = "Secret key, with --s3-access-key (prefer AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    /** The settings these options give. @throws UserError when they contradict each other */
    public S3Settings settings() {
        try {
            S3Settings s = S3Settings.DEFAULT.withEndpoint(endpoint).withRegion(region).withCredentials(accessKey, secretKey);
            return pathStyle == null ? s : s.withPathStyle(pathStyle);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    boolean anyGiven() {
        return endpoint != null || region != null || pathStyle != null || accessKey != null || secretKey != null;
    }

    /**
     * Opens the store {@code spec} names ({@code DIR} or {@code s3://BUCKET/PREFIX}); a bucket is asked for one key
     * first, so that wrong settings fail the command at its start.
     *
     * @throws UserError for a spec that names no store, S3 options beside a directory, or a store that cannot be opened
     */
    public ObjectStore open(String spec) {
        try {
            if (anyGiven() && ObjectStores.parse(spec) instanceof ObjectStores.Directory) {
                throw new UserError("--s3-* options apply to an s3://BUCKET/PREFIX packet store, not to the directory " + spec, 2);
            }
            ObjectStore store = ObjectStores.open(spec, settings());
            if (store instanceof S3ObjectStore s3) {
                try {
                    s3.check(); // a wrong bucket or key fails the command now, not at the first upload
                } catch (IOException e) {
                    s3.close();
                    throw e;
                }
            }
            return store;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        } catch (IOException e) {
            throw new UserError("cannot open packet store " + spec + ": " + e.getMessage());
        }
    }
}
