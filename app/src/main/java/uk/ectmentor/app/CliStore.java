package uk.ectmentor.app;

import java.nio.file.Path;
import java.util.function.Function;

import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.trust.FieldCipher;

/**
 * The store for a command-line tool, from the same environment variables as the bot: MONGODB_URI (or the
 * embedded store under BOT_DATA_DIR), MONGODB_DATABASE and BOT_ENCRYPTION_KEYS (or the local key file).
 * The embedded store's file can be open in one process at a time: stop the bot first, or use MONGODB_URI.
 */
final class CliStore implements AutoCloseable {
    private final EmbeddedMongo embedded;
    final MongoStorage storage;

    private CliStore(EmbeddedMongo embedded, MongoStorage storage) {
        this.embedded = embedded;
        this.storage = storage;
    }

    static CliStore open(Function<String, String> env) {
        quietLogs();
        String uri = env.apply("MONGODB_URI");
        String database = orDefault(env.apply("MONGODB_DATABASE"), "ect_mentor_bot");
        Path dataDir = Path.of(orDefault(env.apply("BOT_DATA_DIR"), "./data"));
        FieldCipher cipher = FieldCipher.fromSpecOrKeyFile(env.apply("BOT_ENCRYPTION_KEYS"), dataDir);
        if (uri != null && !uri.isBlank()) {
            return new CliStore(null, MongoStorage.connect(uri, database, cipher));
        }
        EmbeddedMongo server;
        try {
            server = EmbeddedMongo.onDisk(dataDir, 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the embedded store in " + dataDir.toAbsolutePath()
                    + " (is the bot running? stop it first, or set MONGODB_URI): " + e.getMessage(), e);
        }
        try {
            return new CliStore(server, MongoStorage.connect(server.connectionString(), database, cipher));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Command output goes to stdout (a CSV may be piped to a file): the store's chatter is kept off it. */
    private static void quietLogs() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) root).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        storage.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
