package uk.ectmentor.core.reflect;

import java.util.List;
import java.util.Optional;

/**
 * Learning logs. Every read and change is scoped to the person who owns the entry: there is no way to
 * reach another person's entry by id alone, and {@link #sharedOf} is the only view of someone else's log.
 */
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

    /** One of the person's own entries. */
    Optional<LogEntry> byId(String personId, String entryId);

    /** Only the entries the person has shared, newest first: what their mentor may read. */
    List<LogEntry> sharedOf(String personId, int limit);

    /** Shares or unshares one of the person's own entries; empty when they have no such entry. */
    Optional<LogEntry> setShared(String personId, String entryId, boolean shared);

    /** Replaces the text of one of the person's own entries; empty when they have no such entry. */
    Optional<LogEntry> updateText(String personId, String entryId, String text);

    /** Deletes one of the person's own entries; false when there was none (already deleted). */
    boolean delete(String personId, String entryId);

    record Appended(LogEntry entry, boolean isNew) {
    }
}
