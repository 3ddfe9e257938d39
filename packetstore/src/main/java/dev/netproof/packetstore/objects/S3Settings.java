package dev.netproof.packetstore.objects;

import java.net.URI;

/**
 * How to reach an S3-compatible service, and how to move objects through it.
 *
 * @param endpoint           the service's base URI ({@code http://127.0.0.1:9000}); null for AWS itself,
 *                           whose endpoint follows from the region
 * @param region             signing region; null to use the SDK's default chain ({@code AWS_REGION},
 *                           profile), or {@code us-east-1} when an endpoint is given
 * @param pathStyle          {@code http://host/bucket/key} rather than {@code http://bucket.host/key};
 *                           S3-compatible servers (MinIO, Ceph, S3Proxy, ...) mostly need it
 * @param accessKey          with {@code secretKey}, fixed credentials; both null to use the SDK's default
 *                           chain (environment {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 *                           profile, container or instance role)
 * @param secretKey          see {@code accessKey}
 * @param multipartThreshold files of this many bytes or more are uploaded in parts; smaller ones in one PUT
 * @param partSize           bytes per part of a multipart upload (S3 allows 5 MiB to 5 GiB; raised
 *                           for a file that would need more than 10,000 parts)
 * @param listPageSize       keys asked for per list request (S3 returns at most 1,000)
 */
public record S3Settings(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                         long multipartThreshold, long partSize, int listPageSize) {
    public static final long MiB = 1024 * 1024;
    /** S3's smallest part (except the last) and largest single PUT. */
    public static final long MIN_PART = 5 * MiB, MAX_PUT = 5L * 1024 * MiB;

    /** AWS S3 with the SDK's default region and credentials; 16 MiB parts above 16 MiB. */
    public static final S3Settings DEFAULT = new S3Settings(null, null, false, null, null, 16 * MiB, 16 * MiB, 1000);

    public S3Settings {
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException("S3 endpoint " + endpoint + " is not an http:// or https:// URL with a host");
        }
        if (region != null && region.isBlank()) region = null;
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both an S3 access key and a secret key, or neither");
        }
        if (partSize < MIN_PART || partSize > MAX_PUT) {
            throw new IllegalArgumentException("S3 part size " + partSize + " is outside 5 MiB..5 GiB");
        }
        if (multipartThreshold < 1 || multipartThreshold > MAX_PUT) {
            throw new IllegalArgumentException("S3 multipart threshold " + multipartThreshold + " is outside 1..5 GiB");
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException("S3 list page size " + listPageSize + " is outside 1..1000");
        }
    }

    /** These settings against {@code endpoint}, with path-style addressing, which S3-compatible servers expect. */
    public S3Settings withEndpoint(URI endpoint) {
        return new S3Settings(endpoint, region, endpoint != null, accessKey, secretKey, multipartThreshold, partSize, listPageSize);
    }

    public S3Settings withRegion(String region) {
        return new S3Settings(endpoint, region, pathStyle, accessKey, secretKey, multipartThreshold, partSize, listPageSize);
    }

    public S3Settings withPathStyle(boolean pathStyle) {
        return new S3Settings(endpoint, region, pathStyle, accessKey, secretKey, multipartThreshold, partSize, listPageSize);
    }

    public S3Settings withCredentials(String accessKey, String secretKey) {
        return new S3Settings(endpoint, region, pathStyle, accessKey, secretKey, multipartThreshold, partSize, listPageSize);
    }

    public S3Settings withMultipart(long threshold, long partSize) {
        return new S3Settings(endpoint, region, pathStyle, accessKey, secretKey, threshold, partSize, listPageSize);
    }

    public S3Settings withListPageSize(int listPageSize) {
        return new S3Settings(endpoint, region, pathStyle, accessKey, secretKey, multipartThreshold, partSize, listPageSize);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***")
                + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize + ", listPageSize=" + listPageSize + "]";
    }
}
