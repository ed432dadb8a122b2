package uk.ectmentor.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.Optional;

import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.actions.ActionsFlow;
import uk.ectmentor.core.chat.Actions;
import uk.ectmentor.core.engine.Intents;
import uk.ectmentor.core.meeting.ContractingFlow;
import uk.ectmentor.core.meeting.MeetingFlow;
import uk.ectmentor.core.meeting.MeetingStore;
import uk.ectmentor.core.meeting.PreMeetingReviewFlow;
import uk.ectmentor.core.onboarding.InviteStore;
import uk.ectmentor.core.onboarding.OnboardingFlow;
import uk.ectmentor.core.audit.AuditFlow;
import uk.ectmentor.core.audit.AuditStore;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.identity.LinkCodeStore;
import uk.ectmentor.core.identity.LinkFlow;
import uk.ectmentor.core.engine.Handler;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.nudges.NudgeControls;
import uk.ectmentor.core.nudges.PreferencesStore;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.plan.ActionPlanFlow;
import uk.ectmentor.core.plan.PlanStore;
import uk.ectmentor.core.programme.ProgrammeFlow;
import uk.ectmentor.core.prompts.PromptsFlow;
import uk.ectmentor.core.reflect.GibbsFlow;
import uk.ectmentor.core.reflect.LearningLogFlow;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.ReflectionFlow;

/**
 * Assembles the conversation engine: every feature registers its commands, actions and flows on one
 * {@link Router}. This is the one place a new feature is plugged in.
 */
public final class MentorBot {
    private MentorBot() {
    }

    /**
     * The stores and settings the bot runs on.
     *
     * @param preferences nudge preferences; null leaves the nudge commands out
     * @param calendars   school calendars (for "pause" until next term); null means England's default
     */
    public record Parts(PeopleStore people, ConversationStore conversations, LearningLogStore log,
                        ActionStore actions, ContentPack content, Clock clock, Duration flowIdleTimeout,
                        MeetingStore meetings, InviteStore invites, AuditStore audits, PlanStore plans,
                        uk.ectmentor.core.trust.TrustParts trust, LinkCodeStore linkCodes,
                        PreferencesStore preferences, SchoolCalendars calendars,
                        uk.ectmentor.core.nudges.CalendarFeeds feeds) {

        /** The same parts, with links to the pairings' nudge calendars. */
        public Parts withFeeds(uk.ectmentor.core.nudges.CalendarFeeds calendarFeeds) {
            return new Parts(people, conversations, log, actions, content, clock, flowIdleTimeout, meetings, invites, audits,
                    plans, trust, linkCodes, preferences, calendars, calendarFeeds);
        }
    }

    public static ConversationEngine engine(Parts parts) {
        Router router = new Router();
        ActionsFlow actions = new ActionsFlow(parts.people(), parts.actions(), parts.log(), parts.conversations());
        PreMeetingReviewFlow prepare = new PreMeetingReviewFlow(parts.people(), parts.actions(), parts.meetings(), parts.conversations());
        new PromptsFlow(parts.people(), parts.content(), parts.actions(), parts.conversations(), parts.meetings(), prepare::start)
                .register(router);
        new MeetingFlow(parts.people(), parts.content(), parts.actions(), parts.meetings(), parts.log(), parts.conversations(), actions)
                .register(router);
        prepare.register(router);
        actions.register(router);
        new ContractingFlow(parts.people(), parts.meetings(), parts.log(), parts.conversations()).register(router);
        OnboardingFlow onboarding = new OnboardingFlow(parts.people(), parts.invites(), parts.conversations(), parts.flowIdleTimeout());
        onboarding.register(router);
        new ProgrammeFlow(parts.people(), parts.content()).register(router);
        ReflectionFlow reflections = new ReflectionFlow(parts.people(), parts.log(), parts.conversations());
        reflections.register(router);
        new GibbsFlow(parts.people(), parts.log(), parts.conversations(), reflections).register(router);
        new LearningLogFlow(parts.people(), parts.log(), parts.conversations(), reflections).register(router);
        new AuditFlow(parts.people(), parts.content(), parts.audits(), parts.log(), parts.conversations()).register(router);
        new ActionPlanFlow(parts.people(), parts.plans(), parts.log(), parts.conversations()).register(router);
        new uk.ectmentor.core.rights.RightsFlow(parts.people(), parts.trust().personalData(), parts.trust().audit(), parts.clock()).register(router);
        new uk.ectmentor.core.roster.EngagementFlow(parts.people(), parts.trust().engagement(), parts.clock()).register(router);
        new uk.ectmentor.core.trust.SearchFlow(parts.people(), parts.trust().search()).register(router);
        LinkFlow links = new LinkFlow(parts.people(), parts.linkCodes(), parts.clock());
        links.register(router);
        Handler stranger = links.beforeStranger(onboarding::stranger);
        new NudgeControls(parts.people(), parts.preferences(), parts.calendars(), parts.feeds()).register(router);
        router.command("help", turn -> help(router, turn, false), "what can you do", "commands", "menu", "hi", "hello")
              .command("help all", turn -> help(router, turn, true), "all commands", "everything")
              .describe("help", "help / help all", "the commands for your role / every command");

        return new ConversationEngine(router, parts.people(), parts.conversations(), parts.clock(),
                parts.flowIdleTimeout(), stranger, turn -> {
                    if (turn.person().is(Role.ECT) && !looksLikeCommand(router, turn)) {
                        return reflections.offerToSave(turn);
                    }
                    return notUnderstood(router, turn);
                });
    }

