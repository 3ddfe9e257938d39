package dev.netproof.packetstore.objects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where finished packet segments and their indexes live: a local directory by default, or an
 * S3-compatible bucket. Objects are written once, whole, and never changed in place, which is all a
 * segment store needs and all that every object store offers.
 *
 * <p>Names are relative, '/'-separated, made of letters, digits and {@code . _ - = /}; no empty,
 * {@code .} or {@code ..} parts ({@link ObjectNames#check}). Implementations are safe for use by
 * several threads.
 */
public interface ObjectStore extends AutoCloseable {
    /**
     * Stores the bytes of {@code file} under {@code name}, replacing any object of that name. Readers
     * see either the whole new object or none: never a part.
     */
    void put(String name, Path file) throws IOException;

    /** The whole object. @throws java.nio.file.NoSuchFileException when there is none of that name */
    InputStream get(String name) throws IOException;

    /**
     * {@code length} bytes of the object from {@code offset} (fewer if the object ends first).
     *
     * @throws java.nio.file.NoSuchFileException when there is no object of that name
     */
    InputStream get(String name, long offset, long length) throws IOException;

    /** Objects whose names start with {@code prefix} ("" for all), sorted by name. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /** Removes the object; removing one that is not there is not an error. */
    void delete(String name) throws IOException;

    /** Where the objects are, for messages ("directory /x", "s3://bucket/prefix at http://host:port"). */
    String describe();

    @Override
    void close() throws IOException;

    /** One stored object. */
    record ObjectInfo(String name, long size) {}
}
