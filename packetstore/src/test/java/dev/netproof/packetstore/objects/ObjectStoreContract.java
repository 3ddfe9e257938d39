package dev.netproof.packetstore.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.packetstore.objects.ObjectStore.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} promises, run against each implementation by a subclass. The S3 subclass sets a
 * 5 MiB multipart threshold and a list page of {@link #PAGE} keys, so {@link #BIG} goes up in three parts and the
 * listings below take several pages.
 */
abstract class ObjectStoreContract {
    static final int MiB = 1024 * 1024;
    /** Three parts at 5 MiB, the last a short one. */
    static final int BIG = 10 * MiB + 12_345;
    static final int PAGE = 3;

    @TempDir Path tmp;
    ObjectStore store;

    /** A fresh, empty store; the S3 one with {@code multipartThreshold = partSize = 5 MiB}, {@code listPageSize = PAGE}. */
    abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws IOException {
        if (store != null) store.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    Path file(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(tmp, "src", ".bin"), content);
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripOfAFileBiggerThanTheMultipartThreshold() throws IOException {
        byte[] content = bytes(BIG, 1);
        store.put("seg/2026/big.pcapng", file(content));
        assertArrayEquals(content, read(store.get("seg/2026/big.pcapng")));
        assertEquals(List.of(new ObjectInfo("seg/2026/big.pcapng", BIG)), store.list(""));
    }

    @Test
    void smallAndEmptyObjectsRoundTrip() throws IOException {
        byte[] small = bytes(1000, 2);
        store.put("small", file(small));
        store.put("empty", file(new byte[0]));
        assertArrayEquals(small, read(store.get("small")));
        assertArrayEquals(new byte[0], read(store.get("empty")));
        assertEquals(List.of(new ObjectInfo("empty", 0), new ObjectInfo("small", 1000)), store.list(""));
    }

    @Test
    void rangeReadsAtTheStartAcrossAPartBoundaryAndPastTheEnd() throws IOException {
        byte[] content = bytes(BIG, 3);
        store.put("r", file(content));
        assertArrayEquals(Arrays.copyOfRange(content, 0, 100), read(store.get("r", 0, 100)));
        int boundary = 5 * MiB;
        assertArrayEquals(Arrays.copyOfRange(content, boundary - 10, boundary + 10), read(store.get("r", boundary - 10, 20)));
        assertArrayEquals(Arrays.copyOfRange(content, BIG - 10, BIG), read(store.get("r", BIG - 10, 100)), "fewer bytes where the object ends");
        assertArrayEquals(Arrays.copyOfRange(content, 7, BIG), read(store.get("r", 7, Long.MAX_VALUE)), "to the end");
        assertEquals(0, read(store.get("r", BIG, 10)).length, "at the end");
        assertEquals(0, read(store.get("r", BIG + 1000L, 10)).length, "beyond the end");
        assertEquals(0, read(store.get("r", 5, 0)).length, "no bytes asked");
        assertThrows(IllegalArgumentException.class, () -> store.get("r", -1, 10));
    }

    @Test
    void listIsSortedByNameFilteredByPrefixAndCoversMoreThanOnePage() throws IOException {
        List<String> names = new ArrayList<>(List.of("seg/b", "seg/a", "seg/c/1", "seg/c/0", "seg-x", "idx/a", "idx/b", "z", "a",
                "seg/d", "seg/e", "seg/f=1"));
        Collections.shuffle(names, new Random(4));
        Path src = file(bytes(10, 5));
        for (String n : names) store.put(n, src);
        List<String> sorted = names.stream().sorted().toList();
        assertEquals(sorted, store.list("").stream().map(ObjectInfo::name).toList());
        assertEquals(List.of("seg/a", "seg/b", "seg/c/0", "seg/c/1", "seg/d", "seg/e", "seg/f=1"),
                store.list("seg/").stream().map(ObjectInfo::name).toList(), names.size() + " objects, pages of " + PAGE);
        assertEquals(List.of("seg-x"), store.list("seg-").stream().map(ObjectInfo::name).toList());
        assertEquals(List.of("seg/c/0", "seg/c/1"), store.list("seg/c").stream().map(ObjectInfo::name).toList());
        assertEquals(List.of(), store.list("nothing/"));
        assertTrue(store.list("").stream().allMatch(o -> o.size() == 10));
    }

    @Test
    void putReplacesAWholeObject() throws IOException {
        store.put("x", file(bytes(6 * MiB, 6)));
        byte[] second = bytes(500, 7);
        store.put("x", file(second));
        assertArrayEquals(second, read(store.get("x")));
        assertEquals(List.of(new ObjectInfo("x", 500)), store.list(""));
    }

    @Test
    void deleteRemovesAndIsIdempotent() throws IOException {
        store.put("d/1", file(bytes(10, 8)));
        store.put("d/2", file(bytes(10, 9)));
        store.delete("d/1");
        assertThrows(NoSuchFileException.class, () -> store.get("d/1"));
        assertEquals(List.of("d/2"), store.list("").stream().map(ObjectInfo::name).toList());
        store.delete("d/1");
        store.delete("never/was");
        assertEquals(1, store.list("").size());
    }

    @Test
    void aMissingObjectIsNoSuchFile() {
        NoSuchFileException whole = assertThrows(NoSuchFileException.class, () -> read(store.get("no/such")));
        assertEquals("no/such", whole.getFile());
        assertThrows(NoSuchFileException.class, () -> read(store.get("no/such", 0, 10)));
        assertThrows(NoSuchFileException.class, () -> read(store.get("no/such", 0, 0)));
    }

    @Test
    void invalidNamesAreRefusedAndNothingIsStored() throws IOException {
        Path src = file(bytes(10, 10));
        for (String bad : List.of("", "/abs", "../up", "a/../../b", "a//b", "a/./b", "trailing/", "sp ace", "back\\slash", "ü", "a?b")) {
            assertThrows(IllegalArgumentException.class, () -> store.put(bad, src), bad);
            assertThrows(IllegalArgumentException.class, () -> store.get(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.get(bad, 0, 1), bad);
            assertThrows(IllegalArgumentException.class, () -> store.delete(bad), bad);
        }
        assertEquals(List.of(), store.list(""));
    }

    @Test
    void namesEndingInPartAreReservedForFilesBeingWritten() throws IOException {
        // a local store hides such files from listings; on S3 they would show: so no store takes them
        Path src = file(bytes(100, 11));
        assertThrows(IllegalArgumentException.class, () -> store.put("seg.part", src));
        assertThrows(IllegalArgumentException.class, () -> store.get("seg.part"));
        store.put("seg.part.1", src);
        store.put("x.part/seg", src);
        assertEquals(List.of(new ObjectInfo("seg.part.1", 100), new ObjectInfo("x.part/seg", 100)), store.list(""));
    }

    @Test
    void concurrentPutsFromFourThreads() throws Exception {
        int threads = 4, each = 4;
        byte[][] shared = new byte[threads][];
        for (int t = 0; t < threads; t++) shared[t] = bytes(6 * MiB + t, 100 + t); // over the threshold: multipart
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) store.put("own/" + id + "/" + i, file(bytes(1000 + i, id * 100L + i)));
                    store.put("shared", file(shared[id]));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) assertArrayEquals(bytes(1000 + i, t * 100L + i), read(store.get("own/" + t + "/" + i)));
        }
        byte[] last = read(store.get("shared"));
        assertTrue(Arrays.stream(shared).anyMatch(s -> Arrays.equals(s, last)), "one whole version of the shared object");
        assertEquals(threads * each + 1, store.list("").size());
    }
}
