package uk.ectmentor.core.prompts;

import uk.ectmentor.core.trust.AccessPolicy;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Handler;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.meeting.MeetingFlow;
import uk.ectmentor.core.meeting.MeetingStore;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;

/**
 * Session prompts for the mentor mid-meeting: one section of this week's mentor session at a time, with
 * its minutes and prompts; Review carries the ECT's open actions from earlier weeks; a button moves on.
 */
public final class PromptsFlow {
    /** Button action: show a section; value {@code <sessionId>|<sectionIndex>}. */
    public static final String SHOW_SECTION = "prompts.section";
    static final String REMEMBERED = "prompts.at";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK).withZone(ZoneOffset.UTC);

    private final PeopleStore people;
    private final ContentPack content;
    private final ActionStore actions;
    private final ConversationStore conversations;

    private final MeetingStore meetings;
    private final Handler ectReview;

    public PromptsFlow(PeopleStore people, ContentPack content, ActionStore actions, ConversationStore conversations) {
        this(people, content, actions, conversations, null, null);
    }

    /**
     * @param meetings  where the ECT's pre-meeting answers are, shown at Review (null: none shown)
     * @param ectReview what an ECT gets for "review": their pre-meeting questions (null: the mentor's prompts)
     */
    public PromptsFlow(PeopleStore people, ContentPack content, ActionStore actions, ConversationStore conversations,
                       MeetingStore meetings, Handler ectReview) {
        this.people = people;
        this.content = content;
        this.actions = actions;
        this.conversations = conversations;
        this.meetings = meetings;
        this.ectReview = ectReview;
    }

    public void register(Router router) {
        router.command("prompts", t -> showNamed(t, null), "session prompts", "meeting prompts")
              .command("review", t -> ectReview != null && t.person().is(Role.ECT) ? ectReview.handle(t) : showNamed(t, "Review"))
              .command("plan", t -> showNamed(t, "Plan"))
              .command("theory", t -> showNamed(t, "Theory to Practice"), "theory to practice", "t2p")
              .command("next steps", t -> showNamed(t, "Next Steps"), "nextsteps")
              .command("next", this::next, "next section")
              .action(SHOW_SECTION, this::showAction)
              .describe("prompts", "prompts", "this week's meeting, one section at a time (also: review, plan, theory, next steps, next)");
    }

    private List<Message> showNamed(Turn turn, String sectionName) {
        Optional<Context> ctx = context(turn.person());
        if (ctx.isEmpty()) {
            return noSession(turn.person());
        }
        Session session = ctx.get().session();
        int index = 0;
        if (sectionName != null) {
            index = indexOf(session, sectionName);
            if (index < 0) {
                return List.of(Message.builder()
                        .text("This week's session has no " + sectionName + " section. Its sections are:")
                        .bullets(session.sections().stream().map(s -> s.name() + " (" + s.timing() + ")").toList())
                        .build());
            }
        }
        return show(turn, ctx.get(), index);
    }

    private List<Message> next(Turn turn) {
        Optional<Context> ctx = context(turn.person());
        if (ctx.isEmpty()) {
            return noSession(turn.person());
        }
        Session session = ctx.get().session();
        ConversationState state = conversations.get(turn.person().id()).orElse(null);
        int index = 0;
        String at = state == null ? null : state.get(REMEMBERED);
        if (at != null && at.startsWith(session.id() + "|")) {
            index = Integer.parseInt(at.substring(at.indexOf('|') + 1)) + 1;
        }
        if (index >= session.sections().size()) {
            return List.of(Message.builder()
                    .text("That was the last section of this week's session.")
                    .buttons(Button.command("Start again from Review", "prompts"))
                    .build());
        }
        return show(turn, ctx.get(), index);
    }

    private List<Message> showAction(Turn turn) {
        String value = turn.actionValue() == null ? "" : turn.actionValue();
        int bar = value.lastIndexOf('|');
        Optional<Context> ctx = context(turn.person());
        if (bar < 0 || ctx.isEmpty()) {
            return noSession(turn.person());
        }
        Optional<Session> session = content.byId(value.substring(0, bar));
        int index;
        try {
            index = Integer.parseInt(value.substring(bar + 1));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (session.isEmpty() || index < 0 || index >= session.get().sections().size()) {
            return List.of(Message.text("That button points at a section I can't find any more. Say *prompts* to start again."));
        }
        return show(turn, new Context(ctx.get().pairing(), session.get(), ctx.get().ect()), index);
    }

    private List<Message> show(Turn turn, Context ctx, int index) {
        Session session = ctx.session();
        Section section = session.sections().get(index);
        ConversationState state = conversations.get(turn.person().id())
                .orElse(ConversationState.empty(turn.person().id(), turn.now()));
        conversations.put(state.with(REMEMBERED, session.id() + "|" + index, turn.now()));

        Message.Builder m = Message.builder()
                .heading(section.name() + " · " + section.timing())
                .note("Module " + session.module() + ", week " + session.week() + ": " + session.title()
                        + " · with " + ctx.ect().name())
                .progress(index + 1, session.sections().size(), "Section");
        if (section.summary() != null) {
            m.text(section.summary());
        }
        if (index == 0 || section.name().equalsIgnoreCase("Review")) {
            if (!AccessPolicy.allows(people, turn.person(), ctx.ect().id(), AccessPolicy.Resource.ACTION, false)) {
                m.note("Only " + ctx.ect().name() + "'s own mentor sees their actions and answers.");
            } else if (meetings != null) {
                MeetingFlow.reviewBlocks(actions, meetings, ctx.pairing(), ctx.ect().name()).forEach(m::block);
            } else {
                List<ActionStep> open = actions.openFor(ctx.ect().id());
                if (open.isEmpty()) {
                    m.text("*" + ctx.ect().name() + "'s open actions:* none recorded.");
                } else {
                    m.text("*" + ctx.ect().name() + "'s open actions:*");
                    m.bullets(open.stream()
                            .map(a -> a.text() + " (set in module " + a.module() + " week " + a.week()
                                    + (a.dueOn() == null ? "" : ", follow up by " + DAY.format(a.dueOn().atStartOfDay(ZoneOffset.UTC))) + ")")
                            .toList());
                }
            }
        }
        for (Activity activity : section.activities()) {
            m.text("*" + activity.title() + "*" + (activity.text() == null ? "" : "\n" + activity.text()));
            m.bullets(activity.prompts());
        }
        List<Button> buttons = new ArrayList<>();
        if (index + 1 < session.sections().size()) {
            Section next = session.sections().get(index + 1);
            buttons.add(Button.primary("Next: " + next.name() + " (" + next.timing() + ")", SHOW_SECTION, session.id() + "|" + (index + 1)));
        }
        if (index > 0) {
            buttons.add(Button.of("Back: " + session.sections().get(index - 1).name(), SHOW_SECTION, session.id() + "|" + (index - 1)));
        }
        if (meetings != null && turn.person().is(Role.MENTOR)) {
            buttons.add(Button.command("Run it with notes", "meeting"));
        }
        m.buttons(buttons);
        return List.of(m.build());
    }

    private static int indexOf(Session session, String name) {
        for (int i = 0; i < session.sections().size(); i++) {
            if (session.sections().get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private List<Message> noSession(Person person) {
        List<Pairing> pairings = people.pairingsOf(person.id());
        if (pairings.isEmpty()) {
            return List.of(Message.text("You're not paired with anyone yet, so there's no session to show. "
                    + "Your induction tutor can pair you with your mentor or ECT."));
        }
        Pairing p = pairings.get(0);
        return List.of(Message.text("I don't have the mentor session for module " + p.module() + ", week " + p.week()
                + " in my content yet. Your programme lead can add it to the school's content pack."));
    }

    private Optional<Context> context(Person person) {
        List<Pairing> pairings = people.pairingsOf(person.id());
        if (pairings.isEmpty()) {
            return Optional.empty();
        }
        Pairing pairing = pairings.get(0);
        Optional<Session> session = content.find(pairing.module(), pairing.week(), SessionKind.MENTOR);
        Optional<Person> ect = people.person(pairing.ectId());
        if (session.isEmpty() || ect.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Context(pairing, session.get(), ect.get()));
    }

    private record Context(Pairing pairing, Session session, Person ect) {
    }

}
