package uk.ectmentor.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;

/**
 * A MongoDB wire-protocol server inside this process, on 127.0.0.1, for running with no database
 * installed: on disk (H2 MVStore file) for the embedded default, or in memory for tests. The bot talks
 * to it through the ordinary MongoDB driver, exactly as to a real server.
 *
 * <p>On disk, every command is committed to the file before its reply is sent, so a write the driver
 * saw acknowledged survives the process being killed (the stock backend commits about once a second).
 */
public final class EmbeddedMongo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

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

    /** H2 backend that commits each command to disk before the reply goes back to the driver. */
    static final class CommitOnEveryCommand extends H2Backend {
        CommitOnEveryCommand(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                commit();
            }
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            try {
                return super.handleMessage(message);
            } finally {
                commit();
            }
        }
    }
}
