package uk.ectmentor.app;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings, all from the environment (see application.yaml for the variable names).
 *
 * @param mongodbUri      MongoDB connection string; blank runs the embedded store
 * @param dataDir         where the embedded store keeps its file
 * @param demo            create the demo school; null means "only with the embedded store"
 * @param contentDir      a school's content pack layered over the built-in one; may be null
 * @param flowIdleTimeout how long a half-finished flow waits before it is set aside
 */
@ConfigurationProperties("bot")
record BotProperties(String mongodbUri, String database, Path dataDir, Boolean demo, String contentDir,
                     Duration flowIdleTimeout) {

    boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }

    /** The school content pack directory, or null when none is set. */
    Path contentPath() {
        return contentDir == null || contentDir.isBlank() ? null : Path.of(contentDir);
    }

    boolean installDemo() {
        return demo == null ? embedded() : demo;
    }
}
