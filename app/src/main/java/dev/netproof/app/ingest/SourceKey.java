package dev.netproof.app.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names an input file by its content, so that a copy or a rename of a file already ingested is known as
 * the same source: its size and a SHA-256 of its first and last MiB. Reading 2 MiB costs a few
 * milliseconds whatever the file's size; hashing a whole 4 GiB capture would cost seconds. Two
 * captures of the same size with the same first and last MiB but a different middle would be taken
 * for one; capture files start and end with different timestamps, so that takes a forged file.
 */
public record SourceKey(long size, String key) {
    static final int EDGE = 1 << 20;

    public static SourceKey of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long headEnd = Math.min(size, EDGE);
            digest(ch, sha, 0, headEnd);
            digest(ch, sha, Math.max(headEnd, size - EDGE), size);
            return new SourceKey(size, "v1:" + size + ":" + HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void digest(FileChannel ch, MessageDigest sha, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = from;
        while (pos < to) {
            buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
            int n = ch.read(buf, pos);
            if (n < 0) throw new IOException("file shrank while being read");
            buf.flip();
            sha.update(buf);
            pos += n;
        }
    }
}
