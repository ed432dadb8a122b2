package uk.ectmentor.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;

/**
 * Builds a nudge's message at send time from the core's data as it is then (the session, the ECT's open
 * actions, answers), so nothing stale is stored in the schedule. Empty when there is nothing left to say
 * (the action was done, the pairing is gone).
 */
public final class NudgeComposer {
    static final String CONTROLS = "Nudges: say *snooze a week*, *skip this week*, *pause* or *stop*.";

    private final PeopleStore people;
    private final ContentPack content;
    private final ActionStore actions;
    private final NudgeInputs extra;

    public NudgeComposer(PeopleStore people, ContentPack content, ActionStore actions, NudgeInputs extra) {
        this.people = people;
        this.content = content;
        this.actions = actions;
        this.extra = extra;
    }

    public Optional<List<Message>> compose(NudgeStore.Nudge n) {
        var pairing = people.pairing(n.pairingId());
        if (pairing.isEmpty()) {
            return Optional.empty();
        }
        String ectId = pairing.get().ectId();
        String ectName = people.person(ectId).map(Person::name).orElse("your ECT");
        String mentorName = people.person(pairing.get().mentorId()).map(Person::name).orElse("your mentor");
        int m = n.module();
        int w = n.week();
        Optional<Session> mentorSession = content.find(m, w, SessionKind.MENTOR);
        Message.Builder b = Message.builder();
        switch (n.kind()) {
            case MENTOR_PREP -> {
                b.heading("Tomorrow with " + ectName + ": Module " + m + " week " + w
                        + mentorSession.map(s -> ", " + s.title()).orElse(""));
                mentorSession.ifPresent(s -> {
                    b.text("*Learning intentions*").bullets(s.learningIntentions().stream().map(LearningIntention::display).toList());
                    b.text("*Sections* (" + s.totalMinutes() + " min in all)")
                            .bullets(s.sections().stream().map(x -> x.name() + ": " + x.timing()).toList());
                });
                if (mentorSession.isEmpty()) {
                    b.note("No session content is loaded for this week.");
                }
                // the ECT's actions, answers and audit go only to a reader the access policy allows (their own mentor)
                if (!uk.ectmentor.core.trust.AccessPolicy.allows(people, people.person(n.personId()).orElse(null), ectId,
                        uk.ectmentor.core.trust.AccessPolicy.Resource.ACTION, false)) {
                    b.buttons(Button.command("Open session prompts", "prompts"));
                    break;
                }
                List<ActionStep> open = actions.openFor(ectId);
                b.text("*" + ectName + "'s open actions*");
                if (open.isEmpty()) {
                    b.note("None open.");
                } else {
                    b.bullets(open.stream().map(a -> a.text() + " (set in module " + a.module() + " week " + a.week() + ")").toList());
                }
                List<String> answers = extra.preMeetingAnswers(ectId, m, w);
                if (!answers.isEmpty()) {
                    b.text("*Before the meeting, " + ectName + " wrote*").bullets(answers);
                }
                List<String> focus = extra.auditFocus(ectId, m);
                if (!focus.isEmpty()) {
                    b.text("*Audit focus areas*").bullets(focus);
                }
                b.buttons(Button.command("Open session prompts", "prompts"));
            }
            case ECT_REVIEW -> {
                List<ActionStep> open = actions.openFor(ectId);
                b.heading("Meeting with " + mentorName + " tomorrow");
                open.stream().reduce((a, c) -> c).ifPresent(a -> b.text("Last week's action: _" + a.text() + "_"));
                b.text("Three questions to think about before you meet:")
                        .numbered(List.of("What did you actually do, and when?",
                                "What did you notice in your pupils' work or behaviour as a result?",
                                "What will you keep, change or drop next time?"))
                        .buttons(Button.command("Note my answers as a reflection", "reflect"));
            }
            case MEETING_START -> b.heading("Meeting time with " + ectName)
                    .text("Module " + m + " week " + w + mentorSession.map(s -> ": " + s.title()).orElse("")
                            + mentorSession.map(s -> " (" + s.totalMinutes() + " min)").orElse(""))
                    .buttons(Button.primary("Start the meeting co-pilot", uk.ectmentor.core.chat.Actions.SAY, "prompts"));
            case ECT_REFLECT -> {
                b.heading("How did the meeting go?");
                actions.openFor(ectId).stream().reduce((a, c) -> c)
                        .ifPresent(a -> b.text("The action you're working on: _" + a.text() + "_"));
                b.text("A few lines now, while it's fresh, make next week's review easier.")
                        .buttons(Button.command("Log a reflection", "reflect"), Button.command("My learning log", "log"));
            }
            case SELF_STUDY -> {
                Optional<Session> study = content.find(m, w, SessionKind.ECT);
                b.heading("Self-study: Module " + m + " week " + w + study.map(s -> ", " + s.title()).orElse(""));
                if (study.isPresent() && study.get().totalMinutes() > 0) {
                    b.text("Estimated time: about " + study.get().totalMinutes() + " minutes.");
                } else {
                    b.note("Your programme gives no time estimate for this week's study.");
                }
                b.buttons(Button.command("Log what I learned", "reflect"));
            }
            case ACTION_FOLLOW_UP -> {
                Optional<ActionStep> action = actions.openFor(ectId).stream().filter(a -> a.id().equals(n.ref())).findFirst();
                if (action.isEmpty()) {
                    return Optional.empty();
                }
                b.heading("Follow-up day for your action").text("_" + action.get().text() + "_")
                        .text("How did it go? Your mentor will ask at the next Review.")
                        .buttons(Button.command("Log a reflection", "reflect"));
            }
            case AUDIT -> b.heading("Module " + m + " starts this week")
                    .text("Before your first meeting, rate yourself against the module's self-assessment audit "
                            + "(Emerging, Developing or Secure), so you and " + mentorName + " can pick what to focus on.")
                    .buttons(Button.command("Start the audit", "audit"));
            case RE_AUDIT -> b.heading("Last week of Module " + m)
                    .text("Rate yourself against the module's audit again, to see how far you have come since week 1.")
                    .buttons(Button.command("Start the audit", "audit"));
            case PLAN_REVIEW -> b.heading("Time to review your action plan")
                    .text("Your year-2 action plan is due for review. Look back at what you set and what has changed.")
                    .buttons(Button.command("Review my plan", "plan review"), Button.command("My learning log", "log"));
            default -> {
                return Optional.empty();
            }
        }
        b.note(CONTROLS);
        List<Message> out = new ArrayList<>();
        out.add(b.build());
        return Optional.of(out);
    }
}
