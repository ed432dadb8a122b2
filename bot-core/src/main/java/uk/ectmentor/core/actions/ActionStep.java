package uk.ectmentor.core.actions;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A precise action an ECT agreed with their mentor, followed up at the next meeting's Review.
 *
 * @param module the module and week in which it was set
 * @param dueOn  the follow-up date, or null
 * @param outcome what happened, once done
 */
public record ActionStep(String id, String schoolId, String pairingId, String ectId, String text,
                         int module, int week, Status status, Instant createdAt, LocalDate dueOn, String outcome) {

    public enum Status { OPEN, DONE }

    public boolean isOpen() {
        return status == Status.OPEN;
    }
}
