package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.delivery.ClaimHolder;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.delivery.PendingRecovery;
import uk.ectmentor.core.delivery.PendingRecovery.Kept;

/**
 * Message activities after Teams has had its answer. {@link #take} keeps the message in the store as pending
 * (keyed by conversation and activity id, so a redelivered activity is taken once) and queues it on
 * {@link OrderedWork} (one person's messages in order); the worker runs the engine, sends the replies through
 * {@link TeamsSender} (its throttle and retries; an Action.Submit's first reply replaces the pressed card) and
 * marks the message handled. {@link #recoverUnhandled} answers pending messages an instance took in and never
 * answered (it stopped in between), under a lease so two instances do not both answer one.
 */
final class TeamsInbox {
    private static final Logger log = LoggerFactory.getLogger(TeamsInbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PLATFORM = "teams";
    /** A kept message still unanswered after this long was lost by a process that stopped. */
    static final Duration RECOVER_AFTER = Duration.ofMinutes(1);
    static final Duration RECOVERY_LEASE = Duration.ofMinutes(5);
    /**
     * A message queued in memory is claimed for this long from when it arrived (in the same write that keeps it),
     * so recovery leaves it to this instance; one left by a crash is retaken after it. A worker that starts on it
     * with less than {@link #HANDLING_MARGIN} left renews the claim first (more than its handling may take: a
     * reply waits at most {@link #LONGEST_REPLY_WAIT} for the throttle). A full queue (1,000 at 48 a second)
     * is worked through long before any renewal.
     */
    static final Duration HANDLING_LEASE = Duration.ofMinutes(5);
    static final Duration HANDLING_MARGIN = Duration.ofSeconds(90);
    private static final int RECOVERY_BATCH = 50;
    /** The roles this inbox claims kept messages under ({@link ClaimHolder#owner}). */
    private static final String INBOX = "teams-inbox";
    private static final String RECOVERY = "teams-recovery";
    /** How long a reply may wait for the throttle before it is given up (and logged). */
    static final Duration LONGEST_REPLY_WAIT = Duration.ofSeconds(60);

    private final TeamsAdapter adapter;
    private final TeamsSender sender;
    private final InboundDedupStore dedup;
    private final OrderedWork work;
    private final Clock clock;
    /** This instance, whose claims on kept messages stand while its heartbeat is renewed. */
    private final ClaimHolder holder;

    TeamsInbox(TeamsAdapter adapter, TeamsSender sender, InboundDedupStore dedup, OrderedWork work, ClaimHolder holder, Clock clock) {
        this.adapter = adapter;
        this.sender = sender;
        this.dedup = dedup;
        this.work = work;
        this.holder = holder;
        this.clock = clock;
    }

    /** The delivery key of a message: its conversation and activity id (Teams' ids are unique per conversation). */
    static String key(TeamsMessage m) {
        if (m.activityId() == null || m.activityId().isBlank()) {
            return "teams:unnamed:" + UUID.randomUUID();
        }
        return "teams:" + m.conversationId() + ":" + m.activityId();
    }

    /**
     * Keeps the message and queues it. False when the activity was taken in before (a redelivery): nothing is
     * queued. With the store down the message is still handled (the engine then says it could not save anything).
     */
    boolean take(TeamsMessage m) {
        String key = key(m);
        Instant at = clock.instant();
        String owner = holder.owner(INBOX);
        Kept kept = PendingRecovery.keep(dedup, work, new InboundDedupStore.Pending(key, m.from(), envelope(m), m.reference(), at),
                owner, HANDLING_LEASE);
        if (kept != Kept.REPEAT && !work.offer(m.from().key(), () -> {
            // after a long wait in the queue recovery may have taken it over, and answers it instead
            if (PendingRecovery.ours(dedup, holder, key, owner, at, clock.instant(), HANDLING_LEASE, HANDLING_MARGIN)) {
                answer(key, m, kept == Kept.KEPT, true);
            }
        })) {
            // busy: the message stays pending in the store and recovery answers it (no heap grows without bound)
            log.debug("teams work queue full: {} left pending for recovery", key);
        }
        return kept != Kept.REPEAT;
    }

    /**
     * Runs a message through the engine, sends the replies, then marks it handled. One kept in the store
     * ({@code kept}) stays kept while the store is out of reach, for recovery to answer once it is back; the person
     * hears so when {@code tell} (not again when recovery meets the outage).
     */
    void answer(String key, TeamsMessage m, boolean kept, boolean tell) {
        List<Outgoing> rest;
        DeliveryResult result;
        if (m.value() != null && TeamsAdapter.isCardSubmit(m.value())) {
            Optional<TeamsAdapter.CardUpdate> turn = kept ? adapter.onKeptCardSubmit(m.from(), m.reference(), m.value(), m.activityId())
                    : Optional.of(adapter.onCardSubmit(m.from(), m.reference(), m.value(), m.activityId()));
            if (turn.isEmpty()) {
                keptForLater(key, m, tell);
                return;
            }
            TeamsAdapter.CardUpdate update = turn.get();
            Outgoing card = Outgoing.cards(List.of(update.card()));
            boolean replaced = m.replyToId() != null && !m.replyToId().isBlank()
                    && sender.replace(m.from(), m.reference(), m.replyToId(), card, LONGEST_REPLY_WAIT).outcome()
                    == DeliveryResult.Outcome.DELIVERED;
            rest = new ArrayList<>();
            if (!replaced) {
                rest.add(card);
            }
            rest.addAll(update.more());
        } else {
            Optional<List<Outgoing>> turn = kept ? adapter.onKeptMessage(m.from(), m.reference(), m.text(), m.activityId())
                    : Optional.of(adapter.onMessage(m.from(), m.reference(), m.text(), m.activityId()));
            if (turn.isEmpty()) {
                keptForLater(key, m, tell);
                return;
            }
            rest = turn.get();
        }
        result = sender.deliver(m.from(), m.reference(), rest, LONGEST_REPLY_WAIT);
        if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
            log.warn("teams reply not delivered: {}", result.detail());
        }
        handled(key);
    }

