package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;

/**
 * Proactive messages on Teams (nudges from the scheduler): the stored conversation reference is
 * continued with one activity holding every message (all or nothing; messages too long for one activity
 * go as several, in order). Replies to messages ({@link TeamsInbox}) go through the same throttle. It throttles itself
 * ({@link TeamsThrottle}), honours a 429's Retry-After, retries 412/502/503/504 and network failures with
 * exponential backoff and jitter (at most {@value #ATTEMPTS} attempts), and on 403/404 marks the person
 * unreachable on Teams. Waits longer than {@link #MAX_INLINE_WAIT} are handed back as RETRY_LATER.
 */
public final class TeamsSender implements Sender {
    static final int ATTEMPTS = 4;
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(10);
    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final Set<Integer> TRANSIENT = Set.of(412, 502, 503, 504, -1);
    private static final Logger log = LoggerFactory.getLogger(TeamsSender.class);

    private final BotFrameworkPort port;
    private final ConversationRefStore refs;
    private final AdaptiveCardRenderer renderer;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final TeamsThrottle throttle;

    public TeamsSender(BotFrameworkPort port, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock,
                       Sleeper sleeper, RandomGenerator random) {
        this(port, refs, renderer, clock, sleeper, random, TeamsThrottle.Limits.DEFAULT);
    }

    TeamsSender(BotFrameworkPort port, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock,
                Sleeper sleeper, RandomGenerator random, TeamsThrottle.Limits limits) {
        this.port = port;
        this.refs = refs;
        this.renderer = renderer;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.throttle = new TeamsThrottle(clock, limits);
    }

    @Override
    public String platform() {
        return "teams";
    }

    /** {@code instances} share the tenant limit (see {@code InstanceShare}). */
    void share(int instances) {
        throttle.share(instances);
    }

    TeamsThrottle throttle() {
        return throttle;
    }

    @Override
    public DeliveryResult send(UserRef to, List<Message> messages) {
        if (messages.isEmpty()) {
            return DeliveryResult.delivered();
        }
        Optional<ConversationRefStore.Stored> stored = refs.find(to);
        if (stored.isEmpty()) {
            return DeliveryResult.undeliverable("no Teams conversation yet: the app is not installed for this person");
        }
        if (!stored.get().reachable()) {
            return DeliveryResult.undeliverable("the Teams app was removed by this person");
        }
        String reference = stored.get().reference();
        return deliver(to, reference, renderer.renderAll(messages), MAX_INLINE_WAIT);
    }

    /**
     * Sends activities in order to the conversation {@code reference} names (replies to a message the person
     * just sent), with the same throttle and retries as a nudge; a throttle wait up to {@code longestWait} is
     * waited out. Stops at the first activity not delivered and says why.
     */
    DeliveryResult deliver(UserRef to, String reference, List<Outgoing> activities, Duration longestWait) {
        for (Outgoing outgoing : activities) {
            DeliveryResult result = attempt(to, reference, () -> port.post(reference, outgoing), false, longestWait);
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                return result;
            }
        }
        return DeliveryResult.delivered();
    }

    /**
     * Replaces activity {@code activityId} (the card a button was pressed on) with {@code outgoing}, throttled
     * and retried like a send. A 403 or 404 here means that message cannot be updated, not that the person left.
     */
    DeliveryResult replace(UserRef to, String reference, String activityId, Outgoing outgoing, Duration longestWait) {
        return attempt(to, reference, () -> port.update(reference, activityId, outgoing), true, longestWait);
    }

    private DeliveryResult attempt(UserRef to, String reference, Supplier<BotFrameworkPort.PostResult> call, boolean update,
                                   Duration longestWait) {
        String conversation = Optional.ofNullable(port.conversationId(reference)).orElse(to.key());
        try {
            for (int attempt = 1; ; attempt++) {
                Duration wait = throttle.reserve(conversation, to.tenant());
                if (wait.compareTo(longestWait) > 0) {
                    return DeliveryResult.retryLater(wait, "throttled");
                }
                if (!wait.isZero()) {
                    sleeper.sleep(wait);
                }
                for (Duration more = throttle.gate(to.tenant()); !more.isZero(); more = throttle.gate(to.tenant())) {
                    sleeper.sleep(more);
                }
                BotFrameworkPort.PostResult result = call.get();
                if (result.ok()) {
                    return DeliveryResult.delivered();
                }
                int status = result.status();
                if (update && (status == 400 || status == 403 || status == 404)) {
                    return DeliveryResult.undeliverable("Teams did not update the message: " + result.detail());
                }
                if (status == 403 || status == 404) {
                    refs.markUnreachable(to, clock.instant());
                    return DeliveryResult.undeliverable("Teams answered " + status + ": the person removed the app or left");
                }
                if (status == 429) {
                    Duration after = result.retryAfter() == null ? backoff(attempt) : result.retryAfter();
                    throttle.pause(conversation, clock.instant().plus(after));
                    if (attempt >= ATTEMPTS || after.compareTo(longestWait) > 0) {
                        return DeliveryResult.retryLater(after, "rate limited by Teams (429)");
                    }
                    continue;
                }
                if (TRANSIENT.contains(status)) {
                    Duration backoff = backoff(attempt);
                    if (attempt >= ATTEMPTS) {
                        return DeliveryResult.retryLater(backoff, result.detail() + " after " + attempt + " attempts");
                    }
                    log.debug("teams send {}: retrying in {}", result.detail(), backoff);
                    sleeper.sleep(backoff);
                    continue;
                }
                if (status == 401 || status == 500) {
                    return DeliveryResult.retryLater(null, result.detail()
                            + (status == 401 ? ": check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID" : ""));
                }
                return DeliveryResult.undeliverable("Teams refused the message: " + result.detail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryLater(null, "interrupted");
        }
    }

    /** Exponential backoff with jitter: a random wait between half and all of 0.5 s, 1 s, 2 s ... (at most 8 s). */
    Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
        return Duration.ofMillis(cap / 2 + random.nextLong(cap / 2 + 1));
    }
}
