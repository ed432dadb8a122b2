package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;
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

    public TeamsAdapter(ConversationEngine engine, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock) {
        this.engine = engine;
        this.refs = refs;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** A result of an Action.Execute: the card that replaces the pressed one, and any further messages. */
    public record CardUpdate(ObjectNode card, List<Outgoing> more) {
    }

    /** A typed message. */
    public List<Outgoing> onMessage(UserRef who, String reference, String text, String activityId) {
        remember(who, reference);
        return render(engine.handle(Inbound.text(who, text == null ? "" : text, activityId)));
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

    /** An Action.Execute ({@code adaptiveCard/action} invoke): the first reply replaces the card in place. */
    public CardUpdate onCardAction(UserRef who, String reference, String verb, JsonNode data, String activityId) {
        remember(who, reference);
        AdaptiveCardRenderer.CardInput input = AdaptiveCardRenderer.read(data);
        List<Message> replies;
        if (input == null) {
            replies = engine.handle(Inbound.action(who, verb == null ? "" : verb, null, activityId));
        } else {
            replies = engine.handle(new Inbound(who, null, input.actionId(), input.value(), input.form(), activityId));
        }
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
        out.addAll(render(engine.handle(Inbound.text(who, "hello", activityId))));
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
