package uk.ectmentor.adapters.slack;

import java.time.Clock;
import java.time.Duration;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.delivery.Sender;

/**
 * The real {@link SlackSender}, wired as {@link SlackConfiguration} wires it (per-channel and workspace pace,
 * Tier 3 pace for {@code conversations.open}, DM channels remembered in the store, a sleeping pacer), for the
 * limits benchmark, which runs it outside Spring. Lives in the adapter's package because those parts are
 * package-private; it is part of the bench module and never deployed.
 */
public final class BenchSlackSenders {
    private BenchSlackSenders() {
    }

    public static Sender create(String apiUrl, ConversationRefStore dmChannels, Clock clock, int postsPerMinute) {
        return create(apiUrl, dmChannels, clock, postsPerMinute, null);
    }

    /** As above; with a {@code share}, paced at its share of {@code postsPerMinute}, as the app wires it. */
    public static Sender create(String apiUrl, ConversationRefStore dmChannels, Clock clock, int postsPerMinute,
                                InstanceShare share) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setStatsEnabled(false);
        SlackPoster poster = new SlackPoster(Slack.getInstance(config).methods("xoxb-bench"),
                new ChannelLimiter(clock, SlackConfiguration.POST_INTERVAL, postsPerMinute),
                new ChannelLimiter(clock, Duration.ZERO, SlackPoster.TIER_3_PER_MINUTE), Pacer.sleeping(),
                SlackConfiguration.LONGEST_PACE);
        if (share != null) {
            share.onChange(poster::share);
        }
        return new SlackSender(poster, new SlackRenderer(new SlackForms()), new DmChannels(poster, dmChannels, clock),
                SlackConfiguration.LONGEST_NUDGE_PACE);
    }

    /** The default workspace pace, chat.postMessage calls a minute. */
    public static int defaultPostsPerMinute() {
        return SlackConfiguration.POSTS_PER_MINUTE;
    }
}
