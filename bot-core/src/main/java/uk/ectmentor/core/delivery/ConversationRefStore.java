package uk.ectmentor.core.delivery;

import java.time.Instant;
import java.util.Optional;

import uk.ectmentor.core.chat.UserRef;

/**
 * Where a platform adapter keeps what it needs to message a person unprompted (for Teams, the
 * conversation reference). The reference is opaque to the core: a string the adapter wrote and alone reads.
 */
public interface ConversationRefStore {

    /**
     * @param reference the adapter's own serialised reference (JSON for Teams)
     * @param reachable false once the person removed the app (or the platform said they are gone)
     */
    record Stored(UserRef user, String reference, boolean reachable, Instant updatedAt) {
    }

    /** Saves or refreshes the reference and marks the person reachable again. */
    void save(UserRef user, String reference, Instant at);

    Optional<Stored> find(UserRef user);

    /** Keeps the reference but marks the person unreachable (app removed, user gone); a later save undoes it. */
    void markUnreachable(UserRef user, Instant at);
}
