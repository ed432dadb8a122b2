package uk.ectmentor.core.actions;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A precise action an ECT agreed with their mentor, followed up at the next meeting's Review.
 *
 * @param module          the module and week in which it was set
 * @param dueOn           the follow-up date, or null
 * @param outcome         what happened, once done
 * @param successCriteria how the ECT and mentor will know it worked, or null
 * @param doneAt          when it was marked done, or null
 */
public record ActionStep(String id, String schoolId, String pairingId, String ectId, String text,
                         int module, int week, Status status, Instant createdAt, LocalDate dueOn, String outcome,
                         String successCriteria, Instant doneAt) {

    public enum Status { OPEN, DONE }

    public ActionStep(String id, String schoolId, String pairingId, String ectId, String text,
                      int module, int week, Status status, Instant createdAt, LocalDate dueOn, String outcome) {
        this(id, schoolId, pairingId, ectId, text, module, week, status, createdAt, dueOn, outcome, null, null);
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public ActionStep done(String what, Instant when) {
        return new ActionStep(id, schoolId, pairingId, ectId, text, module, week, Status.DONE, createdAt, dueOn, what,
                successCriteria, when);
    }
}
