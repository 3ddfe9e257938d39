package dev.netproof.source.pcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file could not be opened: missing, a directory, unreadable, or not mappable. The message
 * is one line, {@code <file>: <reason>}, fit to show a user as is.
 */
public final class CaptureOpenException extends IOException {
    private final transient Path file;

    public CaptureOpenException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
