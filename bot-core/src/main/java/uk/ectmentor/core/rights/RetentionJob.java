package uk.ectmentor.core.rights;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Housekeeping: erases the records of everyone whose induction ended more than {@code months} months ago.
 * A job the scheduler calls (daily is plenty), not a TTL index: the embedded store has none, and an
 * erasure spans several collections. Each erasure is written to the audit trail.
 */
public final class RetentionJob {
    private final RetentionStore retention;
    private final PersonalDataStore data;
    private final AuditTrail audit;
    private final Clock clock;
    private final int months;

    public RetentionJob(RetentionStore retention, PersonalDataStore data, AuditTrail audit, Clock clock, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("retention must be at least one month, not " + months);
        }
        this.retention = retention;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
        this.months = months;
    }

    /** @return how many people's records were erased */
    public int run() {
        LocalDate cutoff = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusMonths(months);
        int erased = 0;
        for (RetentionStore.Ended ended : retention.endedBefore(cutoff)) {
            data.erase(ended.personId());
            audit.record(new AuditTrail.Event(UUID.randomUUID().toString(), ended.schoolId(), "retention",
                    "retention.erase", ended.personId(), clock.instant()));
            erased++;
        }
        return erased;
    }
}
