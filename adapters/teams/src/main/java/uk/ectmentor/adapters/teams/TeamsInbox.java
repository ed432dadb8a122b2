package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        boolean first;
        try {
            first = PendingRecovery.keep(dedup, work, new InboundDedupStore.Pending(key, m.from(), envelope(m), m.reference(), at),
                    owner, HANDLING_LEASE);
        } catch (RuntimeException e) {
            log.warn("could not record a Teams delivery: {}", e.getMessage());
            first = true;
        }
        if (first && !work.offer(m.from().key(), () -> {
            // after a long wait in the queue recovery may have taken it over, and answers it instead
            if (PendingRecovery.ours(dedup, holder, key, owner, at, clock.instant(), HANDLING_LEASE, HANDLING_MARGIN)) {
                answer(key, m);
            }
        })) {
            // busy: the message stays pending in the store and recovery answers it (no heap grows without bound)
            log.debug("teams work queue full: {} left pending for recovery", key);
        }
        return first;
    }

    /** Runs a kept message through the engine, sends the replies, then marks it handled. */
    void answer(String key, TeamsMessage m) {
        List<Outgoing> rest;
        DeliveryResult result;
        if (m.value() != null && TeamsAdapter.isCardSubmit(m.value())) {
            TeamsAdapter.CardUpdate update = adapter.onCardSubmit(m.from(), m.reference(), m.value(), m.activityId());
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
            rest = adapter.onMessage(m.from(), m.reference(), m.text(), m.activityId());
        }
        result = sender.deliver(m.from(), m.reference(), rest, LONGEST_REPLY_WAIT);
        if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
            log.warn("teams reply not delivered: {}", result.detail());
        }
        handled(key);
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
                        answer(p.key(), m);
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
