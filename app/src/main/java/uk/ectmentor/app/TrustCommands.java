package uk.ectmentor.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.rights.AuditTrail;
import uk.ectmentor.core.rights.RetentionJob;
import uk.ectmentor.core.roster.EngagementReport;
import uk.ectmentor.core.roster.RosterImport;

/** Command-line tools for programme leads: roster import, engagement CSV, re-encryption, retention. */
final class TrustCommands {
    private TrustCommands() {
    }

    /** {@code roster import FILE.csv} and {@code roster engagement SCHOOL_ID [WEEKS]}. */
    static final class Roster implements CliCommands.CliCommand {
        private final Function<String, String> env;
        private final Clock clock;

        Roster() {
            this(System::getenv, Clock.systemUTC());
        }

        Roster(Function<String, String> env, Clock clock) {
            this.env = env;
            this.clock = clock;
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) {
            if (args.length == 2 && args[0].equals("import")) {
                return importFile(Path.of(args[1]), out, err);
            }
            if ((args.length == 2 || args.length == 3) && args[0].equals("engagement")) {
                int weeks;
                try {
                    weeks = args.length == 3 ? Integer.parseInt(args[2]) : 4;
                } catch (NumberFormatException e) {
                    weeks = -1;
                }
                if (weeks < 1 || weeks > 60) {
                    err.println("roster engagement: WEEKS must be a whole number from 1 to 60");
                    return 2;
                }
                return engagement(args[1], weeks, out, err);
            }
            err.println("usage: " + usage());
            return 2;
        }

        private int importFile(Path file, PrintStream out, PrintStream err) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                err.println("roster import: no file " + file);
                return 2;
            } catch (IOException e) {
                err.println("roster import: cannot read " + file + " as UTF-8 text: " + e.getMessage());
                return 2;
            }
            try (CliStore store = CliStore.open(env)) {
                RosterImport.Report report = new RosterImport(store.storage.people(), store.storage.retention()).run(text);
                if (!report.ok()) {
                    err.println(report.describe());
                    return 1;
                }
                store.storage.auditTrail().record(new AuditTrail.Event(UUID.randomUUID().toString(), "*", "cli",
                        "roster.import", file.getFileName().toString(), clock.instant()));
                out.println(report.describe());
                return 0;
            }
        }

        private int engagement(String schoolId, int weeks, PrintStream out, PrintStream err) {
            try (CliStore store = CliStore.open(env)) {
                var people = store.storage.people();
                var engagement = store.storage.engagement();
                if (people.school(schoolId).isEmpty()) {
                    err.println("roster engagement: no school with id '" + schoolId + "'");
                    return 2;
                }
                ZoneId zone = people.school(schoolId).map(School::zone).orElse(ZoneOffset.UTC);
                LocalDate first = EngagementReport.firstWeek(LocalDate.now(clock.withZone(zone)), weeks);
                List<Pairing> pairings = engagement.pairings(schoolId);
                Map<String, String> names = new HashMap<>();
                engagement.people(schoolId).forEach(p -> names.put(p.id(), p.name()));
                out.print(EngagementReport.csv(EngagementReport.build(pairings, names,
                        engagement.activity(schoolId, first.atStartOfDay(zone).toInstant(),
                                first.plusWeeks(weeks).atStartOfDay(zone).toInstant()), zone, first, weeks)));
                return 0;
            }
        }

        @Override
        public String usage() {
            return "roster import FILE.csv | roster engagement SCHOOL_ID [WEEKS]   people, roles and pairings from CSV; engagement as CSV";
        }
    }

    /** {@code reencrypt}: re-seals stored text under the current key after a rotation. */
    static final class Reencrypt implements CliCommands.CliCommand {
        private final Function<String, String> env;

        Reencrypt() {
            this(System::getenv);
        }

        Reencrypt(Function<String, String> env) {
            this.env = env;
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) {
            try (CliStore store = CliStore.open(env)) {
                out.println("re-sealed " + store.storage.reencryptAtRest() + " records under the current key");
                return 0;
            }
        }

        @Override
        public String usage() {
            return "reencrypt     re-seal stored text under the first key of BOT_ENCRYPTION_KEYS";
        }
    }

    /** {@code retention MONTHS}: erases everyone whose induction ended more than MONTHS months ago. */
    static final class Retention implements CliCommands.CliCommand {
        private final Function<String, String> env;
        private final Clock clock;

        Retention() {
            this(System::getenv, Clock.systemUTC());
        }

        Retention(Function<String, String> env, Clock clock) {
            this.env = env;
            this.clock = clock;
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) {
            int months;
            try {
                months = args.length == 1 ? Integer.parseInt(args[0]) : -1;
            } catch (NumberFormatException e) {
                months = -1;
            }
            if (months < 1) {
                err.println("usage: " + usage());
                return 2;
            }
            try (CliStore store = CliStore.open(env)) {
                var s = store.storage;
                int erased = new RetentionJob(s.retention(), s.personalData(), s.auditTrail(), clock, months).run();
                out.println("erased the records of " + erased + (erased == 1 ? " person" : " people"));
                return 0;
            }
        }

        @Override
        public String usage() {
            return "retention MONTHS   erase records of people whose induction ended over MONTHS months ago";
        }
    }
}
