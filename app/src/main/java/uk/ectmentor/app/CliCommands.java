package uk.ectmentor.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line tools that run instead of the bot: {@code java -jar ect-mentor-bot.jar <command> ...}.
 * Each command is a small class; register it in {@link #COMMANDS}.
 */
final class CliCommands {
    /** One command-line tool. */
    interface CliCommand {
        /** @return the process exit code */
        int run(String[] args, PrintStream out, PrintStream err);

        String usage();
    }

    static final Map<String, CliCommand> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("help", new CliCommand() {
            @Override
            public int run(String[] args, PrintStream out, PrintStream err) {
                out.println("usage: java -jar ect-mentor-bot.jar [command ...]");
                out.println("  (no command)  run the bot");
                COMMANDS.forEach((name, c) -> out.println("  " + c.usage()));
                return 0;
            }

            @Override
            public String usage() {
                return "help          this list";
            }
        });
        COMMANDS.put("roster", new TrustCommands.Roster());
        COMMANDS.put("reencrypt", new TrustCommands.Reencrypt());
        COMMANDS.put("retention", new TrustCommands.Retention());
    }

    static {
        COMMANDS.put("content", new CliCommand() {
            @Override
            public int run(String[] args, PrintStream out, PrintStream err) {
                return uk.ectmentor.contenttools.ContentCli.run(args, out, err);
            }

            @Override
            public String usage() {
                return uk.ectmentor.contenttools.ContentCli.USAGE;
            }
        });
        COMMANDS.put("teams", new CliCommand() {
            @Override
            public int run(String[] args, PrintStream out, PrintStream err) {
                return uk.ectmentor.adapters.teams.TeamsAppPackage.cli(args, out, err);
            }

            @Override
            public String usage() {
                return "teams package --app-id ID --host HOST --out FILE.zip   write the Microsoft Teams app package";
            }
        });
        COMMANDS.put("schedule", new CliCommand() {
            @Override
            public int run(String[] args, PrintStream out, PrintStream err) {
                // stdout carries only the JSON lines: keep the store's start-up chatter out of it
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                        .setLevel(ch.qos.logback.classic.Level.ERROR);
                return uk.ectmentor.scheduler.ScheduleCommand.run(args, out, err, System.getenv(), java.time.Clock.systemUTC());
            }

            @Override
            public String usage() {
                return uk.ectmentor.scheduler.ScheduleCommand.USAGE;
            }
        });
    }

    private CliCommands() {
    }

    static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CliCommand command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("Unknown command '" + args[0] + "'. Commands: " + String.join(", ", COMMANDS.keySet()));
            return 2;
        }
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (RuntimeException e) {
            err.println(args[0] + ": " + e.getMessage());
            return 1;
        }
    }
}
