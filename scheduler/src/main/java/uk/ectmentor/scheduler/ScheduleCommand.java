package uk.ectmentor.scheduler;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;

/**
 * {@code schedule --pairing ID --from DATE --to DATE}: prints a pairing's planned nudges between two
 * school-local dates (inclusive), one JSON line each. Reads the bot's store: MONGODB_URI, else the
 * embedded store's file under BOT_DATA_DIR; when there is no file yet (a fresh machine) or the running
 * bot holds it, it plans over the demo school in memory.
 */
public final class ScheduleCommand {
    public static final String USAGE = "schedule --pairing ID --from YYYY-MM-DD --to YYYY-MM-DD   preview a pairing's nudges as JSON lines";

    private ScheduleCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                err.println("schedule: expected --pairing ID --from DATE --to DATE (got '" + a + "')");
                return 2;
            }
            opts.put(a.substring(2), args[++i]);
        }
        String pairing = opts.get("pairing");
        if (pairing == null || opts.get("from") == null || opts.get("to") == null) {
            err.println("usage: " + USAGE);
            return 2;
        }
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(opts.get("from"));
            to = LocalDate.parse(opts.get("to"));
        } catch (DateTimeParseException e) {
            err.println("schedule: dates are YYYY-MM-DD, e.g. --from 2026-11-30 --to 2026-12-18");
            return 2;
        }
        if (to.isBefore(from)) {
            err.println("schedule: --to (" + to + ") is before --from (" + from + ")");
            return 2;
        }
        try (Store store = Store.open(env, err, clock)) {
            String contentDir = env.get("BOT_CONTENT_DIR");
            ContentPack content = ContentLoader.load(contentDir == null || contentDir.isBlank() ? null : Path.of(contentDir));
            String calendarDir = env.get("BOT_CALENDAR_DIR");
            SchoolCalendars calendars = new SchoolCalendars(calendarDir == null || calendarDir.isBlank() ? null : Path.of(calendarDir));
            SchedulePlanning planning = new SchedulePlanning(store.storage.people(), store.storage.actions(), calendars,
                    new NudgePlanner(content, NudgeInputs.NONE, NudgePlanner.Times.defaults()),
                    new NudgeStore(store.storage.database()));
            Optional<List<PlannedNudge>> nudges = planning.preview(pairing, from, to, clock.instant());
            if (nudges.isEmpty()) {
                err.println("schedule: no pairing '" + pairing + "'" + (store.demo ? " (the demo pairing is '" + DemoData.PAIRING + "')" : ""));
                return 1;
            }
            nudges.get().forEach(n -> out.println(PreviewLine.json(n)));
            return 0;
        }
    }

    /** The store to read. */
    private static final class Store implements AutoCloseable {
        final EmbeddedMongo server;
        final MongoStorage storage;
        final boolean demo;

        private Store(EmbeddedMongo server, MongoStorage storage, boolean demo) {
            this.server = server;
            this.storage = storage;
            this.demo = demo;
        }

        static Store open(Map<String, String> env, PrintStream err, Clock clock) {
            String uri = env.get("MONGODB_URI");
            String database = env.getOrDefault("MONGODB_DATABASE", "ect_mentor_bot");
            Path dir = Path.of(env.getOrDefault("BOT_DATA_DIR", "./data"));
            if (uri != null && !uri.isBlank()) {
                return new Store(null, MongoStorage.connect(uri, database, cipher(env, dir)), false);
            }
            if (Files.isRegularFile(dir.resolve(EmbeddedMongo.FILE_NAME))) {
                try {
                    EmbeddedMongo server = EmbeddedMongo.onDisk(dir, 0);
                    return new Store(server, MongoStorage.connect(server.connectionString(), database, cipher(env, dir)), false);
                } catch (RuntimeException e) {
                    err.println("schedule: the store in " + dir + " is in use (is the bot running?); previewing the demo school instead");
                }
            }
            EmbeddedMongo server = EmbeddedMongo.inMemory();
            MongoStorage storage = MongoStorage.connect(server.connectionString(), database);
            DemoData.install(storage.people(), storage.actions(), clock);
            return new Store(server, storage, true);
        }

        /** The same keys the bot uses: BOT_ENCRYPTION_KEYS, or the key file the embedded default keeps. */
        private static uk.ectmentor.core.trust.FieldCipher cipher(Map<String, String> env, Path dir) {
            return uk.ectmentor.core.trust.FieldCipher.fromSpecOrKeyFile(env.getOrDefault("BOT_ENCRYPTION_KEYS", ""), dir);
        }

        @Override
        public void close() {
            storage.close();
            if (server != null) {
                server.close();
            }
        }
    }
}
