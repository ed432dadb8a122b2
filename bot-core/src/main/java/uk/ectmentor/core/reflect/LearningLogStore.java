package uk.ectmentor.core.reflect;

import java.util.List;
import java.util.Optional;

/** Learning logs. */
public interface LearningLogStore {
    /**
     * Appends an entry unless one from the same person and source key is already there.
     *
     * @return the stored entry: the new one, or the one stored before from the same source
     */
    Appended append(LogEntry entry);

    Optional<LogEntry> bySource(String personId, String sourceKey);

    /** The person's newest entries first. */
    List<LogEntry> recent(String personId, int limit);

    record Appended(LogEntry entry, boolean isNew) {
    }
}
