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
 * with the channel), paced to about one message a second per channel and the workspace-wide pace
 * ({@link ChannelLimiter}), with {@code conversations.open} paced to its own tier; a wait longer than the
 * longest inline pause comes back as {@code RETRY_LATER} without calling Slack. It says plainly what happened:
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

    /** Slack's Tier 3 (conversations.open) allows 50 or more calls a minute; this paces at 48. */
    static final int TIER_3_PER_MINUTE = 48;
    static final String OPEN = "conversations.open";

    private final MethodsClient methods;
    private final ChannelLimiter limiter;
    private final ChannelLimiter opens;
    private final Pacer pacer;
    private final Duration longestPause;

    /** @param longestPause the longest the pacer may wait for a channel's slot; beyond it the send is put off */
    SlackPoster(MethodsClient methods, ChannelLimiter limiter, Pacer pacer, Duration longestPause) {
        this(methods, limiter, new ChannelLimiter(limiter.clock(), Duration.ZERO, TIER_3_PER_MINUTE), pacer, longestPause);
    }

    /** @param opens the pace of {@code conversations.open} (one key, {@value #OPEN}) */
    SlackPoster(MethodsClient methods, ChannelLimiter limiter, ChannelLimiter opens, Pacer pacer, Duration longestPause) {
        this.methods = methods;
        this.limiter = limiter;
        this.opens = opens;
        this.pacer = pacer;
        this.longestPause = longestPause;
    }

    Duration longestPause() {
        return longestPause;
    }

    Duration workspaceSpacing() {
        return limiter.workspaceSpacing();
    }

    /** {@code instances} share the workspace paces of posts and of conversations.open (see {@code InstanceShare}). */
    void share(int instances) {
        limiter.share(instances);
        opens.share(instances);
    }

    /** What a post achieved: how many messages Slack accepted, and how it ended. */
    record Posted(int delivered, DeliveryResult result) {
    }

    /** A direct-message channel with the user, or why there is none. */
    record Opened(String channel, DeliveryResult failure) {
    }

    Opened openDm(String userId) {
        return openDm(userId, longestPause);
    }

    /** As {@link #openDm(String)}, waiting at most {@code longest} for the Tier 3 pace. */
    Opened openDm(String userId, Duration longest) {
        ChannelLimiter.Slot slot = opens.tryReserve(OPEN, longest);
        if (!slot.booked()) {
            return new Opened(null, DeliveryResult.retryLater(slot.delay(), "conversations.open busy (Tier 3, about 50 a minute)"));
        }
        try {
            if (!slot.delay().isZero()) {
                pacer.pause(slot.delay());
            }
            ConversationsOpenResponse r = methods.conversationsOpen(req -> req.users(List.of(userId)));
            if (r.isOk() && r.getChannel() != null) {
                return new Opened(r.getChannel().getId(), null);
            }
            return new Opened(null, failure("conversations.open", r));
        } catch (SlackApiException e) {
            return new Opened(null, failure("conversations.open", e));
        } catch (IOException e) {
            return new Opened(null, DeliveryResult.retryLater(null, "conversations.open: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Opened(null, DeliveryResult.retryLater(null, "interrupted"));
        }
    }

    /** Posts the messages in order, stopping at the first that fails. */
    Posted post(String channel, List<SlackRenderer.Rendered> messages) {
        return post(channel, messages, longestPause);
    }

    /**
     * As {@link #post(String, List)}, waiting at most {@code longest} for each message's slot, of which at
     * most the reply pause for the channel itself.
     */
    Posted post(String channel, List<SlackRenderer.Rendered> messages, Duration longest) {
        int delivered = 0;
        for (SlackRenderer.Rendered m : messages) {
            ChannelLimiter.Slot slot = limiter.tryReserve(channel, longest, longest.compareTo(longestPause) < 0 ? longest : longestPause);
            if (!slot.booked()) {
                return new Posted(delivered, DeliveryResult.retryLater(slot.delay(),
                        "busy: about 1 message a second per channel and the workspace pace"));
            }
            try {
                if (!slot.delay().isZero()) {
                    pacer.pause(slot.delay());
                }
                Duration more = limiter.settle(channel);
                if (!more.isZero()) {
                    pacer.pause(more);
                }
                ChatPostMessageResponse r;
                try {
                    r = methods.chatPostMessage(req -> req.channel(channel).text(m.text()).blocks(m.blocks()));
                } finally {
                    limiter.done(channel);
                }
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
