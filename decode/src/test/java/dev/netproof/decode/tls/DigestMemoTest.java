package dev.netproof.decode.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The fingerprints' digest memo answers what a fresh digest would, whatever the order, repeats and slot clashes. */
class DigestMemoTest {

    @Provide
    Arbitrary<List<byte[]>> inputs() {
        // few distinct inputs, drawn many times: repeats, and (with 256 slots) clashes now and then; now and then
        // one above the memo's size limit
        Arbitrary<byte[]> one = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300),
                Arbitraries.bytes().array(byte[].class).ofMinSize(Fingerprints.Memo.MAX_KEPT - 1).ofMaxSize(Fingerprints.Memo.MAX_KEPT + 2));
        return one.list().ofMinSize(1).ofMaxSize(40).flatMap(pool ->
                Arbitraries.integers().between(0, pool.size() - 1).list().ofMinSize(1).ofMaxSize(600)
                        .map(picks -> {
                            List<byte[]> out = new ArrayList<>(picks.size());
                            for (int i : picks) out.add(pool.get(i).clone());
                            return out;
                        }));
    }

    @Property(tries = 60)
    void memoisedDigestIsTheDigest(@ForAll("inputs") List<byte[]> inputs) throws Exception {
        for (String algorithm : new String[] {"MD5", "SHA-256"}) {
            Fingerprints.Memo memo = new Fingerprints.Memo(MessageDigest.getInstance(algorithm));
            MessageDigest reference = MessageDigest.getInstance(algorithm);
            for (byte[] in : inputs) {
                byte[] got = memo.digest(in);
                assertArrayEquals(reference.digest(in), got, algorithm);
                got[0] ^= 1; // a caller changing its copy changes nothing kept
                if (in.length > 0) in[0] ^= 1; // nor does changing the input after
            }
        }
    }

    @Test
    void slotClashesKeepTheNewest() throws Exception {
        Fingerprints.Memo memo = new Fingerprints.Memo(MessageDigest.getInstance("MD5"));
        MessageDigest reference = MessageDigest.getInstance("MD5");
        // Arrays.hashCode of {x, y} is 961 + 31x + y: these two have the same hash, so the same slot
        byte[] a = {0, 0}, b = {1, -31};
        assertEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(b));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(reference.digest(a), memo.digest(a));
            assertArrayEquals(reference.digest(b), memo.digest(b));
        }
        assertEquals(16, memo.digest(new byte[0]).length);
    }
}
