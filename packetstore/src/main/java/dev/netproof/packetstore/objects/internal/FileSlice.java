package dev.netproof.packetstore.objects.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * {@code length} bytes of a file from {@code offset}, as a request body the SDK may read more than once (to
 * sign the payload over plain HTTP, and again on a retry). Each read opens its own channel; the previous one is
 * closed then, and the last one by {@link #close}. Nothing is copied into memory here.
 */
public final class FileSlice implements ContentStreamProvider, AutoCloseable {
    private final Path file;
    private final long offset, length;
    private InputStream current;

    public FileSlice(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public synchronized InputStream newStream() {
        close();
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(offset);
            current = new Limited(Channels.newInputStream(ch), length);
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (current == null) return;
        try {
            current.close();
        } catch (IOException ignored) {
            // a read-only channel: closing it cannot lose data
        }
        current = null;
    }

    /** At most {@code left} bytes of {@code in}. */
    public static final class Limited extends FilterInputStream {
        private long left;

        public Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
