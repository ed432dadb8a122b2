package uk.ectmentor.core.nudges;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.audit.AuditRecord;
import uk.ectmentor.core.audit.AuditRecord.Rating;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.meeting.PreMeetingReview;
import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.testing.LearningFixtures;
import uk.ectmentor.core.testing.TestBot;

/** The nudge inputs read from the real meeting, audit and plan stores on the embedded server. */
class StoredNudgeInputsTest {
    private final TestBot bot = LearningFixtures.bot();
    private final NudgeInputs inputs = bot.storage.nudgeInputs();

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void preMeetingAnswersAreTheEctsOwnForThatWeek() {
        bot.storage.meetings().saveReview(new PreMeetingReview(DemoData.PAIRING, DemoData.ECT, 4, 6, null, null,
                "Ran the hinge question", "20 of 28 right first time", "  ", bot.clock.instant()));
        bot.storage.meetings().saveReview(new PreMeetingReview("pair-jo-kim", "kim", 4, 6, null, null,
                "Kim's answer", "Kim's impact", "Kim's next", bot.clock.instant()));

        assertThat(inputs.preMeetingAnswers(DemoData.ECT, 4, 6))
                .containsExactly("What I did: Ran the hinge question", "Impact on pupils, and how I know: 20 of 28 right first time");
        assertThat(inputs.preMeetingAnswers(DemoData.ECT, 4, 7)).isEmpty();
        assertThat(inputs.preMeetingAnswers(DemoData.MENTOR, 4, 6)).isEmpty();
        assertThat(inputs.preMeetingAnswers("kim", 4, 6)).noneMatch(a -> a.contains("hinge"));
    }

    @Test
    void auditFocusIsTheEmergingAndDevelopingCriteriaOfTheLatestRound() {
        assertThat(inputs.auditFocus(DemoData.ECT, 4)).isEmpty();
        bot.storage.audits().save(new AuditRecord(DemoData.ECT, DemoData.SCHOOL, 4, AuditRecord.Round.START, 1, List.of(
                new Rating("4.1 Checks", "Emerging", null), new Rating("4.2 Feedback", "Developing", "some"),
                new Rating("4.3 Questioning", "Secure", null)), bot.clock.instant()));
        assertThat(inputs.auditFocus(DemoData.ECT, 4)).containsExactly("4.1 Checks (Emerging)", "4.2 Feedback (Developing)");

        bot.storage.audits().save(new AuditRecord(DemoData.ECT, DemoData.SCHOOL, 4, AuditRecord.Round.END, 6, List.of(
                new Rating("4.1 Checks", "Secure", null), new Rating("4.2 Feedback", "developing", null),
                new Rating("4.3 Questioning", "Secure", null)), bot.clock.instant()));
        assertThat(inputs.auditFocus(DemoData.ECT, 4)).containsExactly("4.2 Feedback (developing)");
        assertThat(inputs.auditFocus(DemoData.ECT, 3)).isEmpty();
        assertThat(inputs.auditFocus("kim", 4)).isEmpty();
    }

    @Test
    void planReviewDateComesFromThePlanStore() {
        assertThat(inputs.planReviewDate(DemoData.ECT)).isEmpty();
        bot.storage.plans().save(new ActionPlan(DemoData.ECT, DemoData.SCHOOL,
                List.of(new ActionPlan.Target("Use mini whiteboards in maths", null)), LocalDate.of(2027, 1, 15), bot.clock.instant()));
        assertThat(inputs.planReviewDate(DemoData.ECT)).contains(LocalDate.of(2027, 1, 15));
        assertThat(inputs.planReviewDate("kim")).isEmpty();
    }
}
