package uk.ectmentor.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An ECT's Year 2 action plan (made at Module 5 week 7): SMART targets and the date they will review
 * progress, which the scheduler reminds them of.
 *
 * @param reviewOn the review date in the school's calendar
 */
public record ActionPlan(String personId, String schoolId, List<Target> targets, LocalDate reviewOn,
                         Instant createdAt) {
    public ActionPlan {
        targets = List.copyOf(targets);
    }

    /**
     * @param text       the target as the ECT worded it, with what they added when asked
     * @param unanswered SMART letters the ECT chose to leave as they were (empty when every check passed)
     */
    public record Target(String text, String unanswered) {
    }
}
