package dev.netproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.netproof.core.model.ExportedFlow;
import dev.netproof.store.internal.LastText;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The unmapped fields' JSON, and its reuse while the same fields come again. */
class ExportExtraTextTest {
    @Test
    void lastTextFormatsOnlyWhenTheValueChanges() {
        AtomicInteger calls = new AtomicInteger();
        LastText<List<ExportedFlow.ExtraField>> memo = new LastText<>(f -> {
            calls.incrementAndGet();
            return ExportRowsAppender.extra(f);
        });
        List<ExportedFlow.ExtraField> a = List.of(new ExportedFlow.ExtraField(0, 137, "01"), new ExportedFlow.ExtraField(9, 60, "04"));
        List<ExportedFlow.ExtraField> same = List.of(new ExportedFlow.ExtraField(0, 137, "01"), new ExportedFlow.ExtraField(9, 60, "04"));
        List<ExportedFlow.ExtraField> b = List.of(new ExportedFlow.ExtraField(0, 137, "02"), new ExportedFlow.ExtraField(9, 60, "04"));
        String ta = memo.text(a);
        assertEquals("[{\"enterprise\":0,\"element\":137,\"value\":\"01\"},{\"enterprise\":9,\"element\":60,\"value\":\"04\"}]", ta);
        assertEquals(ta, memo.text(same));
        assertEquals(1, calls.get(), "an equal value reuses the text");
        assertEquals(ExportRowsAppender.extra(b), memo.text(b));
        assertEquals(ta, memo.text(a));
        assertEquals(3, calls.get(), "a different value is formatted again");
        assertNull(memo.text(List.of()));
    }
}
