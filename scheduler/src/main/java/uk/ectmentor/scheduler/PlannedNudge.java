package uk.ectmentor.scheduler;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One nudge in a pairing's plan: who gets it, what kind, when (school-local and as an instant), and the
 * programme week it belongs to. The id is derived from those, so planning twice gives the same ids.
 *
 * @param ref what the nudge is about beyond its kind (an action id), or null
 */
public record PlannedNudge(String id, String pairingId, String personId, NudgeKind kind, String ref,
                           int module, int week, LocalDateTime local, ZoneId zone, Instant due) {

    static PlannedNudge of(String pairingId, String personId, NudgeKind kind, String ref, int module, int week,
                           LocalDateTime local, ZoneId zone) {
        String id = pairingId + ":" + kind.code() + ":" + personId + ":" + local.toLocalDate() + (ref == null ? "" : ":" + ref);
        // a local time that does not exist (clocks going forward) moves on by the gap: it still fires that day
        Instant due = local.atZone(zone).toInstant();
        return new PlannedNudge(id, pairingId, personId, kind, ref, module, week, local, zone, due);
    }
}
