package uk.ectmentor.core.onboarding;

import java.time.Instant;

/**
 * An invite code. A school code (from an induction tutor) lets anyone join the school; a pairing code (from a
 * mentor or an ECT) also pairs the person who uses it with the one who made it, and works once.
 *
 * @param usedBy who used a pairing code, or null while it is unused
 */
public record Invite(String code, String schoolId, String inviterId, boolean pairs, Instant createdAt, String usedBy) {
    /** How long a code works after it is made: the inviter makes a new one after that. */
    public static final java.time.Duration LIFETIME = java.time.Duration.ofDays(14);

    /** True from {@link #LIFETIME} after the code was made. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(createdAt.plus(LIFETIME));
    }
}
