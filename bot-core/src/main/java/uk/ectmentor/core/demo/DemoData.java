package uk.ectmentor.core.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;

/**
 * A demo school for trying the bot with no set-up: mentor {@code alex} and ECT {@code sam}, paired as
 * {@code demo} at Module 4 week 6, meeting on Thursdays at 15:30, with one open action from the week before. Installing twice changes
 * nothing the users have done since.
 */
public final class DemoData {
    public static final String SCHOOL = "demo-school";
    public static final String PAIRING = "demo";
    public static final String MENTOR = "alex";
    public static final String ECT = "sam";
    static final String ACTION = "demo-action-m4w5";

    private DemoData() {
    }

    public static void install(PeopleStore people, ActionStore actions, Clock clock) {
        if (people.person(MENTOR).isPresent()) {
            return;
        }
        people.saveSchool(new School(SCHOOL, "Demo Academy", ZoneId.of("Europe/London")));
        people.savePerson(new Person(MENTOR, SCHOOL, "Alex", Role.MENTOR, "Secondary", "Mathematics"));
        people.savePerson(new Person(ECT, SCHOOL, "Sam", Role.ECT, "Secondary", "Mathematics", 1));
        people.linkIdentity(UserRef.web(MENTOR), MENTOR);
        people.linkIdentity(UserRef.web(ECT), ECT);
        people.savePairing(new Pairing(PAIRING, SCHOOL, MENTOR, ECT, 4, 6, DayOfWeek.THURSDAY, LocalTime.of(15, 30)));
        actions.save(new ActionStep(ACTION, SCHOOL, PAIRING, ECT,
                "Give Year 9 whole-class feedback on Tuesday's homework, then have every pupil redraft one answer in the first ten minutes",
                4, 5, ActionStep.Status.OPEN, clock.instant(), null, null));
    }
}
