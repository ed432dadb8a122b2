package uk.ectmentor.adapters.slack;

import java.time.Duration;
import java.util.List;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;

/**
 * Sends nudges to a Slack user: finds the direct-message channel ({@link DmChannels}: remembered, or opened
 * once), then posts. It never waits on Slack's 429: it returns {@code RETRY_LATER} with Slack's
 * {@code Retry-After} for the scheduler to honour; it waits only for the pace (about a second per channel,
 * the workspace-wide pace, Tier 3 for an open): at most {@code longestWait} in the workspace's queue (the
 * scheduler's parallel sends queue there: 12 at about 5 a second is 2.4 s, longer for an instance given a
 * share), but no longer than the reply pause for one busy channel or for Tier 3, and reports a longer
 * wait as {@code RETRY_LATER} too.
 * People who cannot be reached (deactivated, app removed) come back {@code UNDELIVERABLE}. When a reply
 * spans several Slack messages and a later one fails, the result says so and a retry sends all again.
 */
public final class SlackSender implements Sender {
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final DmChannels dms;
    private final Duration longestWait;

    /** Remembers DM channels in memory only. */
    SlackSender(SlackPoster poster, SlackRenderer renderer) {
        this(poster, renderer, new DmChannels(poster, null, java.time.Clock.systemUTC()));
    }

    /** Waits at most as long as the poster does for interactive replies. */
    SlackSender(SlackPoster poster, SlackRenderer renderer, DmChannels dms) {
        this(poster, renderer, dms, poster.longestPause());
    }

    SlackSender(SlackPoster poster, SlackRenderer renderer, DmChannels dms, Duration longestWait) {
        this.poster = poster;
        this.renderer = renderer;
        this.dms = dms;
        this.longestWait = longestWait;
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
        SlackPoster.Opened dm = dms.open(to); // the Tier 3 queue: at most the reply pause
        if (dm.channel() == null) {
            return dm.failure();
        }
        return poster.post(dm.channel(), renderer.messages(messages), longestWait).result();
    }
}
