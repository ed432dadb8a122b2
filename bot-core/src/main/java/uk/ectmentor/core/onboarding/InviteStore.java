package uk.ectmentor.core.onboarding;

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
}
