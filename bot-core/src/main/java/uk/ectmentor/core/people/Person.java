package uk.ectmentor.core.people;

/**
 * A person who uses the bot.
 *
 * @param phase EYFS, Primary, Secondary, SEND or Alternative provision; null until known
 */
public record Person(String id, String schoolId, String name, Role role, String phase, String subject) {
    public boolean is(Role r) {
        return role == r;
    }
}
