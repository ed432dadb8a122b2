package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.StoreUnavailableException;

/**
 * What the bot does with each Teams event, in the core's terms and free of SDK types: the Bot Framework
 * handler ({@link SdkActivityHandler}) translates activities into these calls and sends back what they
 * return. Every inbound activity refreshes the stored conversation reference (the service URL can change).
 */
public final class TeamsAdapter {
    private static final Logger log = LoggerFactory.getLogger(TeamsAdapter.class);

    private final ConversationEngine engine;
    private final ConversationRefStore refs;
    private final AdaptiveCardRenderer renderer;
    private final Clock clock;
    private final OrderedWork work;
    private final Duration orderWait;

    public TeamsAdapter(ConversationEngine engine, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock) {
        this(engine, refs, renderer, clock, null, Duration.ZERO);
    }

    /**
     * @param work      where the person's messages are handled after the HTTP answer ({@link TeamsInbox}): events
     *                  handled inside a request (invokes, installs) take their turn in the same order; null: at once
     * @param orderWait how long such an event waits for the person's earlier messages before it gives up untouched
     */
    public TeamsAdapter(ConversationEngine engine, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock,
                        OrderedWork work, Duration orderWait) {
        this.engine = engine;
        this.refs = refs;
        this.renderer = renderer;
        this.clock = clock;
        this.work = work;
        this.orderWait = orderWait;
    }

    /**
     * A result of an Action.Execute: the card that replaces the pressed one, and any further messages; or, with
     * no card, a short notice Teams shows while leaving the pressed card as it was.
     */
    public record CardUpdate(ObjectNode card, List<Outgoing> more, String notice) {
        public CardUpdate(ObjectNode card, List<Outgoing> more) {
            this(card, more, null);
        }
    }

    /** Said when a button press arrives while the person's earlier messages are still being answered. */
    static final String BUSY = "I'm still answering your earlier messages. Press the button again in a moment.";

    /** A typed message. */
    public List<Outgoing> onMessage(UserRef who, String reference, String text, String activityId) {
        return onMessage(who, reference, text, activityId, in -> Optional.of(engine.handle(in))).orElseThrow();
    }

    /**
     * A typed message kept in the store until answered: empty while the store is out of reach, when it stays kept
     * for recovery ({@link ConversationEngine#handleKept}).
     */
    Optional<List<Outgoing>> onKeptMessage(UserRef who, String reference, String text, String activityId) {
        return onMessage(who, reference, text, activityId, engine::handleKept);
    }

    private Optional<List<Outgoing>> onMessage(UserRef who, String reference, String text, String activityId,
                                               Function<Inbound, Optional<List<Message>>> turn) {
        remember(who, reference);
        return turn.apply(Inbound.text(who, text == null ? "" : text, activityId)).map(this::render);
    }

    /** What a kept message is answered with while the store is out of reach. */
    List<Outgoing> keptForLater() {
        return render(List.of(ConversationEngine.keptForLater()));
    }

    /** True when a message's value is the data of one of the bot's buttons (an Action.Submit). */
    public static boolean isCardSubmit(JsonNode value) {
        return AdaptiveCardRenderer.read(value) != null;
    }

    /**
     * An Action.Submit (a message whose value carries the button's data): like {@link #onCardAction}, the first
     * reply is meant to replace the card the button was on.
     */
    public CardUpdate onCardSubmit(UserRef who, String reference, JsonNode value, String activityId) {
        return onCardAction(who, reference, null, value, activityId);
    }

    /** As {@link #onCardSubmit}, kept in the store until answered: empty while the store is out of reach. */
    Optional<CardUpdate> onKeptCardSubmit(UserRef who, String reference, JsonNode value, String activityId) {
        return onCardAction(who, reference, null, value, activityId, engine::handleKept);
    }

    /**
     * An Action.Execute ({@code adaptiveCard/action} invoke), answered inside the request, after the person's
     * earlier messages (so a press never overtakes what they typed just before); when those take longer than
     * the wait, nothing is done and the card stays as it was, with a notice.
     */
    public CardUpdate onCardInvoke(UserRef who, String reference, String verb, JsonNode data, String activityId) {
        return inOrder(who, () -> onCardAction(who, reference, verb, data, activityId),
                () -> new CardUpdate(null, List.of(), BUSY));
    }

