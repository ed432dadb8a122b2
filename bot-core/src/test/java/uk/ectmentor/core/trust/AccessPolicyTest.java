package uk.ectmentor.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.trust.AccessPolicy.Resource;

/** Hostile cases for every rule: each one tries to read what it must not. */
class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();

    private final Person ect = new Person("ect", "s1", "Sam", Role.ECT, "Secondary", null, 1);
    private final Person otherEct = new Person("ect2", "s1", "Kim", Role.ECT, "Secondary", null, 1);
    private final Person mentor = new Person("mentor", "s1", "Alex", Role.MENTOR, "Secondary", null);
    private final Person otherMentor = new Person("mentor2", "s1", "Jo", Role.MENTOR, "Secondary", null);
    private final Person tutor = new Person("tutor", "s1", "Lee", Role.INDUCTION_TUTOR, null, null);
    private final Person admin = new Person("admin", "s1", "Ria", Role.ADMIN, null, null);
    private final Person foreignMentor = new Person("mentor", "s2", "Alex", Role.MENTOR, null, null);
    private final Person foreignAdmin = new Person("admin2", "s2", "Max", Role.ADMIN, null, null);
    private final Pairing pairing = new Pairing("pair", "s1", "mentor", "ect", 1, 1);
    private final Pairing otherPairing = new Pairing("pair2", "s1", "mentor2", "ect2", 1, 1);

    @Test
    void anEctReadsEverythingOfTheirOwnAndNothingOfAnotherEct() {
        for (Resource r : Resource.values()) {
            assertThat(policy.mayRead(ect, ect, r, false, List.of(pairing))).as(r.name()).isTrue();
            assertThat(policy.mayRead(ect, otherEct, r, true, List.of(pairing))).as(r.name()).isFalse();
        }
    }

    @Test
    void aMentorSeesOnlySharedEntriesOfTheirOwnMentee() {
        List<Pairing> mine = List.of(pairing);
        assertThat(policy.mayRead(mentor, ect, Resource.LOG_ENTRY, false, mine)).isFalse();
        assertThat(policy.mayRead(mentor, ect, Resource.LOG_ENTRY, true, mine)).isTrue();
        assertThat(policy.mayRead(mentor, ect, Resource.MEETING_RECORD, false, mine)).isTrue();
        assertThat(policy.mayRead(mentor, ect, Resource.ACTION, false, mine)).isTrue();
        assertThat(policy.mayRead(mentor, ect, Resource.AUDIT, false, mine)).isTrue();
        assertThat(policy.mayRead(mentor, otherEct, Resource.LOG_ENTRY, true, mine)).isFalse();
        assertThat(policy.mayRead(mentor, otherEct, Resource.ACTION, false, mine)).isFalse();
    }

    @Test
    void aMentorCannotBorrowSomeoneElsesPairing() {
        // the pairing list handed in belongs to another mentor: it proves nothing about this one
        assertThat(policy.mayRead(mentor, otherEct, Resource.ACTION, true, List.of(otherPairing))).isFalse();
        assertThat(policy.mayRead(otherMentor, ect, Resource.LOG_ENTRY, true, List.of(pairing))).isFalse();
        assertThat(policy.mayRead(mentor, ect, Resource.ACTION, true, null)).isFalse();
    }

    @Test
    void nothingCrossesSchoolsEvenWithTheSameIds() {
        // a mentor in school 2 with the same person id as the real mentor
        assertThat(policy.mayRead(foreignMentor, ect, Resource.LOG_ENTRY, true, List.of(pairing))).isFalse();
        assertThat(policy.mayRead(foreignMentor, ect, Resource.ACTION, true,
                List.of(new Pairing("pair", "s2", "mentor", "ect", 1, 1)))).isFalse();
        assertThat(policy.mayRead(foreignAdmin, ect, Resource.ENGAGEMENT, false, List.of())).isFalse();
        assertThat(policy.mayReadEngagement(foreignAdmin, pairing)).isFalse();
        assertThat(policy.mayManage(foreignAdmin, ect)).isFalse();
        assertThat(policy.mayAdminister(foreignAdmin, "s1")).isFalse();
    }

    @Test
    void aTutorSeesEngagementAndNeverText() {
        for (Resource r : List.of(Resource.LOG_ENTRY, Resource.MEETING_RECORD, Resource.ACTION, Resource.AUDIT)) {
            assertThat(policy.mayRead(tutor, ect, r, true, List.of())).as(r.name()).isFalse();
        }
        assertThat(policy.mayRead(tutor, ect, Resource.ENGAGEMENT, false, List.of())).isTrue();
        assertThat(policy.mayReadEngagement(tutor, pairing)).isTrue();
        assertThat(policy.mayManage(tutor, ect)).isFalse();
        assertThat(policy.mayAdminister(tutor, "s1")).isFalse();
    }

    @Test
    void anAdminManagesTheirSchoolButDoesNotReadReflections() {
        assertThat(policy.mayManage(admin, ect)).isTrue();
        assertThat(policy.mayAdminister(admin, "s1")).isTrue();
        assertThat(policy.mayAdminister(admin, "s2")).isFalse();
        assertThat(policy.mayRead(admin, ect, Resource.LOG_ENTRY, true, List.of())).isFalse();
        assertThat(policy.mayReadEngagement(admin, otherPairing)).isTrue();
    }

    @Test
    void onlyThePairsOwnMentorSeesItsEngagementAmongMentors() {
        assertThat(policy.mayReadEngagement(mentor, pairing)).isTrue();
        assertThat(policy.mayReadEngagement(mentor, otherPairing)).isFalse();
        assertThat(policy.mayReadEngagement(ect, pairing)).isFalse();
    }

    @Test
    void forgedAndOperatorLikeIdsMatchNothing() {
        Person forged = new Person("{\"$ne\": null}", "s1", "X", Role.MENTOR, null, null);
        Pairing lure = new Pairing("p", "s1", "{\"$ne\": null}", "{\"$ne\": null}", 1, 1);
        assertThat(policy.mayRead(forged, ect, Resource.LOG_ENTRY, true, List.of(lure))).isFalse();
        Person nullSchool = new Person("mentor", null, "X", Role.MENTOR, null, null);
        assertThat(policy.mayRead(nullSchool, new Person("ect", null, "Y", Role.ECT, null, null), Resource.ACTION, true,
                List.of(new Pairing("p", null, "mentor", "ect", 1, 1)))).isFalse();
        assertThat(policy.mayRead(null, ect, Resource.ACTION, true, List.of())).isFalse();
        assertThat(policy.mayManage(ect, otherEct)).isFalse();
    }

    @Test
    void visibleFiltersAList() {
        record Entry(String text, boolean shared) { }
        List<Entry> entries = List.of(new Entry("private", false), new Entry("shared", true));
        assertThat(policy.visible(mentor, ect, Resource.LOG_ENTRY, entries, Entry::shared, List.of(pairing)))
                .extracting(Entry::text).containsExactly("shared");
        assertThat(policy.visible(tutor, ect, Resource.LOG_ENTRY, entries, Entry::shared, List.of(pairing))).isEmpty();
    }
}
