package dev.netproof.packetstore.objects.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One file uploaded as an S3 multipart upload: create, upload each part from its slice of the file, complete.
 * The object appears only at completion, whole. Any failure, an interrupt included, aborts the upload so that no
 * parts are left behind (S3 bills stored parts of unfinished uploads and keeps them until aborted).
 *
 * <p>Parts go one after the other on the calling thread. Without the CRT client the SDK's own multipart
 * support exists only for the asynchronous client, which would bring Netty into the application jar.
 */
public final class MultipartPut {
    /** S3 allows at most this many parts in one upload. */
    public static final int MAX_PARTS = 10_000;

    private MultipartPut() {}

    /** The part size to use for {@code size} bytes: {@code wanted}, raised so the upload needs at most 10,000 parts. */
    public static long partSize(long size, long wanted) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(wanted, needed);
    }

    /**
     * @throws software.amazon.awssdk.core.exception.SdkException as the SDK threw it, after the upload was aborted
     *         (an abort that fails too is attached as suppressed)
     */
    public static void upload(S3Client s3, String bucket, String key, Path file, long size, long wantedPartSize) {
        long partSize = partSize(size, wantedPartSize);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                try (FileSlice slice = new FileSlice(file, offset, length)) {
                    String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                                    .contentLength(length),
                            RequestBody.fromContentProvider(slice, length, "application/octet-stream")).eTag();
                    parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                }
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException | Error failure) {
            abort(s3, bucket, key, uploadId, failure);
            throw failure;
        }
    }

    private static void abort(S3Client s3, String bucket, String key, String uploadId, Throwable failure) {
        // An interrupt is why we are here more often than not; the SDK refuses to start a request on an
        // interrupted thread, so the flag is set aside for the abort and restored after it.
        boolean interrupted = Thread.interrupted();
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException abortFailed) {
            failure.addSuppressed(abortFailed);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
