package uk.ectmentor.core.trust;

import java.util.List;
import java.util.Objects;

import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;

/**
 * Who may see or manage what, decided in the core so every platform and tool gets the same answer.
 *
 * <ul>
 *   <li>Nothing crosses schools: the viewer, the owner and any pairing relied on must all be in one school.</li>
 *   <li>An ECT's learning-log entries are private to them unless shared.</li>
 *   <li>A mentor sees their own mentees' shared entries, meeting records, actions and audits, and nobody else's.</li>
 *   <li>An induction tutor sees engagement counts for their school, never the text of anything.</li>
 *   <li>A programme admin manages their school (people, pairings, roster, erasure) and sees engagement, not
 *       reflection text.</li>
 * </ul>
 * Ids are compared as plain strings: a forged or odd id (an operator-looking string included) simply matches
 * nothing.
 */
public final class AccessPolicy {

    /** Kinds of record a person may ask to see. */
    public enum Resource { LOG_ENTRY, MEETING_RECORD, ACTION, AUDIT, ACTION_PLAN, PRE_MEETING_ANSWERS, ENGAGEMENT }

    private static final AccessPolicy POLICY = new AccessPolicy();

    /**
     * May {@code viewer} read the record of this kind owned by {@code ownerId}? Both people and the viewer's
     * pairings are read from the store, never taken from the request; an unknown owner matches nothing.
     */
    public static boolean allows(uk.ectmentor.core.people.PeopleStore people, Person viewer, String ownerId, Resource resource,
                                 boolean shared) {
        if (viewer == null || ownerId == null) {
            return false;
        }
        if (viewer.id().equals(ownerId)) {
            return true;
        }
        Person owner = people.person(ownerId).orElse(null);
        return POLICY.mayRead(viewer, owner, resource, shared, people.pairingsOf(viewer.id()));
    }

    /**
     * May {@code viewer} read {@code owner}'s record of this kind?
     *
     * @param shared          for a log entry, whether the owner shared it with their mentor
     * @param viewerPairings  the viewer's pairings, as the store holds them (never taken from the request)
     */
    public boolean mayRead(Person viewer, Person owner, Resource resource, boolean shared, List<Pairing> viewerPairings) {
        if (viewer == null || owner == null || resource == null || !sameSchool(viewer, owner)) {
            return false;
        }
        if (viewer.id().equals(owner.id())) {
            return true;
        }
        switch (viewer.role()) {
            case MENTOR:
                if (!mentors(viewer, owner, viewerPairings)) {
                    return false;
                }
                return resource != Resource.LOG_ENTRY || shared;
            case INDUCTION_TUTOR:
            case ADMIN:
                return resource == Resource.ENGAGEMENT;
            default:
                return false;
        }
    }

    /** May {@code viewer} see the engagement counts of this pairing? Tutors and admins of its school, and its own mentor. */
    public boolean mayReadEngagement(Person viewer, Pairing pairing) {
        if (viewer == null || pairing == null || viewer.schoolId() == null || !viewer.schoolId().equals(pairing.schoolId())) {
            return false;
        }
        if (viewer.is(Role.INDUCTION_TUTOR) || viewer.is(Role.ADMIN)) {
            return true;
        }
        return viewer.is(Role.MENTOR) && viewer.id().equals(pairing.mentorId());
    }

    /** May {@code actor} manage (export, erase, re-pair) {@code subject}? Themselves, or an admin of the same school. */
    public boolean mayManage(Person actor, Person subject) {
        if (actor == null || subject == null || !sameSchool(actor, subject)) {
            return false;
        }
        return actor.id().equals(subject.id()) || actor.is(Role.ADMIN);
    }

    /** May {@code actor} import a roster or manage pairings for {@code schoolId}? Admins of that school. */
    public boolean mayAdminister(Person actor, String schoolId) {
        return actor != null && actor.is(Role.ADMIN) && schoolId != null && schoolId.equals(actor.schoolId());
    }

    /** The records of {@code owner} that {@code viewer} may read; the rest are left out. */
    public <T> List<T> visible(Person viewer, Person owner, Resource resource, List<T> records,
                               java.util.function.Predicate<T> isShared, List<Pairing> viewerPairings) {
        return records.stream().filter(r -> mayRead(viewer, owner, resource, isShared.test(r), viewerPairings)).toList();
    }

    private static boolean mentors(Person mentor, Person ect, List<Pairing> mentorPairings) {
        if (mentorPairings == null) {
            return false;
        }
        return mentorPairings.stream().anyMatch(p -> Objects.equals(p.mentorId(), mentor.id())
                && Objects.equals(p.ectId(), ect.id())
                && Objects.equals(p.schoolId(), mentor.schoolId())
                && Objects.equals(p.schoolId(), ect.schoolId()));
    }

    private static boolean sameSchool(Person a, Person b) {
        return a.schoolId() != null && a.schoolId().equals(b.schoolId());
    }
}
