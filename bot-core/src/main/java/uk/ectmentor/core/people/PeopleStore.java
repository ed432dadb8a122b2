package uk.ectmentor.core.people;

import java.util.List;
import java.util.Optional;

import uk.ectmentor.core.chat.UserRef;

/** Schools, people, their platform identities and their pairings. */
public interface PeopleStore {
    void saveSchool(School school);

    Optional<School> school(String id);

    void savePerson(Person person);

    Optional<Person> person(String id);

    /** Everyone at the school, by name. */
    List<Person> peopleIn(String schoolId);

    /** Links a platform identity to a person; a later link for the same identity replaces it. */
    void linkIdentity(UserRef ref, String personId);

    Optional<Person> personFor(UserRef ref);

    /** Every platform identity linked to the person (where nudges can reach them). */
    List<UserRef> identitiesOf(String personId);

    void savePairing(Pairing pairing);

    Optional<Pairing> pairing(String id);

    /** The pairings a person is part of, as mentor or as ECT. */
    List<Pairing> pairingsOf(String personId);

    /** The person's pairing (the first, for a mentor with several ECTs), if they have one. */
    default Optional<Pairing> pairingOf(String personId) {
        return pairingsOf(personId).stream().findFirst();
    }

    /** All pairings in id order, a page at a time: those after {@code afterId} (null for the first page). */
    List<Pairing> pairings(String afterId, int limit);
}
