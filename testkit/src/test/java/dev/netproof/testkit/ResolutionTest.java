package dev.netproof.testkit;

import dev.netproof.testkit.PcapngWriter.Resolution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResolutionTest {
    @Test
    void convertsBothWays() {
        assertEquals(1_700_000_000_123_456L, Resolution.DEFAULT.unitsOf(1_700_000_000_123_456_789L));
        assertEquals(1_700_000_000_123_456_000L, Resolution.DEFAULT.nanosOf(1_700_000_000_123_456L));
        assertEquals(5_002_929_687L, Resolution.pow2(10).nanosOf(5 * 1024 + 3));
        assertEquals(5 * 1024 + 2, Resolution.pow2(10).unitsOf(5_002_929_687L));
        assertEquals(1_500L, Resolution.pow10(12).nanosOf(1_500_000L));
        // Units are unsigned 64-bit: the top bit set is a (far future) positive count.
        assertEquals(Long.divideUnsigned(-1L, 1_000_000_000L),
                Resolution.pow10(18).nanosOf(-1L));
    }
}
