package uk.ectmentor.core.delivery;

import java.time.Instant;
import java.util.List;

import uk.ectmentor.core.chat.Message;

/**
 * Messages waiting for a web chat user, shown on their next message or page load. Putting twice with
 * the same key keeps one copy.
 */
public interface WebInbox {
    void put(String handle, String key, List<Message> messages, Instant at);

    /** Everything waiting for the handle, oldest first; each is handed out once. */
    List<Message> take(String handle);
}
