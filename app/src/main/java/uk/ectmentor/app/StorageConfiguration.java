package uk.ectmentor.app;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.lang.Nullable;

import uk.ectmentor.core.delivery.DaemonTimer;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.trust.FieldCipher;

/** MongoDB: the configured server, or the embedded store on disk when none is configured. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);
    /** {@code BOT_DATA_DIR=:memory:} keeps the embedded store in memory (tests, throw-away demos). */
    static final String IN_MEMORY = ":memory:";

    @Bean(destroyMethod = "close")
    @Nullable
    EmbeddedMongo embeddedMongo(BotProperties props) {
        if (!props.embedded()) {
            return null;
        }
        if (IN_MEMORY.equals(props.dataDir().toString())) {
            log.warn("embedded store in memory: nothing survives a restart");
            return EmbeddedMongo.inMemory();
        }
        return EmbeddedMongo.onDisk(props.dataDir(), 0);
    }

    /** Keys for text at rest: BOT_ENCRYPTION_KEYS, or a key generated once and kept under BOT_DATA_DIR. */
    @Bean
    FieldCipher fieldCipher(BotProperties props, @Value("${bot.encryption-keys:}") String keys) {
        if ((keys == null || keys.isBlank()) && !props.embedded()) {
            log.warn("BOT_ENCRYPTION_KEYS is not set: using the local key file under BOT_DATA_DIR");
        }
        FieldCipher cipher = FieldCipher.fromSpecOrKeyFile(keys, props.dataDir());
        log.info("text at rest sealed with key '{}'", cipher.currentKeyId());
        return cipher;
    }

    /**
     * The embedded store is this process's alone, so the claims on messages still pending in it were made by its
     * previous run, whose queue is gone: they are ended here, before any message is taken in, and recovery answers
     * those messages in its next round instead of after their claim (five minutes) runs out. A configured MongoDB
     * may be shared by other instances, whose claims stand.
     */
    @Bean(destroyMethod = "close")
    MongoStorage mongoStorage(BotProperties props, @Nullable EmbeddedMongo embedded, FieldCipher cipher) {
        if (embedded != null) {
            MongoStorage storage = MongoStorage.connect(embedded.connectionString(), props.database(), cipher);
            long released = storage.inboundDedup().releaseClaims();
            if (released > 0) {
                log.info("{} messages kept before the last stop are free for recovery now", released);
            }
            return storage;
        }
        log.info("using MongoDB from MONGODB_URI");
        return MongoStorage.connect(props.mongodbUri(), props.database(), cipher);
    }

    /**
     * This instance's heartbeat in the store and how many instances share the platforms' limits, counted before
     * anything is sent; the Slack and Teams senders pace at their share.
     */
    @Bean(destroyMethod = "close")
    InstanceShare instanceShare(MongoStorage storage, Clock clock) {
        InstanceShare share = new InstanceShare(storage.instances(), clock, ManagementFactory.getRuntimeMXBean().getName());
        share.beat();
        return share;
    }

    /**
     * Renews the heartbeat every {@link InstanceShare#EVERY}, then ends the claims of instances whose heartbeat ran
     * out {@link InstanceShare#TAKEN_OVER_AFTER} ago, so the messages a dead instance had queued are answered a
     * couple of minutes after it died. The first round runs at once: a restart long after a crash frees the crashed
     * run's claims straight away. Stopped before the share leaves the store.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService instanceHeartbeat(InstanceShare share, MongoStorage storage) {
        ScheduledExecutorService timer = DaemonTimer.named("instance-heartbeat");
        long every = InstanceShare.EVERY.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            share.beat();
            share.releaseLapsed(storage.inboundDedup());
        }, 0, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    /** Healthy only while the store answers. */
    @Bean
    HealthIndicator store(MongoStorage storage) {
        return () -> storage.ping() ? Health.up().build() : Health.down().withDetail("store", "not answering").build();
    }
}
