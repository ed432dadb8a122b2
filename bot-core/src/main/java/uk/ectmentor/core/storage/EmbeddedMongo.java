package uk.ectmentor.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server inside this process, on 127.0.0.1, for running with no database
 * installed: on disk (H2 MVStore file) for the embedded default, or in memory for tests. The bot talks
 * to it through the ordinary MongoDB driver, exactly as to a real server.
 *
 * <p>On disk, every command that may write is committed to the file before its reply is sent, so a write the
 * driver saw acknowledged survives the process being killed (the stock backend commits about once a second).
 * Its page cache is {@value #CACHE_MB} MB (H2's default is 16): the cache shares the bot's small heap, and
 * pages it drops are still in the operating system's file cache.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final int CACHE_MB = 4;

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
    }

    /** A store in {@code dir}/ect-mentor-bot.mv, created if missing; port 0 picks a free port. */
    public static EmbeddedMongo onDisk(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        Path file = dir.resolve("ect-mentor-bot.mv");
        log.info("embedded MongoDB-compatible store at {}", file.toAbsolutePath());
        return new EmbeddedMongo(new CommitOnEveryCommand(file.toString()), port);
    }

    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new MemoryBackend(), 0);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /**
     * H2 backend that commits each command that may have written to disk before the reply goes back to the
     * driver. Reads are not committed: a commit takes the store's lock, and reads are most of the traffic.
     */
    static final class CommitOnEveryCommand extends H2Backend {
        /** Commands that never change data; any other command (including unknown ones) is committed. */
        static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections", "listindexes",
                "listdatabases", "hello", "ismaster", "ping", "buildinfo", "serverstatus", "killcursors", "endsessions",
                "dbstats", "collstats", "getlasterror", "whatsmyuri", "getparameter", "getlog", "connectionstatus");

        CommitOnEveryCommand(String file) {
            super(new MVStore.Builder().fileName(file).cacheSize(CACHE_MB).open());
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                if (!READS.contains(command.toLowerCase(Locale.ROOT))) {
                    commit();
                }
            }
        }
    }
}
