package uk.ectmentor.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each command, action and flow goes. Handlers are registered fluently, one small typed
 * interface each:
 *
 * <pre>
 * router.command("prompts", prompts::show, "prompts", "session prompts")
 *       .action("prompts.section", prompts::section)
 *       .flow(gibbs);
 * </pre>
 */
public final class Router {
    private final Intents intents = new Intents();
    private final Map<String, Handler> commands = new LinkedHashMap<>();
    private final Map<String, Command> described = new LinkedHashMap<>();
    private final Map<String, Handler> actions = new HashMap<>();
    private final Map<String, Flow> flows = new HashMap<>();

    /** A command a person can type, with its help line. */
    public record Command(String name, String usage, String help) {
    }

    /**
     * Registers a command that takes no words after it.
     *
     * @param phrases the words that call it; typos of one letter are forgiven
     */
    public Router command(String name, Handler handler, String... phrases) {
        return register(name, handler, false, phrases);
    }

    /** Registers a command that may be followed by free text ("reflect: ..."). */
    public Router commandWithText(String name, Handler handler, String... phrases) {
        return register(name, handler, true, phrases);
    }

    private Router register(String name, Handler handler, boolean takesArgs, String... phrases) {
        commands.put(name, handler);
        intents.add(name, name, takesArgs);
        for (String phrase : phrases) {
            intents.add(phrase, name, takesArgs);
        }
        return this;
    }

    /** Adds a line to the help listing. */
    public Router describe(String name, String usage, String help) {
        described.put(name, new Command(name, usage, help));
        return this;
    }

    /** Registers what a button, choice or form with this action id does. */
    public Router action(String actionId, Handler handler) {
        actions.put(actionId, handler);
        return this;
    }

    /** Registers a multi-step flow under its name. */
    public Router flow(Flow flow) {
        flows.put(flow.name(), flow);
        return this;
    }

    Optional<Intents.Match> understand(String text) {
        return intents.match(text);
    }

    /** The nearest command to a text that was not understood, for "did you mean ...?". */
    public Optional<Intents.Suggestion> suggest(String text) {
        return intents.suggest(text);
    }

    Optional<Handler> commandHandler(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    Optional<Handler> actionHandler(String actionId) {
        return Optional.ofNullable(actions.get(actionId));
    }

    Optional<Flow> flowNamed(String name) {
        return Optional.ofNullable(flows.get(name));
    }

    public List<Command> describedCommands() {
        return new ArrayList<>(described.values());
    }
}
