package uk.ectmentor.scheduler;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The scheduler's settings ({@code bot.scheduler.*}, from environment variables: see application.yaml).
 *
 * @param enabled          run the dispatcher and housekeeping jobs on this instance
 * @param dispatchInterval how often the dispatcher looks for due nudges
 * @param leaseLength      how long a claim lasts; a crashed instance's claims are retaken after it
 * @param misfireMaxAge    a nudge later than this (after downtime) is dropped, not sent
 * @param maxAttempts      how many times a nudge whose handling fails inside the bot is tried (a platform's
 *                         try-later is retried until the misfire age instead)
 * @param instanceId       this instance's name in leases; blank: host name and process id
 * @param planCron         when nudges are planned (Quartz cron, UTC)
 * @param planHorizon      how far ahead each planning run plans
 * @param cleanupCron      when finished nudges and delivery records are deleted (Quartz cron, UTC)
 * @param keepFor          how long finished nudges and delivery records are kept
 * @param calendarDir      per-school calendars ({@code <schoolId>.yaml} or {@code .ics}); blank: England's default
 * @param sendConcurrency  how many nudges of a claimed batch are sent at once (default {@value #DEFAULT_SEND_CONCURRENCY})
 */
@ConfigurationProperties("bot.scheduler")
public record SchedulerProperties(Boolean enabled, Duration dispatchInterval, Duration leaseLength, Duration misfireMaxAge,
                                  String instanceId, Integer batchSize, Integer maxAttempts, String planCron,
                                  Duration planHorizon, String cleanupCron, Duration keepFor, String calendarDir,
                                  LocalTime dayBeforeTime, LocalTime morningTime, LocalTime studyTime,
                                  Integer sendConcurrency) {
    /**
     * Enough parallel sends to keep Teams' 50 a second per tenant busy at 30-80 ms a round trip on a busy
     * machine, and few enough that Slack's workspace pace (about 5 a second) queues them for under its 3 s
     * inline pause (12 / 4.9 a second = 2.4 s). Measured with {@code bench/run.sh limits}: 8 left Slack's pace
     * under-used on a loaded 2-core machine.
     */
    public static final int DEFAULT_SEND_CONCURRENCY = 12;

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public Duration dispatchEvery() {
        return dispatchInterval == null ? Duration.ofSeconds(30) : dispatchInterval;
    }

    public Dispatcher.Settings dispatcherSettings() {
        return new Dispatcher.Settings(owner(), leaseLength == null ? Duration.ofMinutes(5) : leaseLength,
                misfireMaxAge == null ? Duration.ofHours(1) : misfireMaxAge,
                batchSize == null ? 200 : batchSize, maxAttempts == null ? 5 : maxAttempts,
                sendConcurrency == null ? DEFAULT_SEND_CONCURRENCY : sendConcurrency);
    }

    public String owner() {
        return instanceId == null || instanceId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : instanceId;
    }

    public String planSchedule() {
        return planCron == null || planCron.isBlank() ? "0 5 * * * ?" : planCron;
    }

    public Duration horizon() {
        return planHorizon == null ? Duration.ofDays(8) : planHorizon;
    }

    public String cleanupSchedule() {
        return cleanupCron == null || cleanupCron.isBlank() ? "0 30 3 * * ?" : cleanupCron;
    }

    public Duration keep() {
        return keepFor == null ? Duration.ofDays(30) : keepFor;
    }

    public Path calendarPath() {
        return calendarDir == null || calendarDir.isBlank() ? null : Path.of(calendarDir);
    }

    public NudgePlanner.Times times() {
        NudgePlanner.Times d = NudgePlanner.Times.defaults();
        return new NudgePlanner.Times(dayBeforeTime == null ? d.dayBefore() : dayBeforeTime,
                morningTime == null ? d.morning() : morningTime, studyTime == null ? d.study() : studyTime, d.afterMeeting());
    }
}
