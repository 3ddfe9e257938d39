package dev.netproof.decode.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Codes} is a list like any other: equal to, and hashing as, a list of the same Integers. */
class CodesTest {
    @Property
    void actsAsTheListOfItsValues(@ForAll @Size(max = 40) List<@IntRange(max = 65535) Integer> values,
                                  @ForAll @IntRange(max = 65535) int other) {
        Codes c = Codes.of(values);
        List<Integer> copy = new ArrayList<>(values);
        assertEquals(copy, c);
        assertEquals(c, copy);
        assertEquals(copy.hashCode(), c.hashCode());
        assertEquals(c, Codes.of(copy));
        assertEquals(copy.toString(), c.toString());
        for (int i = 0; i < values.size(); i++) assertEquals((int) values.get(i), c.code(i));
        int[] out = new int[values.size() + 1];
        assertEquals(values.size() + 1, c.copyTo(out, 1));
        assertEquals(values, Arrays.stream(out).skip(1).boxed().toList());
        List<Integer> changed = new ArrayList<>(values);
        changed.add(other);
        assertNotEquals(Codes.of(changed), c);
    }

    @Test
    void isImmutableAndKeptAsItIs() {
        Codes c = Codes.of(List.of(0x1301, 0x1302));
        assertSame(c, Codes.of(c));
        assertThrows(UnsupportedOperationException.class, () -> c.add(1));
        assertThrows(UnsupportedOperationException.class, () -> c.set(0, 1));
        assertThrows(NullPointerException.class, () -> Codes.of(Arrays.asList(1, null)));
    }
}
