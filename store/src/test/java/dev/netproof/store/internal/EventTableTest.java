package dev.netproof.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class EventTableTest {
    @Test
    void hashIsTheNamesAndAgreesWithEquals() {
        EventTable<?> copy = new EventTable<>(EventTable.HTTP.name(), EventTable.HTTP.columns(), EventTable.HTTP.select());
        assertEquals(EventTable.HTTP, copy);
        assertEquals(EventTable.HTTP.hashCode(), copy.hashCode());
        assertEquals("http_events".hashCode(), EventTable.HTTP.hashCode());
        assertNotEquals(EventTable.HTTP, EventTable.DNS);
    }
}
