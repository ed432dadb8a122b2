package uk.ectmentor.core.people;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * A mentor and their ECT, when they meet, and where they are in the programme.
 *
 * @param module      the module the pair is working through now
 * @param week        the week within that module
 * @param meetingDay  the weekday of their weekly meeting (null until agreed)
 * @param meetingTime the school-local time of their weekly meeting (null until agreed)
 */
public record Pairing(String id, String schoolId, String mentorId, String ectId, int module, int week,
                      DayOfWeek meetingDay, LocalTime meetingTime) {

    public Pairing(String id, String schoolId, String mentorId, String ectId, int module, int week) {
        this(id, schoolId, mentorId, ectId, module, week, null, null);
    }

    public Pairing atWeek(int newModule, int newWeek) {
        return new Pairing(id, schoolId, mentorId, ectId, newModule, newWeek, meetingDay, meetingTime);
    }

    public Pairing meetingAt(DayOfWeek day, LocalTime time) {
        return new Pairing(id, schoolId, mentorId, ectId, module, week, day, time);
    }

    public boolean involves(String personId) {
        return mentorId.equals(personId) || ectId.equals(personId);
    }
}
