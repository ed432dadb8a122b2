package uk.ectmentor.adapters.slack;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;

import uk.ectmentor.core.delivery.DeliveryResult;

/**
 * Posts rendered messages through the Web API ({@code conversations.open}, {@code chat.postMessage}, always
 * with the channel), paced to about one message a second per channel, and says plainly what happened:
 * Slack's 429 becomes {@code RETRY_LATER} with its {@code Retry-After}; errors that mean the person cannot be
 * reached (app uninstalled, user deactivated, ...) become {@code UNDELIVERABLE}.
 */
final class SlackPoster {
    private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);

    /** Slack errors after which trying again changes nothing. */
    static final Set<String> UNDELIVERABLE = Set.of(
            "account_inactive", "user_not_found", "users_not_found", "channel_not_found", "not_in_channel",
            "invalid_auth", "not_authed", "token_revoked", "token_expired", "user_disabled", "is_archived",
            "cannot_dm_bot", "user_not_visible", "missing_scope", "no_permission", "restricted_action",
            "team_access_not_granted", "org_login_required", "ekm_access_denied", "invalid_blocks",
            "invalid_blocks_format", "msg_too_long", "no_text");
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final MethodsClient methods;
    private final ChannelLimiter limiter;
    private final Pacer pacer;
    private final Duration longestPause;

    /** @param longestPause the longest the pacer may wait for a channel's slot; beyond it the send is put off */
    SlackPoster(MethodsClient methods, ChannelLimiter limiter, Pacer pacer, Duration longestPause) {
        this.methods = methods;
        this.limiter = limiter;
        this.pacer = pacer;
        this.longestPause = longestPause;
    }

    /** What a post achieved: how many messages Slack accepted, and how it ended. */
    record Posted(int delivered, DeliveryResult result) {
    }

    /** A direct-message channel with the user, or why there is none. */
    record Opened(String channel, DeliveryResult failure) {
    }

    Opened openDm(String userId) {
        try {
            ConversationsOpenResponse r = methods.conversationsOpen(req -> req.users(List.of(userId)));
            if (r.isOk() && r.getChannel() != null) {
                return new Opened(r.getChannel().getId(), null);
            }
            return new Opened(null, failure("conversations.open", r));
        } catch (SlackApiException e) {
            return new Opened(null, failure("conversations.open", e));
        } catch (IOException e) {
            return new Opened(null, DeliveryResult.retryLater(null, "conversations.open: " + e.getClass().getSimpleName()));
        }
    }

    /** Posts the messages in order, stopping at the first that fails. */
    Posted post(String channel, List<SlackRenderer.Rendered> messages) {
        int delivered = 0;
        for (SlackRenderer.Rendered m : messages) {
            Duration wait = limiter.reserve(channel);
            if (wait.compareTo(longestPause) > 0) {
                limiter.release(channel);
                return new Posted(delivered, DeliveryResult.retryLater(wait, "channel busy (about 1 message a second)"));
            }
            try {
                if (!wait.isZero()) {
                    pacer.pause(wait);
                }
                ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(channel).text(m.text()).blocks(m.blocks()));
                if (!r.isOk()) {
                    return new Posted(delivered, failure("chat.postMessage", r));
                }
                delivered++;
            } catch (SlackApiException e) {
                return new Posted(delivered, failure("chat.postMessage", e));
            } catch (IOException e) {
                return new Posted(delivered, DeliveryResult.retryLater(null, "chat.postMessage: " + e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Posted(delivered, DeliveryResult.retryLater(null, "interrupted"));
            }
        }
        return new Posted(delivered, DeliveryResult.delivered());
    }

    static DeliveryResult failure(String method, SlackApiTextResponse r) {
        String error = r.getError() == null ? "unknown_error" : r.getError();
        if (UNDELIVERABLE.contains(error)) {
            return DeliveryResult.undeliverable(method + ": " + error);
        }
        if ("ratelimited".equals(error)) {
            return DeliveryResult.retryLater(DEFAULT_RETRY_AFTER, method + ": ratelimited");
        }
        log.warn("{} failed: {}", method, error);
        return DeliveryResult.retryLater(null, method + ": " + error);
    }

    static DeliveryResult failure(String method, SlackApiException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code();
        if (status == 429) {
            return DeliveryResult.retryLater(retryAfter(e.getResponse().header("Retry-After")), method + ": HTTP 429");
        }
        if (e.getError() != null && e.getError().getError() != null && UNDELIVERABLE.contains(e.getError().getError())) {
            return DeliveryResult.undeliverable(method + ": " + e.getError().getError());
        }
        return DeliveryResult.retryLater(null, method + ": HTTP " + status);
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return Duration.ofSeconds(Math.max(1, seconds));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
