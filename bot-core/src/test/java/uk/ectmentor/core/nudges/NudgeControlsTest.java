package uk.ectmentor.core.nudges;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.MentorBot;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.testing.CoreChannel;
import uk.ectmentor.core.testing.Reply;
import uk.ectmentor.core.testing.TestBot;

/** The nudge commands, through the engine, on the embedded store (clock: Wednesday 25 November 2026). */
class NudgeControlsTest {
    private final TestBot bot = new TestBot();
    private final ConversationEngine engine = bot.engine;
    private final CoreChannel chat = new CoreChannel(engine, () -> bot.clock.advance(Duration.ofMinutes(1)));
    private final PreferencesStore prefs = bot.storage.preferences();

    @AfterEach
    void close() {
        bot.close();
    }

    private String say(String user, String text) {
        List<Reply> replies = chat.say(user, text);
        return String.join("\n", replies.stream().map(Reply::text).toList());
    }

    @Test
    void snoozeAWeekThenStartAgain() {
        assertThat(say("sam", "snooze a week")).contains("no nudges until Wednesday 2 December");
        NudgePreferences p = prefs.get("sam");
        assertThat(p.snoozedUntil()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(p.verdict(LocalDateTime.of(2026, 12, 1, 16, 0)).kind()).isEqualTo(NudgePreferences.Verdict.Kind.SKIP);
        assertThat(p.verdict(LocalDateTime.of(2026, 12, 2, 16, 0)).kind()).isEqualTo(NudgePreferences.Verdict.Kind.SEND);
        assertThat(say("sam", "start")).contains("on again");
        assertThat(prefs.get("sam").snoozedUntil()).isNull();
    }

    @Test
    void skipThisWeekCoversMondayToSunday() {
        assertThat(say("alex", "skip this week")).contains("Monday 30 November");
        NudgePreferences p = prefs.get("alex");
        assertThat(p.verdict(LocalDateTime.of(2026, 11, 29, 23, 0)).reason()).isEqualTo("skipped week");
        assertThat(p.verdict(LocalDateTime.of(2026, 11, 30, 8, 0)).kind()).isEqualTo(NudgePreferences.Verdict.Kind.SEND);
    }

    @Test
    void pauseLastsUntilNextTermAndStopUntilStart() {
        assertThat(say("sam", "pause")).contains("Monday 4 January");
        assertThat(prefs.get("sam").verdict(LocalDateTime.of(2026, 12, 17, 9, 0)).reason()).isEqualTo("paused");
        assertThat(say("sam", "stop")).contains("won't nudge you");
        assertThat(prefs.get("sam").verdict(LocalDateTime.of(2027, 5, 1, 9, 0)).reason()).isEqualTo("stopped");
        assertThat(say("sam", "nudges")).contains("stopped");
        say("sam", "start");
        assertThat(say("sam", "nudges")).contains("Nudges are *on*");
    }

    @Test
    void quietHoursDeferToTheirEndAndBadTimesAreExplained() {
        assertThat(say("alex", "quiet hours 20:00-07:00")).contains("from 20:00 to 07:00");
        NudgePreferences p = prefs.get("alex");
        assertThat(p.verdict(LocalDateTime.of(2026, 12, 1, 21, 30)).deferTo()).isEqualTo(LocalDateTime.of(2026, 12, 2, 7, 0));
        assertThat(p.verdict(LocalDateTime.of(2026, 12, 2, 6, 0)).deferTo()).isEqualTo(LocalDateTime.of(2026, 12, 2, 7, 0));
        assertThat(p.verdict(LocalDateTime.of(2026, 12, 2, 16, 0)).kind()).isEqualTo(NudgePreferences.Verdict.Kind.SEND);
        assertThat(say("alex", "quiet hours 9pm to 6am")).contains("from 21:00 to 06:00");
        assertThat(prefs.get("alex").quietFrom()).isEqualTo(LocalTime.of(21, 0));
        assertThat(say("alex", "quiet hours whenever")).contains("couldn't read").contains("20:00-07:00");
        assertThat(prefs.get("alex").quietFrom()).isEqualTo(LocalTime.of(21, 0));
        assertThat(say("alex", "quiet hours off")).contains("off");
        assertThat(prefs.get("alex").hasQuietHours()).isFalse();
    }

    @Test
    void anEctChoosesTheSelfStudyDayAndThePlannerSeesIt() {
        assertThat(say("sam", "study day")).contains("school day after your meeting");
        assertThat(say("sam", "study day thursdays")).contains("Thursdays");
        assertThat(prefs.get("sam").studyDay()).isEqualTo(java.time.DayOfWeek.THURSDAY);
        assertThat(bot.storage.nudgeInputs().selfStudyDay(uk.ectmentor.core.demo.DemoData.PAIRING))
                .contains(java.time.DayOfWeek.THURSDAY);
        assertThat(say("sam", "nudges")).contains("Self-study nudge: Thursdays");
        assertThat(say("sam", "snooze a week")).contains("Snoozed");
        assertThat(say("sam", "start")).contains("on again");
        assertThat(prefs.get("sam").studyDay()).as("start keeps the chosen day").isEqualTo(java.time.DayOfWeek.THURSDAY);

        assertThat(say("sam", "study day saturday")).contains("couldn't read \"saturday\" as a school day");
        assertThat(say("sam", "study day th")).contains("couldn't read");
        assertThat(prefs.get("sam").studyDay()).isEqualTo(java.time.DayOfWeek.THURSDAY);
        assertThat(say("sam", "study day default")).contains("back to the school day after your meeting");
        assertThat(prefs.get("sam").studyDay()).isNull();
        assertThat(bot.storage.nudgeInputs().selfStudyDay(uk.ectmentor.core.demo.DemoData.PAIRING)).isEmpty();
    }

    @Test
    void aMentorIsToldTheStudyNudgeIsForEcts() {
        assertThat(say("alex", "study day monday")).contains("for ECTs");
        assertThat(prefs.get("alex").studyDay()).isNull();
        assertThat(say("alex", "nudges")).doesNotContain("Self-study");
    }

    @Test
    void weekdaysReadFromNamesAndShortForms() {
        assertThat(NudgeControls.weekday("Weds")).isEqualTo(java.time.DayOfWeek.WEDNESDAY);
        assertThat(NudgeControls.weekday("tues")).isEqualTo(java.time.DayOfWeek.TUESDAY);
        assertThat(NudgeControls.weekday("thurs")).isEqualTo(java.time.DayOfWeek.THURSDAY);
        assertThat(NudgeControls.weekday("FRIDAY")).isEqualTo(java.time.DayOfWeek.FRIDAY);
        assertThat(NudgeControls.weekday("mon")).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(NudgeControls.weekday("sunday")).isNull();
        assertThat(NudgeControls.weekday("t")).isNull();
        assertThat(NudgeControls.weekday("tomorrow")).isNull();
    }

    @Test
    void eachPersonGetsTheirOwnPairingsCalendarLink() {
        String sam = say("sam", "calendar");
        assertThat(sam).contains("With Alex: https://bot.example.org/api/pairings/" + uk.ectmentor.core.demo.DemoData.PAIRING + "/calendar.ics?key=")
                .contains("Subscribe from web");
        String key = sam.substring(sam.indexOf("key=") + 4, sam.indexOf("key=") + 36);
        assertThat(TestBot.FEEDS.opens(uk.ectmentor.core.demo.DemoData.PAIRING, key)).isTrue();
        assertThat(say("alex", "my calendar")).contains("With Sam: ").contains("key=" + key);
        assertThat(say("newcomer", "calendar")).doesNotContain("calendar.ics");
    }
}
