package uk.ectmentor.core.rights;

import java.time.LocalDate;
import java.util.List;

/** When each person's induction ends, for deleting their records a set time afterwards. */
public interface RetentionStore {
    void setInductionEnd(String personId, String schoolId, LocalDate endsOn);

    /** People whose induction ended before {@code day}: person id and school id. */
    List<Ended> endedBefore(LocalDate day);

    record Ended(String personId, String schoolId, LocalDate endedOn) {
    }
}