    /** The store is out of reach: the message stays kept, unanswered, and recovery answers it once the store is back. */
    private void keptForLater(String key, TeamsMessage m, boolean tell) {
        log.info("store out of reach: {} stays kept for recovery", key);
        if (tell) {
            DeliveryResult result = sender.deliver(m.from(), m.reference(), adapter.keptForLater(), LONGEST_REPLY_WAIT);
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                log.warn("teams notice not delivered: {}", result.detail());
            }
        }
    }

    private void handled(String key) {
        try {
            dedup.handled(key);
        } catch (RuntimeException e) {
            log.warn("could not mark a Teams delivery handled (it will be picked up again): {}", e.getMessage());
        }
    }

    /**
     * Picks up messages that were answered 200 but never handled (the process died in between): Teams will not
     * send them again, so they are handled from the store. The engine keys a reflection by its delivery id, so
     * one saved before the crash is not saved twice.
     *
     * @return how many were picked up
     */
    int recoverUnhandled() {
        return recoverUnhandled(holder.owner(RECOVERY));
    }

    /** As {@link #recoverUnhandled()}, claiming under {@code owner}. */
    int recoverUnhandled(String owner) {
        int total = PendingRecovery.retake(dedup, PLATFORM, work, clock, holder, owner, RECOVER_AFTER, RECOVERY_LEASE,
                HANDLING_MARGIN, RECOVERY_BATCH, p -> {
                    TeamsMessage m = read(p);
                    if (m == null) {
                        log.warn("a kept Teams message could not be read back; dropped");
                        handled(p.key());
                    } else {
                        answer(p.key(), m, true, false);
                    }
                });
        if (total > 0) {
            log.info("answering {} Teams messages taken in but not yet answered (a restart, or a busy spell)", total);
        }
        return total;
    }

    /** What is kept besides the sender and the reference (sealed with the text in the store). */
    static String envelope(TeamsMessage m) {
        ObjectNode e = JSON.createObjectNode();
        e.put("conversationId", m.conversationId());
        e.put("activityId", m.activityId());
        e.put("text", m.text());
        if (m.value() != null) {
            e.set("value", m.value());
        }
        e.put("replyToId", m.replyToId());
        return e.toString();
    }

    /** A kept message back from the store; null when its envelope is unreadable. */
    static TeamsMessage read(InboundDedupStore.Pending p) {
        try {
            JsonNode e = JSON.readTree(p.text());
            if (e == null || !e.isObject()) {
                return null;
            }
            return new TeamsMessage(p.from(), p.channel(), e.path("conversationId").asText(null), e.path("activityId").asText(null),
                    e.path("text").asText(null), e.hasNonNull("value") ? e.get("value") : null, e.path("replyToId").asText(null));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
