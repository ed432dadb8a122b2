package uk.ectmentor.app;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import uk.ectmentor.core.MentorBot;
import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.storage.MongoStorage;

/** The core: content, the conversation engine and (for the embedded default) the demo school. */
@Configuration(proxyBeanMethods = false)
class BotConfiguration {
    private static final Logger log = LoggerFactory.getLogger(BotConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ContentPack contentPack(BotProperties props) {
        ContentPack pack;
        try {
            pack = ContentLoader.load(props.contentPath());
        } catch (ContentException e) {
            InvalidContentPackException invalid = new InvalidContentPackException(props.contentPath(), e);
            log.error(invalid.getMessage());
            throw invalid;
        }
        log.info("content pack: {} sessions", pack.size());
        return pack;
    }

    @Bean
    ConversationEngine conversationEngine(MongoStorage storage, ContentPack content, Clock clock, BotProperties props,
                                          SchoolCalendars calendars, uk.ectmentor.core.nudges.CalendarFeeds feeds) {
        if (props.installDemo()) {
            DemoData.install(storage.people(), storage.actions(), clock);
            log.info("demo school ready: mentor '{}' and ECT '{}'", DemoData.MENTOR, DemoData.ECT);
        }
        return MentorBot.engine(storage.botParts(content, clock, props.flowIdleTimeout(), calendars).withFeeds(feeds));
    }

    /**
     * Links to the pairings' nudge calendars: under BOT_PUBLIC_URL (else this machine's address), keyed with
     * BOT_FEED_SECRET when it is set so that they work from anywhere.
     */
    @Bean
    uk.ectmentor.core.nudges.CalendarFeeds calendarFeeds(
            @org.springframework.beans.factory.annotation.Value("${bot.public-url:}") String publicUrl,
            @org.springframework.beans.factory.annotation.Value("${bot.feed-secret:}") String secret,
            @org.springframework.beans.factory.annotation.Value("${server.port:8080}") int port) {
        String base = publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:" + port : publicUrl;
        uk.ectmentor.core.nudges.CalendarFeeds feeds = uk.ectmentor.core.nudges.CalendarFeeds.of(base, secret);
        log.info("calendar links: {} ({})", base, feeds.keyed() ? "keyed: they work from anywhere" : "no BOT_FEED_SECRET: this machine only");
        return feeds;
    }

    /** Keeps the web chat and calendar feeds on this machine unless BOT_WEB_ACCESS opens (or closes) them. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<LocalAccessFilter> localAccessFilter(
            @org.springframework.beans.factory.annotation.Value("${bot.web-access:loopback}") String access,
            uk.ectmentor.core.nudges.CalendarFeeds feeds) {
        LocalAccessFilter.Access parsed = LocalAccessFilter.parse(access);
        if (parsed != LocalAccessFilter.Access.LOOPBACK) {
            log.info("web chat and calendar feeds: BOT_WEB_ACCESS={}", parsed.name().toLowerCase(java.util.Locale.ROOT));
        }
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new LocalAccessFilter(parsed, feeds));
        registration.addUrlPatterns("/*");
        registration.setName("localAccess");
        return registration;
    }

    /** What the scheduler's nudges take from the meeting, audit and plan stores. */
    @Bean
    uk.ectmentor.core.nudges.NudgeInputs nudgeInputs(MongoStorage storage) {
        return storage.nudgeInputs();
    }
}
