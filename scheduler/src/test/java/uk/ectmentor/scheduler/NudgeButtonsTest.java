package uk.ectmentor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.meeting.PreMeetingReview;
import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.testing.LearningFixtures;
import uk.ectmentor.core.testing.TestBot;

/**
 * Every nudge kind, rendered with the stores' nudge inputs, and every button on it pressed through the
 * core engine as the person the nudge is for: each must be a command the core understands.
 */
class NudgeButtonsTest {
    private final TestBot bot = LearningFixtures.bot();
    private final NudgeComposer composer = new NudgeComposer(bot.storage.people(), LearningFixtures.content(),
            bot.storage.actions(), bot.storage.nudgeInputs());

    @AfterEach
    void stop() {
        bot.close();
    }

    private NudgeStore.Nudge nudge(NudgeKind kind, String ref) {
        String person = kind.forMentor() ? DemoData.MENTOR : DemoData.ECT;
        Instant due = bot.clock.instant();
        return new NudgeStore.Nudge("n-" + kind, DemoData.PAIRING, person, kind, ref, 4, 6, due, due,
                NudgeStore.Status.CLAIMED, "test", due, 0, null);
    }

    @Test
    void everyButtonOfEveryNudgeIsUnderstood() {
        String actionId = bot.storage.actions().openFor(DemoData.ECT).get(0).id();
        bot.storage.plans().save(new ActionPlan(DemoData.ECT, DemoData.SCHOOL,
                List.of(new ActionPlan.Target("Use mini whiteboards in maths", null)), LocalDate.of(2027, 1, 15), bot.clock.instant()));
        int pressed = 0;
        for (NudgeKind kind : NudgeKind.values()) {
            List<Message> messages = composer.compose(nudge(kind, kind == NudgeKind.ACTION_FOLLOW_UP ? actionId : null))
                    .orElseThrow(() -> new AssertionError(kind + " composed nothing"));
            List<Button> buttons = buttons(messages);
            assertThat(buttons).as(kind + " has buttons").isNotEmpty();
            String user = kind.forMentor() ? DemoData.MENTOR : DemoData.ECT;
            for (Button button : buttons) {
                List<Message> replies = bot.engine.handle(Inbound.action(UserRef.web(user), button.actionId(), button.value(),
                        "press-" + kind + "-" + pressed++));
                String text = String.join("\n", replies.stream().map(Message::plainText).toList());
                assertThat(text).as(kind + " button " + button.label() + " (" + button.value() + ")")
                        .isNotBlank()
                        .doesNotContain("didn't understand")
                        .doesNotContain("save that to your learning log as a reflection");
                bot.engine.handle(Inbound.text(UserRef.web(user), "cancel", "cancel-" + pressed));
            }
        }
        assertThat(pressed).isGreaterThanOrEqualTo(NudgeKind.values().length);
    }

    @Test
    void thePlanReviewButtonShowsThePlan() {
        bot.storage.plans().save(new ActionPlan(DemoData.ECT, DemoData.SCHOOL,
                List.of(new ActionPlan.Target("Use mini whiteboards in maths", null)), LocalDate.of(2027, 1, 15), bot.clock.instant()));
        Button review = buttons(composer.compose(nudge(NudgeKind.PLAN_REVIEW, null)).orElseThrow()).get(0);
        String text = String.join("\n", bot.engine.handle(Inbound.action(UserRef.web(DemoData.ECT), review.actionId(), review.value(), "p-1"))
                .stream().map(Message::plainText).toList());
        assertThat(text).contains("Use mini whiteboards in maths");
    }

    @Test
    void theMentorsDayBeforeNudgeShowsTheirMenteesAnswersAndAuditFocus() {
        bot.storage.meetings().saveReview(new PreMeetingReview(DemoData.PAIRING, DemoData.ECT, 4, 6, null, null,
                "Ran the hinge question", "20 of 28 right first time", "Reteach on Monday", bot.clock.instant()));
        bot.storage.audits().save(new uk.ectmentor.core.audit.AuditRecord(DemoData.ECT, DemoData.SCHOOL, 4,
                uk.ectmentor.core.audit.AuditRecord.Round.START, 1,
                List.of(new uk.ectmentor.core.audit.AuditRecord.Rating("4.1 Checks", "Emerging", null)), bot.clock.instant()));
        String text = composer.compose(nudge(NudgeKind.MENTOR_PREP, null)).orElseThrow().get(0).plainText();
        assertThat(text).contains("What I did: Ran the hinge question").contains("4.1 Checks (Emerging)");
        List<ActionStep> open = bot.storage.actions().openFor(DemoData.ECT);
        assertThat(text).contains(open.get(0).text());
    }

    @Test
    void theDayBeforeNudgeShowsAnEctsRecordsOnlyToTheirOwnMentorInTheirSchool() {
        bot.storage.meetings().saveReview(new PreMeetingReview(DemoData.PAIRING, DemoData.ECT, 4, 6, null, null,
                "Ran the hinge question", "20 of 28", "Reteach", bot.clock.instant()));
        var people = bot.storage.people();
        people.saveSchool(new uk.ectmentor.core.people.School("other", "Other School", java.time.ZoneId.of("Europe/London")));
        people.savePerson(new uk.ectmentor.core.people.Person("rex", "other", "Rex", uk.ectmentor.core.people.Role.MENTOR, "Primary", null));
        people.savePairing(new uk.ectmentor.core.people.Pairing("pair-rex", "other", "rex", DemoData.ECT, 4, 6));
        Instant due = bot.clock.instant();
        NudgeStore.Nudge forged = new NudgeStore.Nudge("n-rex", "pair-rex", "rex", NudgeKind.MENTOR_PREP, null, 4, 6, due, due,
                NudgeStore.Status.CLAIMED, "test", due, 0, null);
        String text = composer.compose(forged).orElseThrow().get(0).plainText();
        String action = bot.storage.actions().openFor(DemoData.ECT).get(0).text();
        assertThat(text).doesNotContain(action).doesNotContain("hinge question");
        assertThat(composer.compose(nudge(NudgeKind.MENTOR_PREP, null)).orElseThrow().get(0).plainText())
                .contains(action).contains("hinge question");
    }

    private static List<Button> buttons(List<Message> messages) {
        List<Button> out = new ArrayList<>();
        for (Message m : messages) {
            for (Block b : m.blocks()) {
                if (b instanceof Block.Buttons) {
                    out.addAll(((Block.Buttons) b).buttons());
                }
            }
        }
        return out;
    }
}
