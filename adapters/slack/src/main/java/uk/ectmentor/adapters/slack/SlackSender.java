package uk.ectmentor.adapters.slack;

import java.util.List;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;

/**
 * Sends nudges to a Slack user: opens the direct-message channel, then posts. It never waits on Slack's
 * 429: it returns {@code RETRY_LATER} with Slack's {@code Retry-After} for the scheduler to honour; it waits
 * only for the per-channel pace (about a second) and reports a longer queue as {@code RETRY_LATER} too.
 * People who cannot be reached (deactivated, app removed) come back {@code UNDELIVERABLE}. When a reply
 * spans several Slack messages and a later one fails, the result says so and a retry sends all again.
 */
public final class SlackSender implements Sender {
    private final SlackPoster poster;
    private final SlackRenderer renderer;

    SlackSender(SlackPoster poster, SlackRenderer renderer) {
        this.poster = poster;
        this.renderer = renderer;
    }

    @Override
    public String platform() {
        return "slack";
    }

    @Override
    public DeliveryResult send(UserRef to, List<Message> messages) {
        if (!platform().equals(to.platform())) {
            return DeliveryResult.undeliverable("not a Slack user");
        }
        SlackPoster.Opened dm = poster.openDm(to.userId());
        if (dm.channel() == null) {
            return dm.failure();
        }
        return poster.post(dm.channel(), renderer.messages(messages)).result();
    }
}
