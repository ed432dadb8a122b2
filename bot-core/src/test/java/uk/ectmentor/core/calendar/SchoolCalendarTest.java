package uk.ectmentor.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.people.School;

class SchoolCalendarTest {
    private final SchoolCalendar england = CalendarLoader.englandDefault();

    @Test
    void theEnglandDefaultHasTheDemoSchoolsTermsAndHalfTerms() {
        assertThat(england.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(england.isHoliday(LocalDate.of(2026, 9, 1))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2026, 9, 2))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2026, 10, 26))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2026, 10, 30))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2026, 11, 2))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2026, 12, 18))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2026, 12, 21))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2027, 1, 4))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2027, 2, 17))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2027, 4, 9))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2027, 4, 12))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2027, 6, 1))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2027, 7, 21))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2027, 7, 22))).isTrue();
    }

    @Test
    void bankHolidaysInTermAreHolidays() {
        // Good Friday 2027 is the last day of the spring term; the early May bank holiday falls in the summer term
        assertThat(england.isHoliday(LocalDate.of(2027, 3, 26))).isTrue();
        assertThat(england.isHoliday(LocalDate.of(2027, 5, 3))).isTrue();
        assertThat(england.isSchoolDay(LocalDate.of(2027, 5, 4))).isTrue();
        assertThat(england.bankHolidays()).contains(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 8, 30));
    }

    @Test
    void theWeekCounterSkipsHolidayWeeks() {
        assertThat(england.isTeachingWeek(LocalDate.of(2026, 10, 28))).isFalse();
        assertThat(england.isTeachingWeek(LocalDate.of(2026, 10, 21))).isTrue();
        // from the week before half term to the week after: one teaching week, not two
        assertThat(england.teachingWeeksBetween(LocalDate.of(2026, 10, 19), LocalDate.of(2026, 11, 2))).isEqualTo(1);
        assertThat(england.teachingWeeksBetween(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 10, 19))).isEqualTo(-1);
        // Christmas: the week of 14 December to the week of 4 January is one step
        assertThat(england.teachingWeeksBetween(LocalDate.of(2026, 12, 14), LocalDate.of(2027, 1, 4))).isEqualTo(1);
        assertThat(england.nextTermStart(LocalDate.of(2026, 11, 25))).contains(LocalDate.of(2027, 1, 4));
    }

    @Test
    void termDatesImportFromIcs() {
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-CALNAME:Oak School 2026-27",
                "BEGIN:VEVENT", "SUMMARY:Autumn term", "DTSTART;VALUE=DATE:20260903", "DTEND;VALUE=DATE:20261218", "END:VEVENT",
                "BEGIN:VEVENT", "SUMMARY:Half term", "DTSTART;VALUE=DATE:20261026", "DTEND;VALUE=DATE:20261031", "END:VEVENT",
                "BEGIN:VEVENT", "SUMMARY:INSET day", "DTSTART;VALUE=DATE:20261102", "END:VEVENT",
                "END:VCALENDAR");
        SchoolCalendar cal = CalendarLoader.ics(ics, "oak.ics", ZoneId.of("Europe/London"));
        assertThat(cal.name()).isEqualTo("Oak School 2026-27");
        assertThat(cal.isHoliday(LocalDate.of(2026, 9, 2))).isTrue();
        assertThat(cal.isSchoolDay(LocalDate.of(2026, 9, 3))).isTrue();
        assertThat(cal.isSchoolDay(LocalDate.of(2026, 12, 17))).isTrue();
        assertThat(cal.isHoliday(LocalDate.of(2026, 12, 18))).isTrue(); // DTEND is exclusive
        assertThat(cal.isHoliday(LocalDate.of(2026, 10, 30))).isTrue();
        assertThat(cal.isHoliday(LocalDate.of(2026, 11, 2))).isTrue();
        assertThat(cal.isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
    }

    @Test
    void aSchoolsOwnFileReplacesTheDefaultInTheSchoolsZone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("oak.yaml"), """
                name: Oak
                terms:
                  - {name: Autumn, start: 2026-09-07, end: 2026-12-16}
                closures:
                  - {name: Half term, start: 2026-10-19, end: 2026-10-23}
                bank-holidays: []
                """);
        SchoolCalendars calendars = new SchoolCalendars(dir);
        SchoolCalendar oak = calendars.forSchool(new School("oak", "Oak", ZoneId.of("Europe/Dublin")));
        assertThat(oak.zone()).isEqualTo(ZoneId.of("Europe/Dublin"));
        assertThat(oak.isHoliday(LocalDate.of(2026, 9, 3))).isTrue();
        assertThat(oak.isHoliday(LocalDate.of(2026, 10, 20))).isTrue();
        assertThat(oak.isSchoolDay(LocalDate.of(2026, 10, 27))).isTrue();
        SchoolCalendar other = calendars.forSchool(new School("elm", "Elm", ZoneId.of("Europe/London")));
        assertThat(other.isSchoolDay(LocalDate.of(2026, 9, 2))).isTrue();
    }

    @Test
    void aBadFileSaysWhereAndWhat() {
        assertThatThrownBy(() -> CalendarLoader.yaml("terms:\n  - {name: Autumn, start: 2026-13-01, end: 2026-12-18}\n", "bad.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageContaining("bad.yaml").hasMessageContaining("terms[0].start");
        assertThatThrownBy(() -> CalendarLoader.yaml("terms:\n  - {name: Autumn, start: 2026-12-18, end: 2026-09-01}\n", "bad.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageContaining("ends");
        assertThatThrownBy(() -> CalendarLoader.yaml("name: x\n", "empty.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageContaining("terms is missing");
    }
}
