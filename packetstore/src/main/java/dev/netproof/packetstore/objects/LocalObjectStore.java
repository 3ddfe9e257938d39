package dev.netproof.packetstore.objects;

import java.io.IOException;
import java.io.InputStream;
import dev.netproof.packetstore.objects.internal.FileSlice;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Objects as files under one directory ({@code name} "a/b" is the file {@code DIR/a/b}). A put copies to
 * a temporary file beside the target and renames it into place, so a reader, or a crash, never sees half
 * an object. Temporary names contain a '~' and end in {@code .part}, which no object name may, so they never
 * collide with an object (nor with each other: each put has its own); listings skip every file whose name is
 * not an object name.
 */
public final class LocalObjectStore implements ObjectStore {
    private static final String TEMP_MARK = "~";
    private static final java.util.concurrent.atomic.AtomicLong TEMP_IDS = new java.util.concurrent.atomic.AtomicLong();
    private final Path root;

    public LocalObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    private Path file(String name) {
        return root.resolve(ObjectNames.check(name));
    }

    @Override
    public void put(String name, Path source) throws IOException {
        Path target = file(name);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
                + TEMP_IDS.incrementAndGet() + ObjectNames.PARTIAL_SUFFIX);
        if (source.toAbsolutePath().getParent().equals(target.getParent())) {
            // same directory (segments spooled beside their final place): a rename, no copy
            Files.move(source, temp, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true); // the bytes are on disk before the name says the object exists
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        return Files.newInputStream(existing(name));
    }

    @Override
    public InputStream get(String name, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
        SeekableByteChannel ch = Files.newByteChannel(existing(name));
        ch.position(Math.min(offset, ch.size()));
        return new FileSlice.Limited(Channels.newInputStream(ch), length);
    }

    private Path existing(String name) throws NoSuchFileException {
        Path f = file(name);
        if (!Files.isRegularFile(f)) throw new NoSuchFileException(name, null, "no such object in " + describe());
        return f;
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(f)) continue;
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (!name.startsWith(prefix) || !isName(name)) continue; // temporaries, spool files, strays
                try {
                    out.add(new ObjectInfo(name, Files.size(f)));
                } catch (NoSuchFileException gone) {
                    // deleted while listing
                }
            }
        }
        out.sort(java.util.Comparator.comparing(ObjectInfo::name));
        return out;
    }

    private static boolean isName(String name) {
        try {
            ObjectNames.check(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(file(name));
    }

    @Override
    public String describe() {
        return "directory " + root;
    }

    @Override
    public void close() {
    }
}
