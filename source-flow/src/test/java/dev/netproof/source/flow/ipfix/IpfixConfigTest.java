package dev.netproof.source.flow.ipfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IpfixConfigTest {
    @Test
    void defaults() {
        assertEquals(new IpfixConfig(4096, 1024, 65_536, 512, 64, 1 << 20, 64L << 20, 60_000_000_000L),
                IpfixConfig.defaults());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new IpfixConfig(0, 1, 1, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new IpfixConfig(1, 1, 1, 1, 0, 0, 0, -1));
    }
}
