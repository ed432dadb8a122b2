package uk.ectmentor.core.roster;

import java.time.Instant;
import java.util.List;

import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;

/**
 * Activity counts for the engagement report: when things happened and of what kind, never what they said.
 * Every query is scoped by school.
 */
public interface EngagementStore {
    /**
     * @param kind "reflection", "meeting", "action.set" or "action.done"
     * @param personId the ECT it belongs to
     * @param pairingId the pairing, when the record names one (actions); null for log entries
     */
    record Activity(String personId, String pairingId, String kind, Instant at) {
    }

    /** The school's activity between {@code from} (inclusive) and {@code to} (exclusive). */
    List<Activity> activity(String schoolId, Instant from, Instant to);

    /** The school's pairings. */
    List<Pairing> pairings(String schoolId);

    /** The school's people. */
    List<Person> people(String schoolId);
}
