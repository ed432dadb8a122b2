package uk.ectmentor.adapters.teams;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One activity the bot sends, free of SDK types: either Teams-flavoured markdown text or one or more
 * Adaptive Cards (shown one under another).
 */
public record Outgoing(String text, List<ObjectNode> cards) {
    public Outgoing {
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    public static Outgoing text(String markdown) {
        return new Outgoing(markdown, List.of());
    }

    public static Outgoing cards(List<ObjectNode> cards) {
        return new Outgoing(null, cards);
    }

    public boolean isText() {
        return cards.isEmpty();
    }
}
