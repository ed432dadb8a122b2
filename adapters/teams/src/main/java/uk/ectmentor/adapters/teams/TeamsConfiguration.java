package uk.ectmentor.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.ClaimHolder;
import uk.ectmentor.core.delivery.DaemonTimer;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.delivery.OrderedWork;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.storage.MongoStorage;

/** The Teams adapter's parts, from Spring's environment ({@link TeamsProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TeamsProperties.class)
public class TeamsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TeamsConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ConversationRefStore conversationRefStore(MongoStorage storage) {
        return storage.conversationRefs();
    }

    @Bean
    AdaptiveCardRenderer adaptiveCardRenderer() {
        return new AdaptiveCardRenderer();
    }

    @Bean
    TeamsAdapter teamsAdapter(ConversationEngine engine, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock,
                              OrderedWork teamsWork, @Value("${bot.teams.invoke-order-wait:PT3S}") Duration orderWait) {
        // invokes and installs, answered inside the request, wait their turn behind the person's queued messages
        // (at most 3 s by default: Teams gives an invoke about five seconds)
        return new TeamsAdapter(engine, refs, renderer, clock, teamsWork, orderWait);
    }

    @Bean
    BotFrameworkPort botFrameworkPort(TeamsProperties props, TeamsAdapter adapter, Clock clock) {
        if (props.authenticated()) {
            log.info("teams: app {} ({}), POST /api/messages", props.appId(), props.type());
        } else {
            log.info("teams: MICROSOFT_APP_ID not set: POST /api/messages takes unauthenticated requests from loopback only");
        }
        return new SdkBotFramework(props, adapter, clock);
    }

    /**
     * Proactive sends paced to Teams' limits less a margin: {@code bot.teams.tenant-per-second}
     * ({@code BOT_TEAMS_TENANT_PER_SECOND}, 48 of Teams' 50) and {@code bot.teams.conversation-limits}
     * ({@code BOT_TEAMS_CONVERSATION_LIMITS}, {@value TeamsThrottle.Limits#DEFAULT_CONVERSATION}). Its short waits
     * (throttle, backoff) sleep unless a {@link Sleeper} bean is given (tests: one that moves their clock). The tenant
     * pace is the app's as a whole: with several instances on one store, each takes its share ({@link InstanceShare}).
     */
    @Bean
    TeamsSender teamsSender(BotFrameworkPort port, ConversationRefStore refs, AdaptiveCardRenderer renderer, Clock clock,
                            @Value("${bot.teams.tenant-per-second:48}") int tenantPerSecond,
                            @Value("${bot.teams.conversation-limits:" + TeamsThrottle.Limits.DEFAULT_CONVERSATION + "}") String conversationLimits,
                            ObjectProvider<Sleeper> sleeper, ObjectProvider<InstanceShare> shares) {
        TeamsThrottle.Limits limits = new TeamsThrottle.Limits(tenantPerSecond, TeamsThrottle.Limits.parseWindows(conversationLimits));
        log.info("teams: proactive sends at most {} a second per tenant, per conversation {}", tenantPerSecond, conversationLimits);
        TeamsSender sender = new TeamsSender(port, refs, renderer, clock, sleeper.getIfAvailable(() -> Sleeper.REAL),
                RandomGenerator.getDefault(), limits);
        shares.ifAvailable(share -> share.onChange(sender::share));
        return sender;
    }

    /**
     * The threads that handle Teams messages after the HTTP answer ({@code bot.teams.workers}, default 16). At
     * most {@code bot.work-queue} ({@code BOT_WORK_QUEUE}, 1,000) messages wait in memory; more stay pending in
     * the store and recovery answers them, so an overload fills the store, not the heap.
     */
    @Bean(destroyMethod = "close")
    OrderedWork teamsWork(@Value("${bot.teams.workers:16}") int workers, @Value("${bot.work-queue:1000}") int queue) {
        return new OrderedWork("teams-work", workers, queue);
    }

    @Bean
    TeamsInbox teamsInbox(TeamsAdapter adapter, TeamsSender sender, MongoStorage storage, OrderedWork teamsWork,
                          ObjectProvider<InstanceShare> shares, Clock clock) {
        ClaimHolder holder = shares.getIfAvailable();
        return new TeamsInbox(adapter, sender, storage.inboundDedup(), teamsWork, holder == null ? ClaimHolder.alone() : holder, clock);
    }

    /**
     * Every 30 seconds ({@code bot.teams.recovery-interval}), answers messages that were answered 200 to Teams but
     * never handled because a process stopped in between (any instance may pick them up: claims are leased in the store).
     * The first run is one interval after start: only messages kept over a minute ago are taken anyway.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService teamsRecovery(TeamsInbox inbox, @Value("${bot.teams.recovery-interval:PT30S}") Duration every) {
        ScheduledExecutorService timer = DaemonTimer.named("teams-recovery");
        long period = Math.max(1, every.toSeconds());
        timer.scheduleWithFixedDelay(() -> {
            try {
                inbox.recoverUnhandled();
            } catch (RuntimeException e) {
                log.warn("recovering unanswered Teams messages failed: {}", e.getMessage());
            }
        }, period, period, TimeUnit.SECONDS);
        return timer;
    }
}
