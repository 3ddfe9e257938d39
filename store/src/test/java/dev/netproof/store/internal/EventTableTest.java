package dev.netproof.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.netproof.core.model.ExportedFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTableTest {
    @Test
    void hashIsTheNamesAndAgreesWithEquals() {
        EventTable<?> copy = new EventTable<>(EventTable.EXPORT_FLOWS.name(), EventTable.EXPORT_FLOWS.columns(),
                EventTable.EXPORT_FLOWS.select());
        assertEquals(EventTable.EXPORT_FLOWS, copy);
        assertEquals(EventTable.EXPORT_FLOWS.hashCode(), copy.hashCode());
        assertEquals("export_flows".hashCode(), EventTable.EXPORT_FLOWS.hashCode());
        assertNotEquals(EventTable.EXPORT_FLOWS, EventTable.DNS);
    }

    @Test
    void lastTextFormatsOnlyWhenTheValueChanges() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        EventTable.LastText<List<ExportedFlow.ExtraField>> memo = new EventTable.LastText<>(f -> {
            calls.incrementAndGet();
            return EventTable.extra(f);
        });
        List<ExportedFlow.ExtraField> a = List.of(new ExportedFlow.ExtraField(0, 136, "01"), new ExportedFlow.ExtraField(0, 60, "04"));
        List<ExportedFlow.ExtraField> same = List.of(new ExportedFlow.ExtraField(0, 136, "01"), new ExportedFlow.ExtraField(0, 60, "04"));
        List<ExportedFlow.ExtraField> b = List.of(new ExportedFlow.ExtraField(0, 136, "02"), new ExportedFlow.ExtraField(0, 60, "04"));
        String ta = memo.text(a);
        assertEquals("[{\"enterprise\":0,\"element\":136,\"value\":\"01\"},{\"enterprise\":0,\"element\":60,\"value\":\"04\"}]", ta);
        assertEquals(ta, memo.text(same));
        assertEquals(1, calls.get(), "an equal value reuses the text");
        assertEquals(EventTable.extra(b), memo.text(b));
        assertEquals(ta, memo.text(a));
        assertEquals(3, calls.get(), "a different value is formatted again");
        assertNull(memo.text(List.of()));
    }
}
