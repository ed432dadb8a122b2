package uk.ectmentor.scheduler;

import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz with the in-memory RAM job store, one per instance: it only says when to run the dispatcher and
 * the housekeeping jobs. The schedule itself is in MongoDB, so every instance runs the same jobs and the
 * store's leases keep them from doing the same work twice.
 */
public final class QuartzJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuartzJobs.class);
    private static final Map<String, CronExpression> CRON_CACHE = new ConcurrentHashMap<>();

    private final Scheduler scheduler;
    private final Map<String, Runnable> jobs = new ConcurrentHashMap<>();

    public QuartzJobs(String instanceName) {
        Properties props = new Properties();
        props.setProperty("org.quartz.scheduler.instanceName", "nudges-" + instanceName);
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.threadPool.threadCount", "2");
        props.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            scheduler = new StdSchedulerFactory(props).getScheduler();
            scheduler.setJobFactory((bundle, s) -> new RunnableJob(jobs.get(bundle.getJobDetail().getKey().getName())));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** A parsed cron expression, parsed once per (expression, zone). */
    public static CronExpression cron(String expression, java.time.ZoneId zone) {
        return CRON_CACHE.computeIfAbsent(expression + "|" + zone.getId(), k -> {
            try {
                CronExpression c = new CronExpression(expression);
                c.setTimeZone(TimeZone.getTimeZone(zone));
                return c;
            } catch (ParseException e) {
                throw new IllegalArgumentException("'" + expression + "' is not a Quartz cron expression: " + e.getMessage(), e);
            }
        });
    }

    /** Runs {@code job} every {@code interval}, never two runs at once. */
    public QuartzJobs every(String name, Duration interval, Runnable job) {
        jobs.put(name, guarded(name, job));
        schedule(name, TriggerBuilder.newTrigger().withIdentity(name).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount()).build());
        return this;
    }

    /** Runs {@code job} on a Quartz cron expression in {@code zone}. */
    public QuartzJobs cron(String name, String expression, java.time.ZoneId zone, Runnable job) {
        jobs.put(name, guarded(name, job));
        CronExpression parsed = cron(expression, zone);
        schedule(name, TriggerBuilder.newTrigger().withIdentity(name)
                .withSchedule(CronScheduleBuilder.cronSchedule(parsed).withMisfireHandlingInstructionFireAndProceed()).build());
        return this;
    }

    private void schedule(String name, org.quartz.Trigger trigger) {
        try {
            scheduler.scheduleJob(JobBuilder.newJob(RunnableJob.class).withIdentity(name).build(), trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule " + name + ": " + e.getMessage(), e);
        }
    }

    private static Runnable guarded(String name, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("job {} failed: {}", name, e.toString());
            }
        };
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start Quartz: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Quartz shutdown: {}", e.getMessage());
        }
    }

    /** A Quartz job that runs one of our runnables. */
    @DisallowConcurrentExecution
    public static final class RunnableJob implements Job {
        private final Runnable body;

        RunnableJob(Runnable body) {
            this.body = body;
        }

        @Override
        public void execute(JobExecutionContext context) {
            if (body != null) {
                body.run();
            }
        }
    }
}
