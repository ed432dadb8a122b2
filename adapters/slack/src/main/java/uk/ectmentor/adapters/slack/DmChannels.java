package uk.ectmentor.adapters.slack;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ConversationRefStore;

/**
 * Each Slack user's direct-message channel with the bot, remembered so a nudge needs no
 * {@code conversations.open} (Tier 3: about 50 a minute per workspace). Kept in the store's conversation
 * references (keyed by platform, team and user, so "delete my data" removes it with the identity) and in
 * memory in front of it; filled by the first {@code conversations.open} and by every direct message the
 * person sends. Without a store (tests) it remembers in memory only; a store failure falls back to Slack.
 */
final class DmChannels {
    private static final Logger log = LoggerFactory.getLogger(DmChannels.class);
    private static final int MEMORY_LIMIT = 50_000;

    private final SlackPoster poster;
    private final ConversationRefStore store;
    private final Clock clock;
    private final Map<String, String> memory = new ConcurrentHashMap<>();

    /** @param store where channels are kept; null to keep them in memory only */
    DmChannels(SlackPoster poster, ConversationRefStore store, Clock clock) {
        this.poster = poster;
        this.store = store;
        this.clock = clock;
    }

    /** The person's DM channel: remembered, or opened once (paced) and then remembered. */
    SlackPoster.Opened open(UserRef user) {
        return open(user, poster.longestPause());
    }

    /**
     * As {@link #open(UserRef)}, waiting at most {@code longest} for the Tier 3 pace (a nudge passes the
     * reply pause: a sender held in the Tier 3 queue serves nobody else meanwhile).
     */
    SlackPoster.Opened open(UserRef user, java.time.Duration longest) {
        Optional<String> known = known(user);
        if (known.isPresent()) {
            return new SlackPoster.Opened(known.get(), null);
        }
        SlackPoster.Opened opened = poster.openDm(user.userId(), longest);
        if (opened.channel() != null) {
            remember(user, opened.channel());
        }
        return opened;
    }

    /** Notes the channel a person's direct message came from (written only when it is new or changed). */
    void remember(UserRef user, String channel) {
        if (channel == null || channel.isBlank() || channel.equals(memory.get(user.key()))) {
            return;
        }
        if (store != null) {
            try {
                Optional<ConversationRefStore.Stored> stored = store.find(user);
                if (stored.isEmpty() || !channel.equals(stored.get().reference())) {
                    store.save(user, channel, clock.instant());
                }
            } catch (RuntimeException e) {
                log.warn("could not remember a Slack DM channel: {}", e.getMessage());
            }
        }
        keep(user, channel);
    }

    private Optional<String> known(UserRef user) {
        String channel = memory.get(user.key());
        if (channel != null) {
            return Optional.of(channel);
        }
        if (store == null) {
            return Optional.empty();
        }
        try {
            Optional<String> stored = store.find(user).map(ConversationRefStore.Stored::reference).filter(c -> !c.isBlank());
            stored.ifPresent(c -> keep(user, c));
            return stored;
        } catch (RuntimeException e) {
            log.warn("could not read a remembered Slack DM channel: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void keep(UserRef user, String channel) {
        if (memory.size() >= MEMORY_LIMIT) {
            memory.clear(); // the store still has them
        }
        memory.put(user.key(), channel);
    }
}