    /** The commands each role reaches for first; {@code help all} lists the rest too. */
    private static final Map<Role, List<String>> FIRST_COMMANDS = Map.of(
            Role.MENTOR, List.of("prompts", "meeting", "last meeting", "set action", "my actions", "session", "search",
                    "shared reflections", "audit", "action plan", "nudges", "link", "help"),
            Role.ECT, List.of("reflect", "gibbs", "log", "share", "prepare", "my actions", "session", "scenario", "audit",
                    "action plan", "export log", "nudges", "link", "help"),
            Role.INDUCTION_TUTOR, List.of("invite", "pair", "engagement", "session", "search", "nudges", "link", "help"),
            Role.ADMIN, List.of("invite", "pair", "engagement", "session", "search", "link", "help"));

    static List<Message> help(Router router, Turn turn, boolean all) {
        List<String> first = FIRST_COMMANDS.getOrDefault(turn.person().role(), List.of());
        List<Router.Command> shown = router.describedCommands().stream()
                .filter(c -> all || first.contains(c.name()))
                .toList();
        Message.Builder m = Message.builder()
                .heading(all ? "Everything I can do" : "What I can do")
                .bullets(shown.stream().map(c -> "*" + c.usage() + "*: " + c.help()).toList());
        if (!all) {
            m.note("Say *help all* for every command (" + router.describedCommands().size() + ").");
        }
        return List.of(m.buttons(suggestions(turn)).build());
    }

    /** A short text close to a command ("promts", "my acions") is a typo, not a reflection. */
    static boolean looksLikeCommand(Router router, Turn turn) {
        return turn.text().strip().split("\\s+").length <= 3 && router.suggest(turn.text()).isPresent();
    }

    static List<Message> notUnderstood(Router router, Turn turn) {
        Optional<Intents.Suggestion> guess = router.suggest(turn.text());
        if (guess.isPresent()) {
            return List.of(Message.builder()
                    .text("Sorry, I didn't understand \"" + abbreviate(turn.text()) + "\". Did you mean *" + guess.get().phrase() + "*?")
                    .buttons(Button.primary("Yes: " + guess.get().phrase(), Actions.SAY, guess.get().phrase()),
                            Button.command("Show everything I can do", "help"))
                    .build());
        }
        List<Message> list = help(router, turn, false);
        List<Message> out = new java.util.ArrayList<>();
        out.add(Message.text("Sorry, I didn't understand \"" + abbreviate(turn.text()) + "\". Here's what I can do:"));
        out.addAll(list);
        return out;
    }

    private static List<Button> suggestions(Turn turn) {
        if (turn.person().is(Role.MENTOR)) {
            return List.of(Button.command("Session prompts", "prompts"), Button.command("Learning log", "log"));
        }
        return List.of(Button.command("Log a reflection", "reflect"), Button.command("My learning log", "log"));
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }
}