    /** A pressed button, in turn: the first reply replaces the card in place. */
    CardUpdate onCardAction(UserRef who, String reference, String verb, JsonNode data, String activityId) {
        return onCardAction(who, reference, verb, data, activityId, in -> Optional.of(engine.handle(in))).orElseThrow();
    }

    private Optional<CardUpdate> onCardAction(UserRef who, String reference, String verb, JsonNode data, String activityId,
                                              Function<Inbound, Optional<List<Message>>> turn) {
        remember(who, reference);
        AdaptiveCardRenderer.CardInput input = AdaptiveCardRenderer.read(data);
        Inbound in = input == null ? Inbound.action(who, verb == null ? "" : verb, null, activityId)
                : new Inbound(who, null, input.actionId(), input.value(), input.form(), activityId);
        return turn.apply(in).map(this::cardUpdate);
    }

    private CardUpdate cardUpdate(List<Message> replies) {
        if (replies.isEmpty()) {
            return new CardUpdate(renderer.card(Message.text("Done.")), List.of());
        }
        // a first reply too long for one card: the pressed card shows its start, the rest follow as new messages
        List<ObjectNode> first = renderer.cards(replies.get(0));
        List<Outgoing> more = new ArrayList<>();
        first.subList(1, first.size()).forEach(c -> more.add(Outgoing.cards(List.of(c))));
        more.addAll(render(replies.subList(1, replies.size())));
        return new CardUpdate(first.get(0), more);
    }

    /**
     * The app was added (installationUpdate add, or the bot joining the personal chat). The two events
     * often both arrive: only the first, the one that finds no live reference, says welcome.
     */
    public List<Outgoing> onInstalled(UserRef who, String reference, String activityId) {
        boolean isNew = safeFind(who).map(s -> !s.reachable()).orElse(true);
        remember(who, reference);
        if (!isNew) {
            return List.of();
        }
        List<Outgoing> out = new ArrayList<>();
        out.addAll(renderer.render(Message.builder()
                .heading("Welcome to the ECT mentor bot")
                .text("I help mentors and early career teachers with the weekly meeting, reflections and action steps, here in Teams.")
                .build()));
        out.addAll(inOrder(who, () -> render(engine.handle(Inbound.text(who, "hello", activityId))), List::of));
        return out;
    }

    /** The app was removed: keep the reference, but stop sending until it is installed again. */
    public void onUninstalled(UserRef who) {
        try {
            refs.markUnreachable(who, clock.instant());
            log.info("teams app removed by a user in tenant {}", who.tenant());
        } catch (StoreUnavailableException e) {
            log.warn("could not record an uninstall: {}", e.getMessage());
        }
    }

    /** Any other activity from the person: only the stored reference is refreshed. */
    public void refresh(UserRef who, String reference) {
        remember(who, reference);
    }

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int GIVEN_UP = 2;

    /**
     * Runs {@code turn} in the person's order on {@link #work} and waits for it; if it has not started within
     * the wait, it never will, and {@code busy} answers instead.
     */
    private <T> T inOrder(UserRef who, Supplier<T> turn, Supplier<T> busy) {
        if (work == null) {
            return turn.get();
        }
        AtomicInteger state = new AtomicInteger(WAITING);
        CompletableFuture<T> result = new CompletableFuture<>();
        work.submit(who.key(), () -> {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                result.complete(turn.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(orderWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (state.compareAndSet(WAITING, GIVEN_UP)) {
                log.info("a Teams event gave way to the person's earlier messages");
                return busy.get();
            }
            return result.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (state.compareAndSet(WAITING, GIVEN_UP)) {
                return busy.get();
            }
            return result.join();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void remember(UserRef who, String reference) {
        if (reference == null) {
            return;
        }
        try {
            refs.save(who, reference, clock.instant());
        } catch (StoreUnavailableException e) {
            log.warn("could not store a conversation reference: {}", e.getMessage());
        }
    }

    private Optional<ConversationRefStore.Stored> safeFind(UserRef who) {
        try {
            return refs.find(who);
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    private List<Outgoing> render(List<Message> messages) {
        return messages.stream().flatMap(m -> renderer.render(m).stream()).toList();
    }
}
