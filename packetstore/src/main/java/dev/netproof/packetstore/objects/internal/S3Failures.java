package dev.netproof.packetstore.objects.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's exceptions into {@link IOException}s whose message is one line naming the operation, the
 * {@code s3://bucket/key} and the S3 error code, e.g. {@code "GET s3://b/k: NoSuchKey (404): The specified key
 * does not exist."}. The SDK's own messages run over several lines with request ids and provider chains, which
 * a user of the command line should not have to read.
 */
public final class S3Failures {
    private static final int MAX_DETAIL = 300;

    private S3Failures() {}

    /**
     * @param op       what was being done ("PUT", "GET", "LIST", ...)
     * @param where    {@code s3://bucket/key}
     * @param name     the object name, for {@link NoSuchFileException}
     * @param endpoint where the requests went, for "cannot reach" messages
     */
    public static IOException translate(SdkException e, String op, String where, String name, String endpoint) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String text = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            int status = service.statusCode();
            if (code == null || code.isBlank()) code = status == 404 ? "NoSuchKey" : "HTTP " + status;
            String line = op + " " + where + ": " + code + " (" + status + ")" + (text == null || text.isBlank() ? "" : ": " + oneLine(text));
            if (code.equals("NoSuchKey") && name != null) return new NoSuchFileException(name, null, line);
            IOException io = new IOException(line);
            io.initCause(e);
            return io;
        }
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            InterruptedIOException io = new InterruptedIOException(op + " " + where + " interrupted");
            io.initCause(e);
            return io;
        }
        IOException io = new IOException(op + " " + where + ": " + clientProblem(e, endpoint));
        io.initCause(e);
        return io;
    }

    /** The innermost cause says what happened ("Connection refused"); the SDK's outer text says how it retried. */
    private static String clientProblem(SdkException e, String endpoint) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.startsWith("Unable to load credentials")) {
            return "no S3 credentials (give an access key and secret key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
        }
        if (msg.startsWith("Unable to load region")) {
            return "no S3 region (give one, or set AWS_REGION)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof java.net.ConnectException || root instanceof java.net.UnknownHostException
                || root instanceof java.net.SocketTimeoutException || root instanceof java.net.NoRouteToHostException) {
            String why = root instanceof java.net.UnknownHostException ? "unknown host " + root.getMessage()
                    : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return "cannot reach " + endpoint + ": " + oneLine(why);
        }
        return oneLine(root == e ? msg : root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }
}
