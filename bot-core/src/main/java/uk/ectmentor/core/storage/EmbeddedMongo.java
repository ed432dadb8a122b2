package uk.ectmentor.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server inside this process, on 127.0.0.1, for running with no database
 * installed: on disk (H2 MVStore file) for the embedded default, or in memory for tests, both through the same
 * {@link EmbeddedH2Backend} (writes committed before they are acknowledged; queries served from the {@code _id} and
 * lookup indexes; unique indexes kept in memory and rebuilt on opening). The bot talks to it through the ordinary
 * MongoDB driver, exactly as to a real server.
 *
 * <p>On disk, its page cache is {@value #CACHE_MB} MB, H2's default. With 4 MB, every query that reads many documents
 * (recovery's list of messages still pending, thousands during an overload) decoded their pages from the file
 * again while holding the collection's lock, and acknowledgements waited 100-500 ms behind it.
 *
 * <p>On disk, H2's background writer is off: {@link EmbeddedH2Backend} commits each write on the thread that made
 * it, without handing it to H2's two writer threads, and {@link EmbeddedStoreHousekeeper} compacts the file.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    /** The store's file in its data directory. */
    public static final String FILE_NAME = "ect-mentor-bot.mv";
    static final int CACHE_MB = 16;
    static final long HOUSEKEEPING_MILLIS = 1000;

    private final MongoServer server;
    private final InetSocketAddress address;
    private final EmbeddedStoreHousekeeper housekeeper;

    private EmbeddedMongo(MVStore store, int port, boolean onDisk) {
        this.server = new MongoServer(new EmbeddedH2Backend(store));
        this.server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
        this.housekeeper = onDisk ? EmbeddedStoreHousekeeper.every(HOUSEKEEPING_MILLIS, store) : null;
    }

    /** A store in {@code dir}/ect-mentor-bot.mv, created if missing; port 0 picks a free port. */
    public static EmbeddedMongo onDisk(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        Path file = dir.resolve(FILE_NAME);
        log.info("embedded MongoDB-compatible store at {}", file.toAbsolutePath());
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB)
                .autoCommitDisabled().open();
        return new EmbeddedMongo(store, port, true);
    }

    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new MVStore.Builder().open(), 0, false);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        if (housekeeper != null) {
            housekeeper.close();
        }
        server.shutdownNow();
    }
}
