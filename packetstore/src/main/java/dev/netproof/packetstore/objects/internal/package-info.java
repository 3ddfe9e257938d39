/**
 * The S3 store's helpers: multipart uploads that abort on failure ({@code MultipartPut}), file slices as
 * re-readable request bodies ({@code FileSlice}), and the SDK's exceptions as one-line {@code IOException}s
 * ({@code S3Failures}).
 */
package dev.netproof.packetstore.objects.internal;
