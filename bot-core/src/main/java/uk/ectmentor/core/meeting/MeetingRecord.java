package uk.ectmentor.core.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What was said and agreed in one mentor meeting, shared by the mentor and the ECT.
 *
 * @param notes          the mentor's notes, by section name, in section order
 * @param activitiesUsed the activities marked as used, as "Section: activity title"
 * @param actionId       the precise action agreed at the end, or null
 */
public record MeetingRecord(String id, String schoolId, String pairingId, String mentorId, String ectId, int module, int week,
                            String sessionTitle, Map<String, String> notes, List<String> activitiesUsed, String actionId,
                            Instant savedAt) {
    public MeetingRecord {
        notes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
        activitiesUsed = List.copyOf(activitiesUsed);
    }

    public MeetingRecord withAction(String newActionId) {
        return new MeetingRecord(id, schoolId, pairingId, mentorId, ectId, module, week, sessionTitle, notes, activitiesUsed,
                newActionId, savedAt);
    }
}
