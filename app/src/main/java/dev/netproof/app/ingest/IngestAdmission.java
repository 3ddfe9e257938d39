package dev.netproof.app.ingest;

import dev.netproof.store.IngestJournal;
import dev.netproof.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides, from the ingest journal, whether a file is ingested: a file whose content was completely
 * ingested before (under any name) is skipped; the rows of an interrupted earlier run of it are removed
 * first; {@code --replace} removes earlier complete runs and ingests again. Each decision is one
 * transaction per removed run, so a crash in the middle leaves either the old rows or none.
 */
public final class IngestAdmission {
    /** What to do with one file. */
    public sealed interface Decision {}

    /** Ingest it, as run {@code runId} of the journal; {@code notes} say what was removed first. */
    public record Go(long runId, List<String> notes) implements Decision {}

    /** Already ingested: nothing to do (not a failure). */
    public record Skip(String message) implements Decision {}

    /** Another file was ingested under this name: ingesting this one would mix the two (a failure). */
    public record Refuse(String message) implements Decision {}

    private final IngestJournal journal;

    public IngestAdmission(IngestJournal journal) {
        this.journal = journal;
    }

    public Decision admit(Path file, SourceKey key, boolean replace, long startedNs) throws StoreException {
        String source = file.toString();
        List<String> notes = new ArrayList<>();
        List<IngestJournal.Run> complete = new ArrayList<>();
        for (IngestJournal.Run run : journal.matching(key.key(), source)) {
            if (run.interrupted()) {
                IngestJournal.Recovered r = journal.recover(run, source);
                notes.add(String.format(Locale.ROOT, "an earlier ingest of %s was interrupted after reading %d of %d bytes "
                        + "(%d bytes not stored); its %d flows were removed, ingesting it again",
                        run.source(), run.readOffset(), run.size(), r.bytesNotStored(), r.flowsRemoved()));
            } else {
                complete.add(run);
            }
        }
        if (!complete.isEmpty() && !replace) {
            for (IngestJournal.Run run : complete) {
                // runs from before content keys: the same name and size is taken as the same file
                boolean same = run.key() == null ? run.size() == key.size() : run.key().equals(key.key());
                if (same) {
                    return new Skip(source + ": already ingested" + (run.source().equals(source) ? "" : " as " + run.source())
                            + ", skipped (--replace ingests it again)");
                }
            }
            return new Refuse(source + ": a different file was ingested under this name before; "
                    + "--replace removes it and ingests this one");
        }
        for (IngestJournal.Run run : complete) {
            var removed = journal.replace(run);
            notes.add("removed the earlier ingest of " + run.source() + " (" + removed.getOrDefault("flow_rows", 0L)
                    + " flows) to ingest it again");
        }
        return new Go(journal.begin(source, key.key(), key.size(), startedNs), notes);
    }
}
