package uk.ectmentor.core.identity;

import java.time.Instant;
import java.util.Optional;

/** One-time codes that join a second platform identity to a person. */
public interface LinkCodeStore {
    /** A code issued to a person, valid until {@code expiresAt}. */
    record LinkCode(String code, String personId, String issuedTo, Instant expiresAt) {
    }

    /**
     * Stores a new code.
     *
     * @return false when the code is already taken (the caller picks another)
     */
    boolean add(LinkCode code);

    /** Takes the code out of the store (once: a second take finds nothing), expired or not. */
    Optional<LinkCode> take(String code);

    /** Deletes codes that expired before {@code now}. */
    long deleteExpired(Instant now);
}
