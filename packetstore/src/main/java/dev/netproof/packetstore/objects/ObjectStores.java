package dev.netproof.packetstore.objects;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the object store a command-line option names:
 * <ul>
 *   <li>{@code s3://BUCKET} or {@code s3://BUCKET/PREFIX}: {@link S3ObjectStore}, reached as {@code s3} says
 *       (endpoint, region, credentials);</li>
 *   <li>anything else without a scheme, or {@code file:DIR}: {@link LocalObjectStore} over that directory.</li>
 * </ul>
 * Other schemes ({@code gs://}, {@code http://}, ...) are refused by name rather than taken for directories.
 */
public final class ObjectStores {
    private ObjectStores() {}

    /**
     * @throws IllegalArgumentException for a spec that names no store (empty, an unknown scheme, a bad bucket)
     * @throws IOException              when the store cannot be opened (a directory that cannot be made)
     */
    public static ObjectStore open(String spec, S3Settings s3) throws IOException {
        Target t = parse(spec);
        return switch (t) {
            case Directory d -> new LocalObjectStore(d.dir());
            case Bucket b -> S3ObjectStore.open(b.bucket(), b.prefix(), s3);
        };
    }

    /** What a spec names, before anything is opened. */
    public sealed interface Target permits Directory, Bucket {}

    public record Directory(Path dir) implements Target {}

    public record Bucket(String bucket, String prefix) implements Target {}

    public static Target parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty packet store location");
        if (spec.startsWith("s3://")) {
            String rest = spec.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
            if (bucket.isEmpty()) throw new IllegalArgumentException("no bucket in " + spec + " (s3://BUCKET/PREFIX)");
            return new Bucket(bucket, prefix);
        }
        if (spec.startsWith("file:")) return new Directory(Path.of(spec.substring("file:".length()).replaceFirst("^//", "")));
        int colon = spec.indexOf("://");
        if (colon > 0 && spec.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("packet store " + spec + ": only s3://BUCKET/PREFIX or a directory is supported");
        }
        return new Directory(Path.of(spec));
    }
}
