package uk.ectmentor.core.people;

/**
 * A person who uses the bot.
 *
 * @param phase          EYFS, Primary, Secondary, SEND or Alternative provision; null until known
 * @param inductionYear  1 or 2 for an ECT; 0 when not applicable or not known
 */
public record Person(String id, String schoolId, String name, Role role, String phase, String subject, int inductionYear) {

    public Person(String id, String schoolId, String name, Role role, String phase, String subject) {
        this(id, schoolId, name, role, phase, subject, 0);
    }

    public boolean is(Role r) {
        return role == r;
    }
}
