package dev.netproof.app.cli;

import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option every command takes: where the store lives. */
public final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "netproof-data",
            description = "Store directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    public Path dir() {
        return dir;
    }

    /** Opens the store, creating it when {@code create}; a missing store without create is a user error. */
    public Store open(boolean create) {
        if (!create && !Files.exists(dir.resolve(Store.FILE_NAME))) {
            throw new UserError("no store in " + dir + " (ingest something first, or pass --data DIR)");
        }
        try {
            return Store.open(dir);
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }
}
