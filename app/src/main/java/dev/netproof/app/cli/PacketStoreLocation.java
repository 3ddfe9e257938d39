package dev.netproof.app.cli;

import dev.netproof.packetstore.PacketStore;
import dev.netproof.packetstore.PacketStoreConfig;
import dev.netproof.packetstore.objects.LocalObjectStore;
import dev.netproof.packetstore.objects.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the packet store is: {@code DATA/packets} by default, another directory, or an S3 bucket. */
public final class PacketStoreLocation {
    /** Where the local packet store lives under the data directory. */
    public static final String DIR = "packets";

    @Option(names = "--packet-store", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where packet segments are kept (default: DATA/packets).")
    String spec;

    @Mixin S3Options s3;

    /** True when the store is the default directory under the data directory. */
    boolean isDefault() {
        return spec == null;
    }

    /**
     * Opens the object store and the packet store over it with {@code config} (whose spool directory is
     * replaced: beside the objects for a directory, so a finished segment is renamed, not copied; under the
     * data directory for a bucket).
     */
    PacketStore open(Path dataDir, PacketStoreConfig config) {
        ObjectStore objects = null;
        try {
            objects = spec == null ? new LocalObjectStore(dataDir.resolve(DIR)) : s3.open(spec);
            Path spool = objects instanceof LocalObjectStore local ? local.root().resolve("segments")
                    : dataDir.resolve("packets-spool");
            return new PacketStore(objects, config.withSpool(spool));
        } catch (IOException e) {
            closeQuietly(objects);
            throw new UserError("cannot open the packet store " + describe(dataDir) + ": " + e.getMessage());
        }
    }

    /** For reading: a user error when the default directory does not exist (nothing was ever stored). */
    PacketStore openExisting(Path dataDir) {
        if (spec == null && !Files.isDirectory(dataDir.resolve(DIR))) {
            throw new UserError("no packet store in " + dataDir.resolve(DIR) + " (ingest with packets on, the default)");
        }
        return open(dataDir, PacketStoreConfig.defaults(dataDir.resolve(DIR).resolve("segments")));
    }

    String describe(Path dataDir) {
        return spec == null ? dataDir.resolve(DIR).toString() : spec;
    }

    private static void closeQuietly(ObjectStore o) {
        if (o == null) return;
        try {
            o.close();
        } catch (IOException e) {
            // the open failed already; that is the error reported
        }
    }
}
