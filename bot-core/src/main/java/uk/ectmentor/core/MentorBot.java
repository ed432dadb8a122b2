package uk.ectmentor.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import uk.ectmentor.core.actions.ActionStore;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.nudges.NudgeControls;
import uk.ectmentor.core.nudges.PreferencesStore;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.prompts.PromptsFlow;
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
                        PreferencesStore preferences, SchoolCalendars calendars) {

        public Parts(PeopleStore people, ConversationStore conversations, LearningLogStore log,
                     ActionStore actions, ContentPack content, Clock clock, Duration flowIdleTimeout) {
            this(people, conversations, log, actions, content, clock, flowIdleTimeout, null, null);
        }
    }

    public static ConversationEngine engine(Parts parts) {
        Router router = new Router();
        new PromptsFlow(parts.people(), parts.content(), parts.actions(), parts.conversations()).register(router);
        ReflectionFlow reflections = new ReflectionFlow(parts.people(), parts.log(), parts.conversations());
        reflections.register(router);
        if (parts.preferences() != null) {
            new NudgeControls(parts.people(), parts.preferences(),
                    parts.calendars() == null ? SchoolCalendars.englandDefault() : parts.calendars()).register(router);
        }
        router.command("help", turn -> help(router, turn), "what can you do", "commands", "menu", "hi", "hello")
              .describe("help", "help", "this list");

        return new ConversationEngine(router, parts.people(), parts.conversations(), parts.clock(),
                parts.flowIdleTimeout(), MentorBot::stranger, turn -> {
                    if (turn.person().is(Role.ECT)) {
                        return reflections.offerToSave(turn);
                    }
                    return notUnderstood(router, turn);
                });
    }

    static List<Message> help(Router router, Turn turn) {
        return List.of(Message.builder()
                .heading("What I can do")
                .bullets(router.describedCommands().stream().map(c -> "*" + c.usage() + "*: " + c.help()).toList())
                .buttons(suggestions(turn))
                .build());
    }

    static List<Message> notUnderstood(Router router, Turn turn) {
        return List.of(Message.builder()
                .text("Sorry, I didn't understand \"" + abbreviate(turn.text()) + "\". Here's what I can do:")
                .bullets(router.describedCommands().stream().map(c -> "*" + c.usage() + "*: " + c.help()).toList())
                .buttons(suggestions(turn))
                .build());
    }

    private static List<Button> suggestions(Turn turn) {
        if (turn.person().is(Role.MENTOR)) {
            return List.of(Button.command("Session prompts", "prompts"), Button.command("Learning log", "log"));
        }
        return List.of(Button.command("Log a reflection", "reflect"), Button.command("My learning log", "log"));
    }

    static List<Message> stranger(Turn turn) {
        return List.of(Message.text("Hello! I'm the ECT mentor bot, but I don't know you yet. "
                + "Ask your induction tutor to add you to your school's programme, then say hello again."));
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }
}
