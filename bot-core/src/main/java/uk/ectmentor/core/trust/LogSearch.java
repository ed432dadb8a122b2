package uk.ectmentor.core.trust;

import java.util.List;

import uk.ectmentor.core.reflect.LogEntry;

/** Finding a person's own learning-log entries by a word, though the text is encrypted at rest. */
public interface LogSearch {
    /** The person's entries holding {@code word} as a whole word, newest first. */
    List<LogEntry> withWord(String personId, String word, int limit);
}
