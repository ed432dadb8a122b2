package uk.ectmentor.adapters.slack;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;

import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.delivery.ClaimHolder;
import uk.ectmentor.core.delivery.DaemonTimer;
import uk.ectmentor.core.delivery.InstanceShare;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.home.HomePage;
import uk.ectmentor.core.storage.MongoStorage;

/**
 * The Slack adapter, on only when a Slack variable is set ({@link SlackEnabled}). At start it checks the bot
 * token with {@code auth.test} and refuses to start on a bad one; then it serves {@code POST /slack/events}
 * (with {@code SLACK_SIGNING_SECRET}) and/or connects in Socket Mode (with {@code SLACK_APP_TOKEN}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackEnabled.class)
@EnableConfigurationProperties(SlackProperties.class)
public class SlackConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);
    static final Duration POST_INTERVAL = Duration.ofSeconds(1);
    static final Duration LONGEST_PACE = Duration.ofSeconds(3);
    /**
     * The longest a nudge waits inline for its pace (a reply to someone waiting waits at most
     * {@link #LONGEST_PACE}): the dispatcher's parallel sends queue on the workspace pace, and an instance
     * given a share of it (several instances) queues longer; beyond this the nudge is put off.
     */
    static final Duration LONGEST_NUDGE_PACE = Duration.ofSeconds(10);
    /**
     * The workspace-wide pace of chat.postMessage. Slack publishes no figure, only "several hundred a minute"
     * per workspace (besides about one a second per channel): read as 300, less a margin so that jitter on
     * the way cannot put more than 300 into any minute.
     */
    static final int POSTS_PER_MINUTE = 295;

    @Bean
    Slack slack(SlackProperties props) {
        props.check();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(props.methodsUrl());
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    /** The Web API client with the bot token, checked with auth.test before anything else starts. */
    @Bean
    MethodsClient slackMethods(Slack slack, SlackProperties props) {
        MethodsClient methods = slack.methods(props.botToken().strip());
        AuthTestResponse auth;
        try {
            auth = methods.authTest(r -> r);
        } catch (IOException | SlackApiException e) {
            throw new IllegalStateException("Could not reach Slack's Web API at " + props.methodsUrl() + " to check "
                    + "SLACK_BOT_TOKEN (" + e.getClass().getSimpleName() + "). Check the network or SLACK_API_URL.", e);
        }
        if (!auth.isOk()) {
            throw new IllegalStateException("Slack refused SLACK_BOT_TOKEN (auth.test: " + auth.getError() + "). "
                    + "Copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page.");
        }
        log.info("Slack: connected to workspace '{}' ({}) as bot user {}", auth.getTeam(), auth.getTeamId(), auth.getUserId());
        return methods;
    }

    /**
     * Workers for the engine's turns. Replies are paced at about one a second per channel and the pacing waits
     * on these threads, so there are more of them than cores: a backlog (after a restart) drains in seconds.
     * At most {@code bot.work-queue} ({@code BOT_WORK_QUEUE}, 1,000) typed messages wait in memory; more stay
     * pending in the store and recovery answers them, so an overload fills the store, not the heap.
     */
    @Bean(destroyMethod = "close")
    SlackWork slackWork(@org.springframework.beans.factory.annotation.Value("${bot.work-queue:1000}") int queue) {
        return new SlackWork(16, queue);
    }

    @Bean
    SlackRenderer slackRenderer() {
        return new SlackRenderer(new SlackForms());
    }

    /**
     * Posts paced per channel and workspace-wide ({@code bot.slack.posts-per-minute},
     * {@code BOT_SLACK_POSTS_PER_MINUTE}), and conversations.open paced to Tier 3
     * ({@code bot.slack.opens-per-minute}, {@code BOT_SLACK_OPENS_PER_MINUTE}). These are the paces for the app as a
     * whole: with several instances on one store, each takes its share ({@link InstanceShare}).
     */
    @Bean
    SlackPoster slackPoster(MethodsClient slackMethods, Clock clock, ObjectProvider<Pacer> pacer, ObjectProvider<InstanceShare> shares,
                            @org.springframework.beans.factory.annotation.Value("${bot.slack.posts-per-minute:" + POSTS_PER_MINUTE + "}") int postsPerMinute,
                            @org.springframework.beans.factory.annotation.Value("${bot.slack.opens-per-minute:" + SlackPoster.TIER_3_PER_MINUTE + "}") int opensPerMinute) {
        if (postsPerMinute < 1 || opensPerMinute < 1) {
            throw new IllegalStateException("BOT_SLACK_POSTS_PER_MINUTE and BOT_SLACK_OPENS_PER_MINUTE must be at least 1 (now "
                    + postsPerMinute + " and " + opensPerMinute + ")");
        }
        log.info("Slack: posting at most {} messages a minute across the workspace, about 1 a second per channel; "
                + "conversations.open at most {} a minute", postsPerMinute, opensPerMinute);
        SlackPoster poster = new SlackPoster(slackMethods, new ChannelLimiter(clock, POST_INTERVAL, postsPerMinute),
                new ChannelLimiter(clock, Duration.ZERO, opensPerMinute), pacer.getIfAvailable(Pacer::sleeping), LONGEST_PACE);
        shares.ifAvailable(share -> share.onChange(poster::share));
        return poster;
    }

    @Bean
    DmChannels slackDmChannels(SlackPoster slackPoster, MongoStorage storage, Clock clock) {
        return new DmChannels(slackPoster, storage.conversationRefs(), clock);
    }

    @Bean
    public SlackSender slackSender(SlackPoster slackPoster, SlackRenderer slackRenderer, DmChannels slackDmChannels) {
        return new SlackSender(slackPoster, slackRenderer, slackDmChannels, LONGEST_NUDGE_PACE);
    }

    @Bean
    SlackAdapter slackAdapter(ConversationEngine engine, MongoStorage storage, ContentPack content, Clock clock, SlackWork slackWork,
                              SlackRenderer slackRenderer, SlackPoster slackPoster, Slack slack, DmChannels slackDmChannels,
                              MethodsClient slackMethods, ObjectProvider<Pacer> pacer, ObjectProvider<InstanceShare> shares) {
        HomePage home = new HomePage(storage.people(), storage.actions(), storage.learningLog(), content, clock);
        ClaimHolder holder = shares.getIfAvailable();
        return new SlackAdapter(engine, home, storage.inboundDedup(), slackRenderer, slackRenderer.forms(), slackPoster,
                new ResponseUrlSender(slack), slackDmChannels, slackMethods, slackWork, pacer.getIfAvailable(Pacer::sleeping),
                holder == null ? ClaimHolder.alone() : holder, clock);
    }

    @Bean
    App slackApp(Slack slack, SlackProperties props, SlackAdapter adapter) {
        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(props.botToken().strip())
                .signingSecret(props.httpMode() ? props.signingSecret().strip() : null)
                // SlackEndpoint checks signatures on the raw bytes (Bolt's check depends on the JVM charset)
                .requestVerificationEnabled(false)
                .authTestCacheEnabled(true)
                .build());
        adapter.register(app);
        // old delivery ids and expired link codes are cleared by the scheduler's nightly housekeeping
        return app;
    }

    /**
     * Every 30 seconds ({@code bot.slack.recovery-interval}), answers messages that were acknowledged to Slack but never answered because a process
     * stopped in between (any instance may pick them up: claims are leased in the store).
     */
    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ScheduledExecutorService slackRecovery(SlackAdapter adapter,
            @org.springframework.beans.factory.annotation.Value("${bot.slack.recovery-interval:PT30S}") Duration every) {
        java.util.concurrent.ScheduledExecutorService timer = DaemonTimer.named("slack-recovery");
        timer.scheduleWithFixedDelay(() -> {
            try {
                adapter.recoverUnhandled();
            } catch (RuntimeException e) {
                log.warn("recovering unanswered Slack messages failed: {}", e.getMessage());
            }
        }, Math.min(10, every.toSeconds()), every.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return timer;
    }

    @Bean
    RouterFunction<ServerResponse> slackRoutes(App slackApp, SlackProperties props, Clock clock) {
        if (!props.httpMode()) {
            return RouterFunctions.route().build();
        }
        SlackEndpoint endpoint = new SlackEndpoint(slackApp, new SlackRequestVerifier(props.signingSecret().strip(), clock));
        log.info("Slack: receiving events, commands and interactivity at POST {}", SlackEndpoint.PATH);
        return RouterFunctions.route(RequestPredicates.POST(SlackEndpoint.PATH), endpoint::handle);
    }

    /** Socket Mode: Slack pushes the same requests over a WebSocket, so no public URL is needed. */
    @Bean(destroyMethod = "close")
    SocketModeRunner slackSocketMode(App slackApp, SlackProperties props) throws Exception {
        if (!props.socketMode()) {
            return new SocketModeRunner(null);
        }
        SocketModeApp socket = new SocketModeApp(props.appToken().strip(), slackApp);
        socket.startAsync();
        log.info("Slack: Socket Mode started");
        return new SocketModeRunner(socket);
    }

    /** Holds the Socket Mode connection, if any, and closes it at shutdown. */
    static final class SocketModeRunner implements AutoCloseable {
        private final SocketModeApp socket;

        SocketModeRunner(SocketModeApp socket) {
            this.socket = socket;
        }

        boolean running() {
            return socket != null;
        }

        @Override
        public void close() throws Exception {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
