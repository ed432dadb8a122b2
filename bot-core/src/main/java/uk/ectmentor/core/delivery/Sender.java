package uk.ectmentor.core.delivery;

import java.util.List;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;

/**
 * Sends messages to a person unprompted (nudges), on one platform. Each adapter provides one; the
 * scheduler picks the sender by {@link UserRef#platform()}. A sender honours its platform's rate limits
 * and reports, rather than hides, what happened.
 */
public interface Sender {
    /** The platform this sender reaches: "web", "slack" or "teams". */
    String platform();

    DeliveryResult send(UserRef to, List<Message> messages);
}
