package uk.ectmentor.core.onboarding;

import java.time.Instant;

import java.util.Optional;

/** Invite codes. */
public interface InviteStore {
    void save(Invite invite);

    Optional<Invite> find(String code);

    /**
     * Marks a pairing code used by {@code personId}, atomically: of two people using the same code at once only
     * one gets it. School codes are never used up.
     *
     * @return the invite if this person may use it now
     */
    Optional<Invite> claim(String code, String personId);

    /**
     * Records that {@code who} (a person id, or {@code ref:<identity>} for a stranger) typed a code that does not
     * exist, and forgets attempts older than a day.
     *
     * @return their failed attempts in the current clock hour, this one included
     */
    int failedAttempt(String who, Instant at);

    /** The failed attempts {@code who} made in the clock hour of {@code at}. */
    int failedAttempts(String who, Instant at);
}
