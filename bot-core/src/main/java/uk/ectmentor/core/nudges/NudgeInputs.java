package uk.ectmentor.core.nudges;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Data other features own that nudges use when present: the ECT's pre-meeting answers, the audit's
 * focus areas, the ECT's chosen self-study day and the year-2 action plan's review date. Each is optional;
 * a nudge leaves out what is absent. {@link #NONE} knows none of them.
 */
public interface NudgeInputs {
    NudgeInputs NONE = new NudgeInputs() {
    };

    /** The ECT's answers to the pre-meeting questions for this module and week, one line each. */
    default List<String> preMeetingAnswers(String ectId, int module, int week) {
        return List.of();
    }

    /** The areas the ECT's latest self-assessment audit marks for focus. */
    default List<String> auditFocus(String ectId, int module) {
        return List.of();
    }

    /** The weekday the ECT does their self-directed study, when they chose one. */
    default Optional<DayOfWeek> selfStudyDay(String pairingId) {
        return Optional.empty();
    }

    /** When the year-2 action plan is next reviewed. */
    default Optional<LocalDate> planReviewDate(String ectId) {
        return Optional.empty();
    }
}
