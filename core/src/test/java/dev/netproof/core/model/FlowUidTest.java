package dev.netproof.core.model;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FlowUidTest {
    @Property(tries = 2000)
    void aUidGivesBackItsStartTimeAndKey(@ForAll @LongRange(min = 0) long ts, @ForAll int key) {
        String uid = FlowUid.of(ts, key);
        assertEquals(FlowUid.LENGTH, uid.length());
        assertEquals('C', uid.charAt(0));
        assertEquals(ts, FlowUid.tsNanos(uid));
        assertEquals(key & 0xffff_ffffL, FlowUid.key(uid));
        assertEquals(key & 0xffff_ffffL, FlowUid.keyIfMadeAt(uid, ts));
        assertEquals(-1, FlowUid.keyIfMadeAt(uid, ts ^ 1), "another start time");
    }

    @Property(tries = 500)
    void flowsStartingTogetherGetDifferentLookingUids(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long ts) {
        // the time digits are mixed with the key, so neighbours do not share a prefix
        assertNotEquals(FlowUid.of(ts, 1).substring(1, 6), FlowUid.of(ts, 2).substring(1, 6));
    }

    @Test
    void stringsThatAreNotOurUidsDecodeToNothing() {
        for (String bad : new String[] {null, "", "C", "Cuid1", "XcGmRKnJVsD5c8Iwo1", "CcGmRKnJVsD5c8Iwo!",
                "Czzzzzzzzzzzzzzzzz", "CcGmRKnJVsD5c8Iwo1x"}) {
            assertEquals(-1, FlowUid.tsNanos(bad), String.valueOf(bad));
            assertEquals(-1, FlowUid.keyIfMadeAt(bad, 0), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> FlowUid.of(-1, 0));
    }
}
