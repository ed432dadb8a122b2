package uk.ectmentor.core.people;

/**
 * A mentor and their ECT, and where they are in the programme.
 *
 * @param module the module the pair is working through now
 * @param week   the week within that module
 */
public record Pairing(String id, String schoolId, String mentorId, String ectId, int module, int week) {
    public Pairing atWeek(int newModule, int newWeek) {
        return new Pairing(id, schoolId, mentorId, ectId, newModule, newWeek);
    }

    public boolean involves(String personId) {
        return mentorId.equals(personId) || ectId.equals(personId);
    }
}
