package uk.ectmentor.core.rights;

import java.time.Instant;
import java.util.List;

/** What admins (and erasures) did, kept apart from the data they acted on: ids and action names only. */
public interface AuditTrail {
    /**
     * @param action  e.g. "erase", "export", "roster.import", "retention.erase"
     * @param subject the person acted on (an id), or a short description such as a file name
     */
    record Event(String id, String schoolId, String actorId, String action, String subject, Instant at) {
    }

    void record(Event event);

    /** The school's newest events first. */
    List<Event> recent(String schoolId, int limit);
}
