package dev.netproof.app.ingest;

import dev.netproof.source.pcap.CaptureOpenException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    /** @throws CaptureOpenException as the capture reader would (missing, a directory, unreadable) */
    public static SourceKey of(Path file) throws CaptureOpenException {
        if (Files.isDirectory(file)) throw new CaptureOpenException(file, "is a directory", null);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long headEnd = Math.min(size, EDGE);
            digest(ch, sha, 0, headEnd);
            digest(ch, sha, Math.max(headEnd, size - EDGE), size);
            return new SourceKey(size, "v1:" + size + ":" + HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchFileException e) {
            throw new CaptureOpenException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new CaptureOpenException(file, "permission denied", e);
        } catch (FileSystemException e) {
            throw new CaptureOpenException(file, e.getReason() == null ? "cannot open" : e.getReason(), e);
        } catch (IOException e) {
            throw new CaptureOpenException(file, "cannot read: " + e.getMessage(), e);
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
