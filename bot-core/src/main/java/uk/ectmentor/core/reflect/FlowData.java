package uk.ectmentor.core.reflect;

import uk.ectmentor.core.trust.AccessPolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;

/**
 * Small helpers the learning flows (guided reflection, audit, action plan, log edits) share: ending a flow
 * with its own values cleared, spotting a platform retry of the turn just handled, and where a person is
 * in the programme.
 */
public final class FlowData {
    /** The delivery id of the turn that finished a flow and saved something; a retry of it is answered, not re-saved. */
    public static final String SAVED_DELIVERY = "saved.delivery";
    /** The answer to give a retry of that turn. */
    public static final String SAVED_WHAT = "saved.what";

    private FlowData() {
    }

    /** Leaves the flow, dropping every value whose key starts with {@code prefix} and setting {@code values}. */
    public static void end(ConversationStore store, ConversationState state, String prefix, Map<String, String> values,
                           Turn turn) {
        Map<String, String> data = new HashMap<>();
        state.data().forEach((k, v) -> {
            if (!k.startsWith(prefix)) {
                data.put(k, v);
            }
        });
        values.forEach((k, v) -> {
            if (v == null) data.remove(k); else data.put(k, v);
        });
        store.put(new ConversationState(state.personId(), null, null, data, turn.now()));
    }

    /** Marks that this turn finished a flow, so a retry of the same delivery gets {@code answer} and changes nothing. */
    public static Map<String, String> saved(Turn turn, String answer) {
        Map<String, String> values = new HashMap<>();
        values.put(SAVED_DELIVERY, turn.deliveryId());
        values.put(SAVED_WHAT, answer);
        return values;
    }

    /** True when this turn is a platform retry of the last turn the flow handled (stored under {@code key}). */
    public static boolean isRetry(Turn turn, ConversationState state, String key) {
        return turn.deliveryId() != null && turn.deliveryId().equals(state.get(key));
    }

    private static final AccessPolicy POLICY = new AccessPolicy();

    /** The person's pairing (as ECT or mentor), if any. */
    public static Optional<Pairing> pairing(PeopleStore people, Person person) {
        List<Pairing> pairings = people.pairingsOf(person.id());
        return pairings.stream().filter(p -> p.ectId().equals(person.id())).findFirst()
                .or(() -> pairings.stream().findFirst());
    }

    /**
     * Appends an entry to the person's learning log, tagged with the module and week their pairing is at;
     * the same {@code source} never produces two entries.
     */
    public static LearningLogStore.Appended append(PeopleStore people, LearningLogStore log, Turn turn, String kind,
                                                   String text, String source, boolean shared) {
        Person person = turn.person();
        Optional<Pairing> pairing = pairing(people, person);
        int module = pairing.map(Pairing::module).orElse(0);
        int week = pairing.map(Pairing::week).orElse(0);
        return log.append(new LogEntry(java.util.UUID.randomUUID().toString(), person.id(), person.schoolId(), kind,
                module, week, text.strip(), turn.now(), shared, source));
    }

    /** The ECTs this person mentors. */
    public static List<Person> mentees(PeopleStore people, Person mentor) {
        List<Pairing> pairings = people.pairingsOf(mentor.id());
        return pairings.stream()
                .filter(p -> p.mentorId().equals(mentor.id()))
                .map(p -> people.person(p.ectId()))
                .flatMap(Optional::stream)
                .filter(ect -> POLICY.mayRead(mentor, ect, AccessPolicy.Resource.MEETING_RECORD, false, pairings))
                .toList();
    }

    /** The mentee this mentor named (by name, first name or id, any case); empty when they mentor no one by that name. */
    public static Optional<Person> mentee(PeopleStore people, Person mentor, String name) {
        String wanted = name.strip().toLowerCase(java.util.Locale.ROOT);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return mentees(people, mentor).stream()
                .filter(p -> p.id().equalsIgnoreCase(wanted) || p.name().equalsIgnoreCase(wanted)
                        || p.name().toLowerCase(java.util.Locale.ROOT).split("\\s+")[0].equals(wanted))
                .findFirst();
    }

    /** The name of the ECT's mentor, or null when they have none yet. */
    public static String mentorOf(PeopleStore people, Person ect) {
        return people.pairingsOf(ect.id()).stream().filter(p -> p.ectId().equals(ect.id()))
                .map(p -> people.person(p.mentorId())).flatMap(Optional::stream)
                .map(Person::name).findFirst().orElse(null);
    }
}
