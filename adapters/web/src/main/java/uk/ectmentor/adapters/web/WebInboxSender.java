package uk.ectmentor.adapters.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.delivery.WebInbox;

/**
 * Nudges for web chat users: kept in their inbox until the page next loads or they next send a message
 * ({@code GET /api/chat/inbox}). The web chat has no rate limit, so every put is delivered.
 */
@Component
public class WebInboxSender implements Sender {
    private final WebInbox inbox;
    private final Clock clock;

    public WebInboxSender(WebInbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    @Override
    public String platform() {
        return "web";
    }

    @Override
    public DeliveryResult send(UserRef to, List<Message> messages) {
        inbox.put(to.userId(), UUID.randomUUID().toString(), messages, clock.instant());
        return DeliveryResult.delivered();
    }
}
