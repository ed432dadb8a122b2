package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.util.random.RandomGenerator;

import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.delivery.Sender;

/**
 * The real {@link TeamsSender} over the real {@link SdkBotFramework} (unauthenticated, so no token endpoint
 * is needed), for the limits benchmark, which runs it outside Spring. Lives in the adapter's package because
 * those parts are package-private; it is part of the bench module and never deployed. Only proactive posts
 * are made, so the adapter behind the framework has no engine.
 */
public final class BenchTeamsSenders {
    private BenchTeamsSenders() {
    }

    public static Sender create(ConversationRefStore refs, Clock clock, int tenantPerSecond) {
        return create(refs, clock, tenantPerSecond, null);
    }

    /** As above; with a {@code share}, paced at its share of {@code tenantPerSecond}, as the app wires it. */
    public static Sender create(ConversationRefStore refs, Clock clock, int tenantPerSecond, InstanceShare share) {
        AdaptiveCardRenderer renderer = new AdaptiveCardRenderer();
        BotFrameworkPort port = new SdkBotFramework(new TeamsProperties(null, null, null, null, null, null),
                new TeamsAdapter(null, refs, renderer, clock), clock);
        TeamsThrottle.Limits limits = new TeamsThrottle.Limits(tenantPerSecond, TeamsThrottle.Limits.DEFAULT.perConversation());
        TeamsSender sender = new TeamsSender(port, refs, renderer, clock, Sleeper.REAL, RandomGenerator.getDefault(), limits);
        if (share != null) {
            share.onChange(sender::share);
        }
        return sender;
    }

    /** The default per-tenant pace, sends a second. */
    public static int defaultTenantPerSecond() {
        return TeamsThrottle.Limits.DEFAULT.tenantPerSecond();
    }
}
