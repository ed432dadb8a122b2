package uk.ectmentor.core.chat;

import java.util.Objects;

/**
 * Who sent a message, as the platform names them: the platform ("web", "slack", "teams"),
 * the workspace or tenant on that platform, and the platform's user id.
 */
public record UserRef(String platform, String tenant, String userId) {
    public UserRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
    }

    /** A stable single-string key, used as the identity document id. */
    public String key() {
        return platform + ":" + tenant + ":" + userId;
    }

    public static UserRef web(String handle) {
        return new UserRef("web", "local", handle);
    }
}
