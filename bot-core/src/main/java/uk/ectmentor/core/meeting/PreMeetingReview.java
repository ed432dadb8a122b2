package uk.ectmentor.core.meeting;

import java.time.Instant;

/**
 * The ECT's answers, before a meeting, to the three Review questions about last week's action.
 *
 * @param actionId the action reviewed, or null when there was none open
 */
public record PreMeetingReview(String pairingId, String ectId, int module, int week, String actionId, String actionText,
                               String did, String impact, String next, Instant savedAt) {
}
