package dev.netproof.packetstore.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netproof.packetstore.objects.ObjectStore.ObjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The object-store contract over a directory, and the files of that directory that are not objects. */
class LocalObjectStoreContractTest extends ObjectStoreContract {
    @Override
    ObjectStore newStore() throws Exception {
        return new LocalObjectStore(tmp.resolve("objects"));
    }

    @Test
    void filesBeingWrittenAndStraysAreNotListed() throws Exception {
        Path root = ((LocalObjectStore) store).root();
        store.put("segments/a", file(bytes(10, 1)));
        Files.write(Files.createDirectories(root.resolve("segments")).resolve("spool-1-0.pcapng.part"), new byte[5]);
        Files.write(root.resolve("segments/a~123-4.part"), new byte[5]); // a put's temporary, left by a crash
        Files.write(root.resolve("segments/odd name"), new byte[5]);
        assertEquals(List.of(new ObjectInfo("segments/a", 10)), store.list("segments/"));
    }
}
