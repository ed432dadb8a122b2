package uk.ectmentor.scheduler;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.delivery.WebInbox;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.nudges.PreferencesStore;
import uk.ectmentor.core.rights.RetentionJob;
import uk.ectmentor.core.storage.MongoStorage;

/**
 * The scheduler's wiring: the store, the planner, the dispatcher over every {@link Sender} bean, and
 * Quartz (RAM job store) running dispatch and housekeeping on this instance when enabled.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    SchoolCalendars schoolCalendars(SchedulerProperties props) {
        return new SchoolCalendars(props.calendarPath());
    }

    @Bean
    PreferencesStore nudgePreferences(MongoStorage storage) {
        return storage.preferences();
    }

    @Bean
    WebInbox webInbox(MongoStorage storage) {
        return storage.webInbox();
    }

    @Bean
    NudgeStore nudgeStore(MongoStorage storage) {
        return new NudgeStore(storage.database());
    }

    @Bean
    SchedulePlanning schedulePlanning(MongoStorage storage, ContentPack content, SchoolCalendars calendars,
                                      NudgeStore store, SchedulerProperties props, ObjectProvider<NudgeInputs> inputs) {
        NudgePlanner planner = new NudgePlanner(content, inputs.getIfAvailable(() -> NudgeInputs.NONE), props.times());
        return new SchedulePlanning(storage.people(), storage.actions(), calendars, planner, store);
    }

    @Bean
    Dispatcher dispatcher(MongoStorage storage, ContentPack content, SchoolCalendars calendars, NudgeStore store,
                          List<Sender> senders, Clock clock, SchedulerProperties props, ObjectProvider<NudgeInputs> inputs) {
        NudgeComposer composer = new NudgeComposer(storage.people(), content, storage.actions(),
                inputs.getIfAvailable(() -> NudgeInputs.NONE));
        log.info("nudges go out through: {}", senders.stream().map(Sender::platform).toList());
        return new Dispatcher(store, storage.people(), storage.preferences(), calendars, composer, senders, clock,
                props.dispatcherSettings());
    }

    /**
     * The nightly housekeeping every instance runs (each step is idempotent, so two instances running it is
     * harmless): old nudge records, platform delivery ids older than any retry, expired link codes, heartbeats of
     * instances that stopped without leaving, and the
     * retention rule for people whose induction ended long ago. No TTL indexes: the embedded store has none.
     */
    static void cleanUp(NudgeStore store, MongoStorage storage, RetentionJob retention, java.time.Instant now,
                        java.time.Duration keep) {
        log.info("clean-up removed {} old nudge records", store.cleanUp(now.minus(keep)));
        log.info("clean-up forgot {} old platform deliveries", storage.inboundDedup().forgetBefore(now.minus(java.time.Duration.ofDays(2))));
        log.info("clean-up removed {} expired link codes", storage.linkCodes().deleteExpired(now));
        log.info("clean-up forgot {} instances that stopped without leaving", storage.instances().forgetBefore(now.minus(java.time.Duration.ofDays(1))));
        if (retention != null) {
            log.info("retention erased the records of {} people past the retention period", retention.run());
        }
    }

    @Bean
    SmartLifecycle nudgeJobs(SchedulerProperties props, Dispatcher dispatcher, SchedulePlanning planning, NudgeStore store,
                             Clock clock, MongoStorage storage, ObjectProvider<RetentionJob> retention) {
        return new SmartLifecycle() {
            private QuartzJobs jobs;

            @Override
            public void start() {
                if (!props.isEnabled()) {
                    log.info("scheduler disabled on this instance (BOT_SCHEDULER_ENABLED=false)");
                    return;
                }
                jobs = new QuartzJobs(props.owner())
                        .every("dispatch", props.dispatchEvery(), dispatcher::drain)
                        .cron("plan", props.planSchedule(), ZoneOffset.UTC,
                                () -> planning.planAll(clock.instant(), props.horizon()))
                        .cron("clean-up", props.cleanupSchedule(), ZoneOffset.UTC,
                                () -> cleanUp(store, storage, retention.getIfAvailable(), clock.instant(), props.keep()));
                jobs.start();
                // plan at start too, so a fresh instance has a schedule without waiting for the hour
                Thread t = new Thread(() -> {
                    try {
                        planning.planAll(clock.instant(), props.horizon());
                    } catch (RuntimeException e) {
                        log.warn("first planning run failed: {}", e.toString());
                    }
                }, "nudge-plan-at-start");
                t.setDaemon(true);
                t.start();
                log.info("scheduler running as '{}': dispatch every {}, plan on '{}'", props.owner(), props.dispatchEvery(),
                        props.planSchedule());
            }

            @Override
            public void stop() {
                if (jobs != null) {
                    jobs.close();
                    jobs = null;
                }
            }

            @Override
            public boolean isRunning() {
                return jobs != null;
            }
        };
    }
}
